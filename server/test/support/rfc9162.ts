import { createHash } from 'node:crypto';

/*
 * RFC 9162 written here from the RFC's text (§2.1.1 MTH, §2.1.3.2 inclusion verification,
 * §2.1.4.2 consistency verification) for the tests: not the server's code.
 */
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
export const HASH_LEAF = (d: Buffer) => sha(Buffer.from([0x00]), d);
const HASH_NODE = (l: Buffer, r: Buffer) => sha(Buffer.from([0x01]), l, r);

/** MTH(D[n]) of §2.1.1, by its recursive definition. */
export function MTH(leaves: Buffer[]): Buffer {
  const n = leaves.length;
  if (n === 0) return sha();
  if (n === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < n) k *= 2;
  return HASH_NODE(MTH(leaves.slice(0, k)), MTH(leaves.slice(k)));
}

/** §2.1.3.2, step by step. `hash` is the leaf hash. */
export function verifyInclusion(leafIndex: number, treeSize: number, hash: Buffer, path: Buffer[], rootHash: Buffer): boolean {
  if (leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = hash;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = HASH_NODE(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = HASH_NODE(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(rootHash);
}

/** §2.1.4.2, step by step (first = second: nothing to prove but equal roots and an empty path). */
export function verifyConsistency(first: number, second: number, firstHash: Buffer, secondHash: Buffer, path: Buffer[]): boolean {
  if (first === second) return path.length === 0 && firstHash.equals(secondHash);
  if (first > second || first === 0) return false;
  if (path.length === 0) return false;
  const proof = Number.isInteger(Math.log2(first)) ? [firstHash, ...path] : [...path];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = HASH_NODE(c, fr);
      sr = HASH_NODE(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = HASH_NODE(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstHash) && sr.equals(secondHash) && sn === 0;
}

