import { NumberInput, type NumberInputProps } from 'react-admin';

const EXPONENT = 2; // every currency of shared/domain.ts has two minor digits

/**
 * "500.5" → 50050. Works on the decimal text (the shortest text of a JS number is exact for
 * what a person types), so no float arithmetic can shift a cent. Anything that is not a
 * plain non-negative amount with at most two decimals clears the filter.
 */
export function majorToMinor(value: unknown, exponent = EXPONENT): number | null {
  if (value == null || value === '') return null;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(value).trim());
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) return null;
  const minor = BigInt(whole) * 10n ** BigInt(exponent) + BigInt(fraction.padEnd(exponent, '0') || '0');
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}

/** 50050 → "500.50", for showing a stored filter value back in its input. */
export function minorToMajorText(value: unknown, exponent = EXPONENT): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return '';
  const digits = Math.abs(value).toString().padStart(exponent + 1, '0');
  const text = `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return value < 0 ? `-${text}` : text;
}

/** A money amount filter (`cashBalance_gte`, ...): typed in major units, sent in minor units. */
export const MoneyInput = (props: NumberInputProps) => (
  <NumberInput min={0} step={0.01} parse={majorToMinor} format={minorToMajorText} {...props} />
);
