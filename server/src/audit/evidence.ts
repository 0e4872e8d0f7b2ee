import type { RequestContext } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { readNodes } from './audit-tree';
import { readAuditEvents, type ExportedAuditEvent } from './export-row';
import type { Database } from '../platform/db/database';
import { sqlParams } from '../platform/db/raw-sql';
import { evaluate, inclusionPath, nodesOf } from './merkle';
import { consistencyProof } from './audit-tree';
import { appendSignedCheckpoint, checkpointToApi, type SignedCheckpoint } from './signed-checkpoint';
import { loadSigningKey } from './signing-key';

/** What an evidence pack needs from the audit trail (docs/AUDIT.md "The evidence pack"). */
export interface EventSelector {
  entityType: string;
  entityIds: readonly (string | number)[];
}

/**
 * The selectors as one SQL condition over "AuditEvent", every id a parameter numbered after
 * `reserved` (the export's reader keeps three for its keyset); '1 = 0' when none selects anything.
 */
function selectorSql(db: Database, selectors: readonly EventSelector[], reserved: number): { sql: string; params: unknown[] } {
  const { params, p } = sqlParams(db, reserved);
  const any = selectors.filter((s) => s.entityIds.length).map((s) =>
    `("AuditEvent"."entity_type" = ${p(s.entityType)} AND "AuditEvent"."entity_id" IN (${s.entityIds.map((id) => p(String(id))).join(', ')}))`);
  return { sql: any.length ? any.join(' OR ') : '1 = 0', params };
}

/** The newest event id among the selected ones (0 when none). */
export async function newestEventOf(ctx: AppContext, selectors: readonly EventSelector[]): Promise<number> {
  const where = selectorSql(ctx.db, selectors, 0);
  const [row] = await ctx.db.select<{ id: number | string | null }>(`SELECT max(id) AS id FROM "audit_events" AS "AuditEvent" WHERE ${where.sql}`, where.params);
  return Number(row?.id ?? 0);
}

/** The selected events of the tree of `size`, oldest first, in the export's form. */
export function selectedEvents(ctx: AppContext, selectors: readonly EventSelector[], size: number): Promise<ExportedAuditEvent[]> {
  return readAuditEvents(ctx.db, 0, size, size, selectorSql(ctx.db, selectors, 3));
}

/**
 * The newest signed checkpoint whose tree holds event `atLeast`, or, when the newest does not,
 * a fresh one, signed now (itself an audit.tree_checkpoint event, after the tree it signs).
 */
export async function checkpointCovering(ctx: AppContext, atLeast: number, rc: RequestContext): Promise<SignedCheckpoint> {
  const newest = await ctx.models.AuditCheckpoint.findOne({ order: [['id', 'DESC']], raw: true });
  if (newest && newest.treeSize >= atLeast && newest.treeSize > 0) return checkpointToApi(newest);
  const fresh = await appendSignedCheckpoint(ctx, { actor: rc.actor, ip: rc.ip });
  if (!fresh) throw new AppError('service_unavailable', 'No checkpoint could be signed');
  return fresh;
}

/** RFC 9162 inclusion paths (base64, leaf side first) of events `ids` in the tree of `size`: one query for all. */
export async function inclusionPaths(ctx: AppContext, ids: readonly number[], size: number): Promise<Map<number, string[]>> {
  const exprs = ids.map((id) => inclusionPath(id - 1, size));
  const wanted = nodesOf(exprs.flat());
  const nodes = new Map<string, Buffer>();
  // A few hundred nodes a query: the OR list stays far below SQLite's expression depth and variable limits.
  for (let at = 0; at < wanted.length; at += 200) for (const [k, v] of await readNodes(ctx.db, undefined, wanted.slice(at, at + 200))) nodes.set(k, v);
  return new Map(ids.map((id, i) => [id, exprs[i]!.map((e) => evaluate(e, nodes).toString('base64'))]));
}

/** The consistency proofs from each of `sizes` (smaller than `to`) to the tree of `to`, as consistency.json holds them. */
export async function consistencyProofs(ctx: AppContext, sizes: readonly number[], to: number) {
  const out = [];
  for (const from of sizes) {
    const p = await consistencyProof(ctx.db, from, to);
    out.push({ firstSize: from, secondSize: to, firstRootHash: p.fromRoot.toString('base64'), secondRootHash: p.toRoot.toString('base64'), consistencyPath: p.path.map((h) => h.toString('base64')) });
  }
  return out;
}

export function publicKeyPem(ctx: AppContext): string {
  const key = loadSigningKey(ctx.config);
  if (!key) throw new AppError('service_unavailable', 'No audit signing key: set AUDIT_SIGNING_KEY_FILE');
  return key.publicKeyPem;
}
