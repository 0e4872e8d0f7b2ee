import { hash } from 'node:crypto';

/** The chain's first prevHash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of one event, exactly as stored and exported. */
export interface HashedEvent {
  id: number;
  at: string; // ISO 8601 UTC with milliseconds
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  before: string | null; // the JSON text as stored, not re-serialised
  after: string | null;
  prevHash: string;
}

/**
 * The hash rule (README "Audit trail"): SHA-256, lower-case hex, of the UTF-8 bytes of
 * JSON.stringify([id, at, actorId, actorEmail, actorRole, ip, action, entityType, entityId,
 * reason, before, after, prevHash]): a JSON array with no whitespace, in that order.
 */
export function canonicalEventText(e: HashedEvent): string {
  return chainedEventText(e.id, eventBodyText([e.at, e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason, e.before, e.after]), e.prevHash);
}

/** The fields from `at` to `after`, in the hash rule's order (what does not depend on the event's place in the chain). */
export type EventBody = [at: string, actorId: number | null, actorEmail: string | null, actorRole: string | null, ip: string | null,
  action: string, entityType: string, entityId: string | null, reason: string | null, before: string | null, after: string | null];

/**
 * The hash rule in two parts, for writers that render events before they know their place (the
 * demo-data seed renders on worker threads and chains on one): the body's elements as the rule's
 * JSON writes them, then the whole text once the id and prevHash are known. JSON.stringify of an
 * array is its elements' JSON joined by commas inside brackets, so the parts give the same bytes.
 */
export function eventBodyText(body: EventBody): string {
  return JSON.stringify(body).slice(1, -1);
}

export function chainedEventText(id: number, bodyText: string, prevHash: string): string {
  return `[${JSON.stringify(id)},${bodyText},${JSON.stringify(prevHash)}]`;
}

export function hashEvent(e: HashedEvent): string {
  return hashEventText(canonicalEventText(e));
}

/** SHA-256, lower-case hex, of an event's canonical text's UTF-8 bytes. */
export function hashEventText(text: string): string {
  return hash('sha256', text, 'hex');
}
