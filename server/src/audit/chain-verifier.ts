import { GENESIS_HASH, hashEvent } from './hash';
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

  constructor(private readonly key: string | null = null) {}

  /** Returns why the event is bad, or null and makes it the new head. */
  check(e: ExportedAuditEvent): string | null {
    const problem = this.problemWith(e);
    if (problem) return problem;
    this.checked += 1;
    this.lastId = e.id;
    this.lastHash = e.hash;
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
