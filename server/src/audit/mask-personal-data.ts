import { maskDocument, maskEmail, maskPhone } from '@closure-desk/shared';

const MASKS: Record<string, (v: string) => string | null> = {
  email: maskEmail,
  phone: maskPhone,
  msisdn: maskPhone,
  recipient: (v) => (v.includes('@') ? maskEmail(v) : maskPhone(v)),
  idDocumentNumber: maskDocument,
};

/** Personal data appears in audit events only masked (DOMAIN.md "The audit trail"). */
export function maskPersonalData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const mask = MASKS[k];
      out[k] = mask && typeof v === 'string' ? mask(v) : maskPersonalData(v);
    }
    return out;
  }
  return value;
}
