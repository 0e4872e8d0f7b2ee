import { en } from './en';
import { zhCN } from './zh-CN';

/** The same nested keys as T, every leaf a string: what a translation of T must give. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

type Messages = { [key: string]: string | Messages };

/** Every leaf of a message tree with its dotted key: `['ra.action.add', 'Add']`. */
export function leafEntries(messages: Messages, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([key, value]): Array<[string, string]> => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value]] : leafEntries(value, path);
  });
}

/**
 * Keys that `reference` has and `translation` lacks (or holds as a group instead of a text),
 * sorted. By default: what zh-CN is missing compared with en.
 */
export function missingTranslationKeys(
  reference: Messages = en as unknown as Messages,
  translation: Messages = zhCN as unknown as Messages,
): string[] {
  const present = new Set(leafEntries(translation).map(([key]) => key));
  return leafEntries(reference)
    .map(([key]) => key)
    .filter((key) => !present.has(key))
    .sort();
}

/** Messages of a translation that still use Polyglot's `||||` plural separator (Chinese has one form). */
export function pluralFormKeys(translation: Messages = zhCN as unknown as Messages): string[] {
  return leafEntries(translation)
    .filter(([, value]) => value.includes('||||'))
    .map(([key]) => key);
}
