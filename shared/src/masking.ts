/**
 * How personal data is shown in every answer and every audit event (API.md):
 * `138****5678`, `a***@example.com`, `E1*****89`.
 */
export function maskPhone(value: string | null | undefined): string | null {
  if (value == null) return null;
  const digits = value.trim();
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(4)}${digits.slice(-4)}`;
}

export function maskEmail(value: string | null | undefined): string | null {
  if (value == null) return null;
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

export function maskDocument(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

export const MASKED_CUSTOMER_FIELDS = ['email', 'phone', 'idDocumentNumber'] as const;
export type MaskedCustomerField = (typeof MASKED_CUSTOMER_FIELDS)[number];

export const MASKERS: Record<MaskedCustomerField, (v: string | null | undefined) => string | null> = {
  email: maskEmail,
  phone: maskPhone,
  idDocumentNumber: maskDocument,
};
