import type { KeyObject } from 'node:crypto';
import { canonicalEventText, GENESIS_HASH, hashEvent } from './hash';
import { leafHash, MerkleFrontier } from './merkle';
import { openCheckpointNote } from './signed-note';

/** The signed Merkle checkpoint's action (signed-checkpoint.ts), frozen here for the offline verifier. */
export const TREE_CHECKPOINT = 'audit.tree_checkpoint';
import type { ExportedAuditEvent } from './export-row';
import { CHECKPOINT_ACTION, checkpointSignatureMatches, parseCheckpointClaim } from './checkpoint-signature';

/**
 * Walks a chain one event at a time, in id order, in constant memory: the same checks for the
 * verify endpoint and the offline verifier. An event is good when its id follows the previous
 * one by exactly 1 (the first is 1), its prevHash is the previous event's hash (the first's is
 * 64 zeros), its hash is the hash rule applied to its fields, and, for a checkpoint, its claim
 * names the event right before it and (given the key) carries a valid signature.
 */
export class ChainVerifier {
  checked = 0;
  lastId = 0;
  lastHash = GENESIS_HASH;
  checkpoints = 0;
  /** the head the last good checkpoint signed */
  lastCheckpointHeadId: number | null = null;
  /** the Merkle tree of the events checked so far, for the signed checkpoints' roots */
  readonly tree = new MerkleFrontier();
  treeCheckpoints = 0;
  /** the tree size the last signed checkpoint signed */
  lastTreeCheckpointSize: number | null = null;

  /** key: the retired HMAC checkpoints' key; publicKey (and its name, default the origin): the Ed25519 checkpoints' */
  constructor(private readonly key: string | null = null, private readonly publicKey: KeyObject | null = null, private readonly keyName?: string) {}

  /** Returns why the event is bad, or null and makes it the new head. */
  check(e: ExportedAuditEvent): string | null {
    const problem = this.problemWith(e);
    if (problem) return problem;
    this.checked += 1;
    this.lastId = e.id;
    this.lastHash = e.hash;
    this.tree.push(leafHash(canonicalEventText(e)));
    return null;
  }

  private problemWith(e: ExportedAuditEvent): string | null {
    const expected = this.lastId + 1;
    if (e.id < expected) return `event id ${e.id} comes after id ${this.lastId}: events are repeated or out of order`;
    if (e.id > expected) {
      const missing = e.id - expected;
      return `expected event id ${expected} but found ${e.id}: ${missing} event${missing > 1 ? 's are' : ' is'} missing (removed or reordered)`;
    }
    if (e.prevHash !== this.lastHash) {
      return `prevHash does not match the hash of event ${this.lastId}: the chain is broken here (event altered, removed, inserted or reordered)`;
    }
    if (hashEvent(e) !== e.hash) return 'the hash does not match the event\'s fields: the event was altered';
    if (e.action === CHECKPOINT_ACTION) return this.checkpointProblem(e);
    if (e.action === TREE_CHECKPOINT) return this.treeCheckpointProblem(e);
    return null;
  }

  /** A signed Merkle checkpoint signs the tree of every event before it: its root must be the one recomputed here. */
  private treeCheckpointProblem(e: ExportedAuditEvent): string | null {
    let after: { treeSize?: unknown; rootHash?: unknown; note?: unknown };
    try {
      after = JSON.parse(e.after ?? 'null') ?? {};
    } catch {
      return 'signed checkpoint without a readable {treeSize, rootHash, note}';
    }
    if (after.treeSize !== e.id - 1) return `signed checkpoint claims tree size ${String(after.treeSize)}, not the ${e.id - 1} events before it`;
    const root = this.tree.root().toString('base64');
    if (after.rootHash !== root) return 'signed checkpoint root hash is not the root of the events before it: the log up to here was rewritten';
    if (typeof after.note !== 'string' || !after.note.startsWith(`${after.note.split('\n')[0]}\n${e.id - 1}\n${root}\n\n`)) {
      return 'signed checkpoint note does not state this tree size and root';
    }
    if (this.publicKey) {
      const opened = openCheckpointNote(after.note, this.publicKey, this.keyName);
      if ('error' in opened) return `signed checkpoint: ${opened.error}`;
    }
    this.treeCheckpoints += 1;
    this.lastTreeCheckpointSize = e.id - 1;
    return null;
  }

  private checkpointProblem(e: ExportedAuditEvent): string | null {
    const claim = parseCheckpointClaim(e.after);
    if (!claim) return 'checkpoint without a readable {headId, headHash, signature}';
    if (claim.headId !== e.id - 1 || claim.headHash !== e.prevHash) {
      return `checkpoint claims head ${claim.headId} ${claim.headHash.slice(0, 12)}…, which is not the event before it`;
    }
    if (this.key !== null && !checkpointSignatureMatches(this.key, claim)) {
      return 'checkpoint signature is not valid for this key: the chain up to here was rewritten, or the key is wrong';
    }
    this.checkpoints += 1;
    this.lastCheckpointHeadId = claim.headId;
    return null;
  }
}
