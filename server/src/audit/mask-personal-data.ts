import { maskDocument, maskEmail, maskPhone } from '@closure-desk/shared';

// A Map, not an object literal: a key named `constructor` or `toString` is no mask.
const MASKS = new Map<string, (v: string) => string | null>([
  ['email', maskEmail],
  ['phone', maskPhone],
  ['msisdn', maskPhone],
  ['recipient', (v) => (v.includes('@') ? maskEmail(v) : maskPhone(v))],
  ['idDocumentNumber', maskDocument],
]);

/** Personal data appears in audit events only masked (DOMAIN.md "The audit trail"). */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    // fromEntries defines each key as an own property: `out.__proto__ = …` would set the prototype instead.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      const mask = MASKS.get(k);
      return [k, mask && typeof v === 'string' ? mask(v) : maskPersonalData(v)];
    }));
  }
  return value;
}
