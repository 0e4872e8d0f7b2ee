import { createHash } from 'node:crypto';

/**
 * The Merkle tree over the audit log (RFC 9162 §2.1, docs/AUDIT.md "The Merkle tree"): leaf i
 * (0-based) is event i + 1, its leaf data the event's canonical text (hash.ts). Stored as complete
 * subtrees: node (level, index) is the hash of leaves [index·2^level, (index+1)·2^level), kept in
 * audit_tree_nodes as it completes. Any root or proof at any size is then a combination of
 * O(log n) stored nodes; the functions here say which nodes and how to combine them, without
 * reading anything, so a caller fetches them all in one query.
 */

export const EMPTY_ROOT = createHash('sha256').digest();

export function leafHash(leafData: string | Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([0])).update(leafData).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

/** A hash to compute: a stored complete subtree, or the node hash of two others. */
export type TreeExpr = { level: number; index: number } | { left: TreeExpr; right: TreeExpr };

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPow2 = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/** MTH(D[a:b]) for a range that RFC 9162's recursion produces (a is a multiple of the largest power of two ≤ b − a). */
export function subtree(a: number, b: number): TreeExpr {
  const n = b - a;
  if (isPow2(n) && a % n === 0) return { level: Math.log2(n), index: a / n };
  const k = split(n);
  return { left: subtree(a, a + k), right: subtree(a + k, b) };
}

/** The root of the tree of the first n leaves (n ≥ 1). */
export const rootExpr = (n: number): TreeExpr => subtree(0, n);

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1: the inclusion proof of leaf m in the tree of size n, leaf side first. */
export function inclusionPath(m: number, n: number): TreeExpr[] {
  const out: TreeExpr[] = [];
  const walk = (a: number, b: number) => {
    if (b - a <= 1) return;
    const k = split(b - a);
    if (m < a + k) {
      walk(a, a + k);
      out.push(subtree(a + k, b));
    } else {
      walk(a + k, b);
      out.push(subtree(a, a + k));
    }
  };
  walk(0, n);
  return out;
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: the consistency proof between sizes m and n (0 < m ≤ n). */
export function consistencyPath(m: number, n: number): TreeExpr[] {
  const out: TreeExpr[] = [];
  const sub = (m0: number, a: number, b: number, start: boolean) => {
    const size = b - a;
    if (m0 === size) {
      if (!start) out.push(subtree(a, b));
      return;
    }
    const k = split(size);
    if (m0 <= k) {
      sub(m0, a, a + k, start);
      out.push(subtree(a + k, b));
    } else {
      sub(m0 - k, a + k, b, false);
      out.push(subtree(a, a + k));
    }
  };
  if (m < n) sub(m, 0, n, true);
  return out;
}

export const nodeKey = (level: number, index: number) => `${level}:${index}`;

/** Every stored node the expressions need, each once. */
export function nodesOf(exprs: readonly TreeExpr[]): { level: number; index: number }[] {
  const seen = new Map<string, { level: number; index: number }>();
  const visit = (e: TreeExpr) => {
    if ('left' in e) {
      visit(e.left);
      visit(e.right);
    } else seen.set(nodeKey(e.level, e.index), e);
  };
  exprs.forEach(visit);
  return [...seen.values()];
}

export function evaluate(e: TreeExpr, nodes: ReadonlyMap<string, Buffer>): Buffer {
  if ('left' in e) return nodeHash(evaluate(e.left, nodes), evaluate(e.right, nodes));
  const h = nodes.get(nodeKey(e.level, e.index));
  if (!h) throw new Error(`the audit tree has no node (${e.level}, ${e.index})`);
  return h;
}

/**
 * The right edge of a tree being built leaf by leaf (the seed, the migration, the offline
 * verifiers): one hash per set bit of the size. push() answers the complete subtrees the new
 * leaf closes, lowest first (the rows audit_tree_nodes gets), and root() the tree's root.
 */
export class MerkleFrontier {
  size = 0;
  /** frontier[level]: the complete subtree of 2^level leaves on the right edge, when that bit of size is set */
  private readonly frontier: (Buffer | undefined)[] = [];

  /** The stored complete subtrees a tree of `size` leaves ends with (its frontier), highest first. */
  static edgeOf(size: number): { level: number; index: number }[] {
    const out: { level: number; index: number }[] = [];
    let a = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const w = 2 ** level;
      if (Math.floor(size / w) % 2 === 1) {
        out.push({ level, index: a / w });
        a += w;
      }
    }
    return out;
  }

  /** A frontier continuing a stored tree of `size` leaves, given its edgeOf(size) nodes. */
  static resume(size: number, nodes: ReadonlyMap<string, Buffer>): MerkleFrontier {
    const f = new MerkleFrontier();
    f.size = size;
    for (const k of MerkleFrontier.edgeOf(size)) f.frontier[k.level] = nodes.get(nodeKey(k.level, k.index))!;
    return f;
  }

  push(leaf: Buffer): { level: number; index: number; hash: Buffer }[] {
    const made = [{ level: 0, index: this.size, hash: leaf }];
    let cur = leaf;
    let level = 0;
    let index = this.size;
    while (index & 1) {
      cur = nodeHash(this.frontier[level]!, cur);
      this.frontier[level] = undefined;
      level += 1;
      index = (index - 1) / 2;
      made.push({ level, index, hash: cur });
    }
    this.frontier[level] = cur;
    this.size += 1;
    return made;
  }

  root(): Buffer {
    let acc: Buffer | undefined;
    for (let level = 0; level < this.frontier.length; level++) {
      const h = this.frontier[level];
      if (h) acc = acc ? nodeHash(h, acc) : h;
    }
    return acc ?? EMPTY_ROOT;
  }
}
