import { Op } from 'sequelize';
import type { RequestContext } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { readNodes } from './audit-tree';
import { auditRowToExport, type ExportedAuditEvent } from './export-row';
import { evaluate, inclusionPath, nodesOf } from './merkle';
import { consistencyProof } from './audit-tree';
import { appendSignedCheckpoint, checkpointToApi, type SignedCheckpoint } from './signed-checkpoint';
import { loadSigningKey } from './signing-key';

/** What an evidence pack needs from the audit trail (docs/AUDIT.md "The evidence pack"). */
export interface EventSelector {
  entityType: string;
  entityIds: readonly (string | number)[];
}

const whereOf = (selectors: readonly EventSelector[]) => ({
  [Op.or]: selectors.filter((s) => s.entityIds.length).map((s) => ({ entityType: s.entityType, entityId: { [Op.in]: s.entityIds.map(String) } })),
});

/** The newest event id among the selected ones (0 when none). */
export async function newestEventOf(ctx: AppContext, selectors: readonly EventSelector[]): Promise<number> {
  const max = await ctx.models.AuditEvent.max('id', { where: whereOf(selectors) });
  return max == null ? 0 : Number(max);
}

/** The selected events of the tree of `size`, oldest first, in the export's form. */
export async function selectedEvents(ctx: AppContext, selectors: readonly EventSelector[], size: number): Promise<ExportedAuditEvent[]> {
  const rows = await ctx.models.AuditEvent.findAll({ where: { [Op.and]: [whereOf(selectors), { id: { [Op.lte]: size } }] }, order: [['id', 'ASC']], raw: true });
  return (rows as unknown as Record<string, unknown>[]).map(auditRowToExport);
}

/**
 * The newest signed checkpoint whose tree holds event `atLeast`, or, when the newest does not,
 * a fresh one, signed now (itself an audit.tree_checkpoint event, after the tree it signs).
 */
export async function checkpointCovering(ctx: AppContext, atLeast: number, rc: RequestContext): Promise<SignedCheckpoint> {
  const newest = await ctx.models.AuditCheckpoint.findOne({ order: [['id', 'DESC']], raw: true });
  if (newest && Number(newest.treeSize) >= atLeast && Number(newest.treeSize) > 0) return checkpointToApi(newest as Record<string, unknown>);
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
