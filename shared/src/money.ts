import { CURRENCY_EXPONENT, type Currency } from './domain';

/** Formats integer minor units for display, without ever going through a float. */
export function formatMinor(amount: number, currency: string, locale = 'en'): string {
  const exponent = CURRENCY_EXPONENT[currency as Currency] ?? 2;
  const negative = amount < 0;
  const abs = BigInt(Math.abs(amount));
  const base = 10n ** BigInt(exponent);
  const major = abs / base;
  const minor = (abs % base).toString().padStart(exponent, '0');
  const majorText = grouping(locale).format(major);
  const symbol = currencySymbol(locale, currency);
  return `${negative ? '-' : ''}${symbol}${majorText}${exponent > 0 ? `.${minor}` : ''}`;
}

// Intl formatters cost a tenth of a millisecond to build: one per locale (and currency), kept.
const groupings = new Map<string, Intl.NumberFormat>();
const symbols = new Map<string, string>();

function grouping(locale: string): Intl.NumberFormat {
  let f = groupings.get(locale);
  if (!f) groupings.set(locale, (f = new Intl.NumberFormat(locale, { useGrouping: true })));
  return f;
}

function currencySymbol(locale: string, currency: string): string {
  const key = `${locale} ${currency}`;
  let symbol = symbols.get(key);
  if (symbol === undefined) {
    // 'symbol', not 'narrowSymbol': narrow gives "$" to USD and HKD alike. English writes USD as
    // a bare "$" even then, so it is always US$ here: every currency reads apart in both languages.
    symbol = currency === 'USD'
      ? 'US$'
      : new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'symbol' })
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? currency;
    symbols.set(key, symbol);
  }
  return symbol;
}

/** True for a safe non-negative integer amount of minor units. */
export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
