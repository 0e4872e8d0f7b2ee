import type { ExportedAuditEvent } from './export-row';

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const strOrNull: Check = (v) => v === null || typeof v === 'string';
const FIELD_CHECKS: Record<keyof ExportedAuditEvent, Check> = {
  id: (v) => Number.isSafeInteger(v) && (v as number) > 0,
  at: (v) => typeof v === 'string' && ISO_MS.test(v),
  actorId: (v) => v === null || Number.isSafeInteger(v),
  actorEmail: strOrNull,
  actorRole: strOrNull,
  ip: strOrNull,
  action: str,
  entityType: str,
  entityId: strOrNull,
  reason: strOrNull,
  before: strOrNull,
  after: strOrNull,
  prevHash: (v) => typeof v === 'string' && HEX64.test(v),
  hash: (v) => typeof v === 'string' && HEX64.test(v),
};

/** One line of a JSONL audit export, checked for shape: the event, or why the line is not one. */
export function readExportLine(line: string): ExportedAuditEvent | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: line.trim() === '' ? 'empty line' : 'not valid JSON (cut short or edited)' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object' };
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(key in FIELD_CHECKS)) return { error: `unexpected field ${JSON.stringify(key)}` };
  }
  for (const [key, ok] of Object.entries(FIELD_CHECKS)) {
    if (!(key in o)) return { error: `field ${key} is missing` };
    if (!ok(o[key])) return { error: `field ${key} has a value of the wrong form` };
  }
  return o as unknown as ExportedAuditEvent;
}
