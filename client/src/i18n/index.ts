import polyglotI18nProvider from 'ra-i18n-polyglot';
import { resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

const messages: Record<string, TranslationMessages> = { en, 'zh-CN': zhCN };

/** Any Chinese browser gets zh-CN, everyone else English. */
export function initialLocale(): string {
  return resolveBrowserLocale('en', { fullLocale: true }).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * The browser's language is only the first guess: react-admin keeps the language chosen in
 * the app bar in its store and switches to it on start-up.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale] ?? en,
  initialLocale(),
  LOCALES,
);
