import { CURRENCY_EXPONENT, type Currency } from './domain';

/** Formats integer minor units for display, without ever going through a float. */
export function formatMinor(amount: number, currency: string, locale = 'en'): string {
  const exponent = CURRENCY_EXPONENT[currency as Currency] ?? 2;
  const negative = amount < 0;
  const abs = BigInt(Math.abs(amount));
  const base = 10n ** BigInt(exponent);
  const major = abs / base;
  const minor = (abs % base).toString().padStart(exponent, '0');
  const majorText = new Intl.NumberFormat(locale, { useGrouping: true }).format(major);
  const symbol = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0)
    .find((p) => p.type === 'currency')?.value ?? currency;
  return `${negative ? '-' : ''}${symbol}${majorText}${exponent > 0 ? `.${minor}` : ''}`;
}

/** True for a safe non-negative integer amount of minor units. */
export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
