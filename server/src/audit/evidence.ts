import type { RequestContext } from '../platform/auth/actor';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { readNodes } from './audit-tree';
import { evaluate, inclusionPath, nodesOf } from './merkle';
import { consistencyProof } from './audit-tree';
import { appendSignedCheckpoint, checkpointToApi, type SignedCheckpoint } from './signed-checkpoint';
import { loadSigningKey } from './signing-key';
import { findNewestCheckpoint } from './repository';

/**
 * The newest signed checkpoint whose tree holds event `atLeast`, or, when the newest does not,
 * a fresh one, signed now (itself an audit.tree_checkpoint event, after the tree it signs).
 */
export async function checkpointCovering(ctx: AppContext, atLeast: number, rc: RequestContext): Promise<SignedCheckpoint> {
  const newest = await findNewestCheckpoint(ctx);
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
