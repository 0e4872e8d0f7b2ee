import polyglotI18nProvider from 'ra-i18n-polyglot';
import { resolveBrowserLocale, type Store, type TranslationMessages } from 'react-admin';
import { en } from './en';

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

/**
 * English is in the first chunk; the Chinese catalogue (with react-admin's own words, ~12 KB brotli) is a chunk of
 * its own, fetched only by a desk that uses it, so the login page of an English desk does not carry both (issue 19,
 * docs/PERFORMANCE.md). Polyglot's changeLocale waits for a Promise from getMessages.
 */
const loaded: Record<string, TranslationMessages> = { en };
const loaders: Record<string, () => Promise<TranslationMessages>> = {
  'zh-CN': () => import('./zh-CN').then((module) => module.zhCN),
};

function messagesFor(locale: string): TranslationMessages | Promise<TranslationMessages> {
  const messages = loaded[locale];
  if (messages) return messages;
  const load = loaders[locale];
  if (!load) return en;
  return load().then((catalogue) => (loaded[locale] = catalogue));
}

/** Any Chinese browser gets zh-CN, everyone else English. */
export function initialLocale(): string {
  return resolveBrowserLocale('en', { fullLocale: true }).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The language chosen in the app bar (kept in react-admin's store), else the browser's. */
export function preferredLocale(store: Store): string {
  const stored: unknown = store.getItem('locale');
  return typeof stored === 'string' && LOCALES.some(({ locale }) => locale === stored) ? stored : initialLocale();
}

/** Starts in English (the only catalogue loaded synchronously); main.tsx switches before the first render. */
export const i18nProvider = polyglotI18nProvider(messagesFor, 'en', LOCALES);

/**
 * Loads the desk's language before the first render, so nothing shows in English first and
 * react-admin's store and the provider agree from the start.
 */
export async function startInPreferredLocale(store: Store): Promise<void> {
  const locale = preferredLocale(store);
  if (locale !== i18nProvider.getLocale()) await i18nProvider.changeLocale(locale);
}
