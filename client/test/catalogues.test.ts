import { describe, expect, it } from 'vitest';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  BLOCKER_IDS,
  CHECK_IDS,
  CLOSURE_ACTIONS,
  ERROR_CODES,
  NOTIFICATION_TEMPLATE_CODES,
} from '@closure-desk/shared';
import { en } from '../src/i18n/en';
import { zhCN } from '../src/i18n/zh-CN';
import { ENUMS, enumLabelKey, type EnumName } from '../src/common/enums';
import { codeKey } from '../src/i18n/codes';
import { missingTranslationKeys, pluralFormKeys } from '../src/i18n/completeness';

type Messages = Parameters<typeof missingTranslationKeys>[0];

/** Every key a code a person can see is looked up under, from shared's own code lists. */
function keysOfEveryCode(): string[] {
  const keys: string[] = [];
  for (const name of Object.keys(ENUMS) as EnumName[]) for (const v of ENUMS[name]) keys.push(enumLabelKey(name, v));
  for (const a of AUDIT_ACTIONS) keys.push(codeKey('auditAction', a));
  for (const t of AUDIT_ENTITY_TYPES) keys.push(codeKey('entityType', t));
  for (const t of NOTIFICATION_TEMPLATE_CODES) keys.push(codeKey('template', t));
  for (const c of ERROR_CODES) keys.push(codeKey('errorCode', c));
  for (const c of BLOCKER_IDS) keys.push(`app.checks.${c}`);
  for (const c of CHECK_IDS) keys.push(`app.check_help.${c}`);
  for (const a of CLOSURE_ACTIONS) keys.push(`app.actions.${a}.label`);
  return keys;
}

const LANGUAGES = [
  ['en', en],
  ['zh-CN', zhCN],
] as const;

describe('one catalogue per language', () => {
  it.each(LANGUAGES)('%s words every code of the shared code lists', (locale, messages) => {
    const { translate } = polyglotI18nProvider(() => messages, locale);
    const missing = keysOfEveryCode().filter((key) => {
      const text = translate(key, { _: 'MISSING' });
      return text === 'MISSING' || text.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  it('zh-CN and en have the same keys, both ways', () => {
    expect(missingTranslationKeys(en as unknown as Messages, zhCN as unknown as Messages)).toEqual([]);
    expect(missingTranslationKeys(zhCN as unknown as Messages, en as unknown as Messages)).toEqual([]);
  });

  it('zh-CN has one plural form everywhere and no English left in the codes', () => {
    expect(pluralFormKeys(zhCN as unknown as Messages)).toEqual([]);
    const { translate } = polyglotI18nProvider(() => zhCN, 'zh-CN');
    const english = keysOfEveryCode().filter((key) => !/[\u4e00-\u9fff]/.test(translate(key)) && !key.startsWith('enums.currency') && !key.startsWith('enums.locale.en'));
    expect(english).toEqual([]);
  });
});
