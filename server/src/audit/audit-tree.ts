import type { Transaction } from 'sequelize';
import type { Database } from '../platform/db/database';
import { readRows } from '../platform/db/raw-sql';
import {
  consistencyPath, EMPTY_ROOT, evaluate, inclusionPath, leafHash, MerkleFrontier, nodeHash, nodeKey, nodesOf, rootExpr, type TreeExpr,
} from './merkle';

/**
 * The stored Merkle tree (audit_tree_nodes, migration 0012): every complete subtree's hash, hex,
 * keyed by (level, idx). An append adds the leaf and the subtrees it completes (one on average,
 * at most log2 n), reading only their left siblings, in the appender's transaction and under its
 * chain lock, so the tree always covers exactly the committed events.
 */
export async function appendLeaf(db: Database, tx: Transaction, index: number, leafData: string): Promise<void> {
  let cur = leafHash(leafData);
  const rows: [number, number, string][] = [[0, index, cur.toString('hex')]];
  let ones = 0;
  for (let i = index; i % 2 === 1; i = (i - 1) / 2) ones++;
  if (ones > 0) {
    const wanted: { level: number; index: number }[] = [];
    for (let level = 0, i = index; level < ones; level++, i = (i - 1) / 2) wanted.push({ level, index: i - 1 });
    const siblings = await readNodes(db, tx, wanted);
    let i = index;
    for (let level = 0; level < ones; level++) {
      cur = nodeHash(siblings.get(nodeKey(level, i - 1))!, cur);
      i = (i - 1) / 2;
      rows.push([level + 1, i, cur.toString('hex')]);
    }
  }
  const values = rows.map((_, r) => `($${3 * r + 1}, $${3 * r + 2}, $${3 * r + 3})`).join(', ');
  await db.query(tx, `INSERT INTO audit_tree_nodes (level, idx, hash) VALUES ${values}`, rows.flat());
}

/**
 * Adds many leaves at once (bulk loads: tests, tools), continuing the stored tree of `size` leaves:
 * the leaves' canonical texts in id order. The caller holds the chain (its transaction and lock).
 */
export async function appendLeaves(db: Database, tx: Transaction, size: number, texts: readonly string[]): Promise<void> {
  const frontier = MerkleFrontier.resume(size, await readNodes(db, tx, MerkleFrontier.edgeOf(size)));
  const rows: unknown[] = [];
  for (const t of texts) for (const n of frontier.push(leafHash(t))) rows.push(n.level, n.index, n.hash.toString('hex'));
  for (let at = 0; at < rows.length; at += 3 * 300) {
    const chunk = rows.slice(at, at + 3 * 300);
    const values = Array.from({ length: chunk.length / 3 }, (_, r) => `($${3 * r + 1}, $${3 * r + 2}, $${3 * r + 3})`).join(', ');
    await db.query(tx, `INSERT INTO audit_tree_nodes (level, idx, hash) VALUES ${values}`, chunk);
  }
}

/** The given nodes, in one query; a missing node is an error (the tree is behind the log). */
export async function readNodes(db: Database, tx: Transaction | undefined, keys: readonly { level: number; index: number }[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (keys.length === 0) return out;
  const where = keys.map((_, i) => `(level = $${2 * i + 1} AND idx = $${2 * i + 2})`).join(' OR ');
  const rows = await readRows<{ level: number | string; idx: number | string; hash: string }>(
    db, tx, `SELECT level, idx, hash FROM audit_tree_nodes WHERE ${where}`, keys.flatMap((k) => [k.level, k.index]),
  );
  for (const r of rows) out.set(nodeKey(Number(r.level), Number(r.idx)), Buffer.from(r.hash, 'hex'));
  for (const k of keys) {
    if (!out.has(nodeKey(k.level, k.index))) throw new Error(`the audit tree has no node (${k.level}, ${k.index})`);
  }
  return out;
}

async function evaluateAll(db: Database, tx: Transaction | undefined, exprs: TreeExpr[]): Promise<Buffer[]> {
  const nodes = await readNodes(db, tx, nodesOf(exprs));
  return exprs.map((e) => evaluate(e, nodes));
}

/** The root hash of the tree of the first `size` events. */
export async function treeRoot(db: Database, tx: Transaction | undefined, size: number): Promise<Buffer> {
  if (size === 0) return EMPTY_ROOT;
  const [root] = await evaluateAll(db, tx, [rootExpr(size)]);
  return root!;
}

/** The inclusion proof of leaf `index` (event id − 1) in the tree of `size` leaves, and that tree's root. */
export async function inclusionProof(db: Database, index: number, size: number): Promise<{ leaf: Buffer; path: Buffer[]; root: Buffer }> {
  const path = inclusionPath(index, size);
  const hashes = await evaluateAll(db, undefined, [{ level: 0, index }, rootExpr(size), ...path]);
  return { leaf: hashes[0]!, root: hashes[1]!, path: hashes.slice(2) };
}

/** The consistency proof between the trees of `from` and `to` leaves (0 < from ≤ to), and both roots. */
export async function consistencyProof(db: Database, from: number, to: number): Promise<{ path: Buffer[]; fromRoot: Buffer; toRoot: Buffer }> {
  const path = consistencyPath(from, to);
  const hashes = await evaluateAll(db, undefined, [rootExpr(from), rootExpr(to), ...path]);
  return { fromRoot: hashes[0]!, toRoot: hashes[1]!, path: hashes.slice(2) };
}
