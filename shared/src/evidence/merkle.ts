import { concat, equalBytes, sha256 } from './bytes';

/**
 * RFC 9162 §2.1: leaf hash = SHA-256(0x00 ‖ leaf data), node hash = SHA-256(0x01 ‖ left ‖ right),
 * and the verification algorithms of §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), step by step.
 */
export const leafHash = (leafData: Uint8Array) => sha256(concat(Uint8Array.of(0), leafData));
export const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(concat(Uint8Array.of(1), left, right));

/** §2.1.3.2: does `path` prove the leaf of hash `leaf` at `leafIndex` in the tree of `treeSize` with root `root`? */
export async function verifyInclusion(leafIndex: number, treeSize: number, leaf: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize)) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/** §2.1.4.2: does `path` prove that the tree of `firstSize` (root `firstRoot`) is a prefix of the tree of `secondSize` (root `secondRoot`)? */
export async function verifyConsistency(firstSize: number, secondSize: number, firstRoot: Uint8Array, secondRoot: Uint8Array, path: readonly Uint8Array[]): Promise<boolean> {
  if (!(Number.isSafeInteger(firstSize) && Number.isSafeInteger(secondSize)) || firstSize < 1 || firstSize > secondSize) return false;
  if (firstSize === secondSize) return path.length === 0 && equalBytes(firstRoot, secondRoot);
  let proof = [...path];
  // If first is an exact power of 2, prepend first_hash to the path.
  if ((firstSize & (firstSize - 1)) === 0) proof = [firstRoot, ...proof];
  if (proof.length === 0) return false;
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot) && sn === 0;
}
