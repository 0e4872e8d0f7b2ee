import { z } from 'zod';
import type { AppContext } from '../platform/context';
import { invalid } from '../platform/errors';
import { consistencyProof, inclusionProof } from './audit-tree';
import { findHeadEventId } from './repository';

/** Query and answer schemas of the proof endpoints (docs/API.md "Audit proofs"), for the OpenAPI document. */
const count = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const inclusionQuerySchema = z.object({
  id: count.describe('the event id; its leaf index is id − 1'),
  size: count.optional().describe('the tree size (defaults to the current size)'),
});
export const consistencyQuerySchema = z.object({ from: count, to: count.optional() });
const b64 = z.string().describe('base64 (RFC 4648 §4) of a 32-byte SHA-256 hash');
export const inclusionAnswerSchema = z.object({
  leafIndex: z.number().int(), treeSize: z.number().int(), leafHash: b64, rootHash: b64, inclusionPath: z.array(b64),
});
export const consistencyAnswerSchema = z.object({
  firstSize: z.number().int(), secondSize: z.number().int(), firstRootHash: b64, secondRootHash: b64, consistencyPath: z.array(b64),
});
export type InclusionAnswer = z.infer<typeof inclusionAnswerSchema>;

const b = (h: Buffer) => h.toString('base64');

function parse<T>(schema: z.ZodType<T>, query: unknown): T {
  const r = schema.safeParse(query);
  if (!r.success) throw invalid('Invalid proof query', r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  return r.data;
}

/** RFC 9162 §2.1.3: the inclusion proof of event `id` (leaf id − 1) in the tree of `size` events. */
export async function inclusionProofFor(ctx: AppContext, id: number, size?: number): Promise<InclusionAnswer> {
  const n = size ?? (await findHeadEventId(ctx));
  if (id > n) throw invalid(`event ${id} is not in a tree of ${n} events`, [{ field: 'id', message: 'must be at most size' }]);
  if (size !== undefined && size > (await findHeadEventId(ctx))) throw invalid(`the log has fewer than ${size} events`, [{ field: 'size', message: 'larger than the log' }]);
  const p = await inclusionProof(ctx.db, id - 1, n);
  return { leafIndex: id - 1, treeSize: n, leafHash: b(p.leaf), rootHash: b(p.root), inclusionPath: p.path.map(b) };
}

export async function inclusionProofRoute(ctx: AppContext, query: unknown): Promise<InclusionAnswer> {
  const q = parse(inclusionQuerySchema, query);
  return inclusionProofFor(ctx, q.id, q.size);
}

/** RFC 9162 §2.1.4: the consistency proof between the trees of `from` and `to` events. */
export async function consistencyProofRoute(ctx: AppContext, query: unknown): Promise<z.infer<typeof consistencyAnswerSchema>> {
  const q = parse(consistencyQuerySchema, query);
  const head = await findHeadEventId(ctx);
  const to = q.to ?? head;
  if (to > head) throw invalid(`the log has fewer than ${to} events`, [{ field: 'to', message: 'larger than the log' }]);
  if (q.from > to) throw invalid('from must be at most to', [{ field: 'from', message: 'must be at most to' }]);
  const p = await consistencyProof(ctx.db, q.from, to);
  return { firstSize: q.from, secondSize: to, firstRootHash: b(p.fromRoot), secondRootHash: b(p.toRoot), consistencyPath: p.path.map(b) };
}

/** The answers of the checkpoint routes, for the OpenAPI document (docs/API.md "Audit proofs"). */
export const checkpointAnswerSchema = z.object({
  id: z.number().int(), treeSize: z.number().int(), rootHash: b64, origin: z.string(), keyId: z.string(),
  note: z.string().describe('the C2SP signed note: origin, size, base64 root, a blank line, the signature lines'),
  eventId: z.number().int(), createdAt: z.iso.datetime(),
});
export const publicKeyAnswerSchema = z.object({
  origin: z.string(), keyName: z.string(), keyId: z.string(), algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(), verifierKey: z.string().describe('the signed-note verifier key (name+keyhash+base64 key)'),
});

const intParam = (name: string, required: boolean, description: string) =>
  ({ name, in: 'query', required, description, schema: { type: 'integer', minimum: 1 } });
export const inclusionQueryParameters = [
  intParam('id', true, 'the event id; its leaf index is id − 1'),
  intParam('size', false, 'the tree size the proof is against (defaults to the current size)'),
];
export const consistencyQueryParameters = [
  intParam('from', true, 'the older tree size'),
  intParam('to', false, 'the newer tree size (defaults to the current size)'),
];
