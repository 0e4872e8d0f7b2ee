import { fromBase64, sha256, toHex, utf8 } from './bytes';

/** The hashed fields of one audit event, as exported (before/after as the stored JSON text). */
export interface AuditEventLine {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

/** An events.jsonl line of an evidence pack: the export's line and its inclusion proof. */
export interface PackEventLine extends AuditEventLine {
  leafIndex: number;
  inclusionPath: string[];
}

export const EXPORT_FIELDS = ['id', 'at', 'actorId', 'actorEmail', 'actorRole', 'ip', 'action', 'entityType', 'entityId', 'reason', 'before', 'after', 'prevHash', 'hash'] as const;
export const PROOF_FIELDS = ['leafIndex', 'inclusionPath'] as const;

/**
 * The hash rule: the leaf data and the text hashed into `hash` is the UTF-8 of
 * JSON.stringify([id, at, actorId, actorEmail, actorRole, ip, action, entityType, entityId, reason, before, after, prevHash]).
 */
export const canonicalText = (e: AuditEventLine) =>
  JSON.stringify([e.id, e.at, e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason, e.before, e.after, e.prevHash]);

export const eventHash = async (e: AuditEventLine) => toHex(await sha256(utf8(canonicalText(e))));

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const FIELD_CHECKS: Record<(typeof EXPORT_FIELDS)[number], Check> = {
  id: (v) => Number.isSafeInteger(v) && (v as number) > 0,
  at: (v) => typeof v === 'string' && ISO_MS.test(v),
  actorId: (v) => v === null || Number.isSafeInteger(v),
  actorEmail: strOrNull, actorRole: strOrNull, ip: strOrNull, action: str, entityType: str, entityId: strOrNull,
  reason: strOrNull, before: strOrNull, after: strOrNull,
  prevHash: (v) => typeof v === 'string' && HEX64.test(v),
  hash: (v) => typeof v === 'string' && HEX64.test(v),
};
const PROOF_CHECKS: Record<(typeof PROOF_FIELDS)[number], Check> = {
  leafIndex: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  inclusionPath: (v) => Array.isArray(v) && v.length <= 64 && v.every((h) => typeof h === 'string' && fromBase64(h)?.length === 32),
};

/** One JSON line, checked for shape: an export line, with (`withProof`) or without its proof fields. */
export function readEventLine(line: string, withProof: true): PackEventLine | { error: string };
export function readEventLine(line: string, withProof: false): AuditEventLine | { error: string };
export function readEventLine(line: string, withProof: boolean): AuditEventLine | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: line.trim() === '' ? 'empty line' : 'not valid JSON (cut short or edited)' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  const o = value as Record<string, unknown>;
  const checks: Record<string, Check> = withProof ? { ...FIELD_CHECKS, ...PROOF_CHECKS } : FIELD_CHECKS;
  for (const key of Object.keys(o)) if (!Object.hasOwn(checks, key)) return { error: `unexpected field ${JSON.stringify(key)}` };
  for (const [key, ok] of Object.entries(checks)) {
    if (!(key in o)) return { error: `field ${key} is missing` };
    if (!ok(o[key])) return { error: `field ${key} has a value of the wrong form` };
  }
  return o as unknown as AuditEventLine;
}

/** The JSON text of before/after, parsed (a value that is not JSON stays the text). */
export function parseJsonText(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
