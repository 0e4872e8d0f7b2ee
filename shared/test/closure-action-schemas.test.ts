import { describe, expect, it } from 'vitest';
import { CLOSURE_ACTIONS, type ClosureAction } from '../src/closure-workflow';
import { CLOSURE_ACTION_BODIES } from '../src/schemas/closure-actions';

/** A body each action accepts. */
const VALID: Record<ClosureAction, Record<string, unknown>> = {
  claim: { version: 0 },
  assign: { version: 1, assigneeId: 4 },
  'request-info': { version: 2, message: 'Please send a photo of your passport.' },
  resume: { version: 3 },
  'verify-identity': { version: 4, method: 'security_questions', note: 'Answered all three questions.' },
  approve: { version: 5, balanceDecision: 'refund', effectiveDate: '2026-03-31' },
  reject: { version: 6, reasonCode: 'fraud_suspected', note: 'Caller could not confirm the account.' },
  withdraw: { version: 7, note: 'Customer changed their mind.' },
  complete: { version: 8 },
  reopen: { version: 9, note: 'Wrong effective date.' },
  'retry-termination': { version: 10 },
};

function parse(action: ClosureAction, body: unknown) {
  return CLOSURE_ACTION_BODIES[action].safeParse(body);
}

describe('action bodies: what every action shares', () => {
  it('when the schema map is read, then it has exactly one schema per action', () => {
    expect(Object.keys(CLOSURE_ACTION_BODIES).sort()).toEqual([...CLOSURE_ACTIONS].sort());
  });

  it.each(CLOSURE_ACTIONS)('when %s gets a valid body, then it is accepted', (action) => {
    expect(parse(action, VALID[action]).success).toBe(true);
  });

  it.each(CLOSURE_ACTIONS)('when %s gets an unknown field, then it is refused', (action) => {
    expect(parse(action, { ...VALID[action], status: 'completed' }).success).toBe(false);
  });

  const badVersions = CLOSURE_ACTIONS.flatMap((action) =>
    [-1, 1.5, '3', null].map((version) => [action, JSON.stringify(version), version] as const),
  );
  it.each(badVersions)('when %s gets version %s, then it is refused', (action, _text, version) => {
    expect(parse(action, { ...VALID[action], version }).success).toBe(false);
  });

  it.each(CLOSURE_ACTIONS)('when %s gets no version, then it is refused', (action) => {
    const { version: _omitted, ...rest } = VALID[action];
    expect(parse(action, rest).success).toBe(false);
  });

  it.each(CLOSURE_ACTIONS)('when %s gets something other than an object, then it is refused', (action) => {
    expect(parse(action, [VALID[action]]).success).toBe(false);
  });
});

describe('action bodies: required fields', () => {
  const required: [ClosureAction, string][] = [
    ['assign', 'assigneeId'],
    ['request-info', 'message'],
    ['verify-identity', 'method'],
    ['verify-identity', 'note'],
    ['approve', 'balanceDecision'],
    ['approve', 'effectiveDate'],
    ['reject', 'reasonCode'],
    ['reject', 'note'],
    ['withdraw', 'note'],
    ['reopen', 'note'],
  ];
  it.each(required)('when %s lacks %s, then it is refused', (action, field) => {
    const body = { ...VALID[action] };
    delete body[field];
    expect(parse(action, body).success).toBe(false);
  });

  const blankable: [ClosureAction, string][] = [
    ['request-info', 'message'],
    ['verify-identity', 'note'],
    ['reject', 'note'],
    ['withdraw', 'note'],
    ['reopen', 'note'],
  ];
  it.each(blankable)('when %s has a blank %s, then it is refused', (action, field) => {
    expect(parse(action, { ...VALID[action], [field]: '   ' }).success).toBe(false);
  });
});

describe('action bodies: field rules', () => {
  it.each([0, -2, 2.5, '4'])('when assign names assignee %s, then it is refused', (assigneeId) => {
    expect(parse('assign', { version: 1, assigneeId }).success).toBe(false);
  });

  it('when a message is 2000 characters, then it is accepted; at 2001 it is refused', () => {
    expect(parse('request-info', { version: 1, message: 'x'.repeat(2000) }).success).toBe(true);
    expect(parse('request-info', { version: 1, message: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('when a message has spaces around it, then they are dropped', () => {
    expect(parse('request-info', { version: 1, message: '  Send the ID.  ' }).data).toEqual({ version: 1, message: 'Send the ID.' });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['blank', '  '],
  ])('when resume has a %s note, then it is accepted as no note', (_label, note) => {
    const result = parse('resume', note === undefined ? { version: 1 } : { version: 1, note });
    expect(result.success).toBe(true);
    expect((result.data as { note?: string }).note).toBeUndefined();
  });

  it('when resume has a 2001-character note, then it is refused', () => {
    expect(parse('resume', { version: 1, note: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('when verify-identity names an unknown method, then it is refused', () => {
    expect(parse('verify-identity', { ...VALID['verify-identity'], method: 'fingerprint' }).success).toBe(false);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-3', '2026-03-31T00:00:00Z', '31/03/2026', '', 20260331])(
    'when approve has effective date %s, then it is refused',
    (effectiveDate) => {
      expect(parse('approve', { ...VALID.approve, effectiveDate }).success).toBe(false);
    },
  );

  it('when approve has a leap day as effective date, then it is accepted', () => {
    expect(parse('approve', { ...VALID.approve, effectiveDate: '2028-02-29' }).success).toBe(true);
  });

  it.each(['refund', 'forfeit', 'none'])('when approve decides %s, then it is accepted', (balanceDecision) => {
    expect(parse('approve', { ...VALID.approve, balanceDecision }).success).toBe(true);
  });

  it('when approve decides something else, then it is refused', () => {
    expect(parse('approve', { ...VALID.approve, balanceDecision: 'keep' }).success).toBe(false);
  });

  it('when approve has a note, then it is kept', () => {
    expect(parse('approve', { ...VALID.approve, note: 'Refund to card.' }).data).toMatchObject({ note: 'Refund to card.' });
  });

  it('when reject gives a customer reason code instead of a reject reason code, then it is refused', () => {
    expect(parse('reject', { ...VALID.reject, reasonCode: 'moving_abroad' }).success).toBe(false);
  });

  it('when complete carries a note, then it is refused (complete takes no body)', () => {
    expect(parse('complete', { version: 1, note: 'done' }).success).toBe(false);
  });
});
