import { describe, expect, it } from 'vitest';
import { ClosureRequestCreateBody } from '../src/schemas/closure-request-create';

const PHONE = {
  customerId: 12,
  channel: 'phone',
  reasonCode: 'moving_abroad',
  verificationMethod: 'security_questions',
  identityVerified: true,
};
const EMAIL = { ...PHONE, channel: 'email', verificationMethod: 'id_document', reasonText: 'Leaving for Canada.' };

describe('ClosureRequestCreateBody', () => {
  it('when a phone request is verified by security questions, then it is accepted', () => {
    expect(ClosureRequestCreateBody.safeParse(PHONE).success).toBe(true);
  });

  it('when an e-mail request is verified by an ID document, then it is accepted with its text', () => {
    expect(ClosureRequestCreateBody.safeParse(EMAIL).data).toMatchObject({ reasonText: 'Leaving for Canada.' });
  });

  it('when identity is not verified yet, then the request can still be logged', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, identityVerified: false }).success).toBe(true);
  });

  it.each([
    ['phone', 'id_document'],
    ['phone', 'app_login'],
    ['email', 'security_questions'],
    ['email', 'app_login'],
  ])('when a %s request names %s as evidence, then it is refused on verificationMethod', (channel, verificationMethod) => {
    const result = ClosureRequestCreateBody.safeParse({ ...PHONE, channel, verificationMethod });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['verificationMethod']);
  });

  it('when staff log an app request, then it is refused (app requests come through intake)', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, channel: 'app', verificationMethod: 'app_login' }).success).toBe(false);
  });

  it('when the body has an unknown field, then it is refused', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, status: 'approved' }).success).toBe(false);
  });

  it.each([0, -1, 1.5, '12'])('when the customer id is %s, then it is refused', (customerId) => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, customerId }).success).toBe(false);
  });

  it.each(['customerId', 'channel', 'reasonCode', 'verificationMethod', 'identityVerified'])(
    'when %s is missing, then it is refused',
    (field) => {
      const body: Record<string, unknown> = { ...PHONE };
      delete body[field];
      expect(ClosureRequestCreateBody.safeParse(body).success).toBe(false);
    },
  );

  it('when identityVerified is the string "true", then it is refused', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, identityVerified: 'true' }).success).toBe(false);
  });

  it('when the reason code is a reject reason, then it is refused', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, reasonCode: 'fraud_suspected' }).success).toBe(false);
  });

  it('when the reason text is over 2000 characters, then it is refused', () => {
    expect(ClosureRequestCreateBody.safeParse({ ...PHONE, reasonText: 'x'.repeat(2001) }).success).toBe(false);
  });

  it.each([null, '', '   '])('when the reason text is %j, then it is accepted as none', (reasonText) => {
    const result = ClosureRequestCreateBody.safeParse({ ...PHONE, reasonText });
    expect(result.success).toBe(true);
    expect(result.data?.reasonText).toBeUndefined();
  });
});
