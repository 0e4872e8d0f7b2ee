import { chainedEventText, eventBodyText, GENESIS_HASH, hashEventText, type EventBody } from '../src/audit/hash';
import { leafHash, MerkleFrontier } from '../src/audit/merkle';
import type { PackedEvent } from './generate-batch';
import { literal } from './load-rows';

export type SeedEvent = {
  actorId: number | null;
  actorEmail: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  at: Date;
  before?: unknown;
  after?: unknown;
};

export const AUDIT_COLUMNS = [
  'id', 'at', 'actor_id', 'actor_email', 'actor_role', 'ip', 'action', 'entity_type', 'entity_id', 'reason',
  'before', 'after', 'prev_hash', 'hash',
] as const;

export const TREE_COLUMNS = ['level', 'idx', 'hash'] as const;

/**
 * Builds audit events for bulk loading, chained by the same rule as the live audit core
 * (audit/hash.ts: SHA-256 of the JSON array of the fields). Written for a couple of million
 * events: one array per event and no intermediate objects.
 */
export class AuditChainBuilder {
  private lastId = 0;
  private lastHash = GENESIS_HASH;
  readonly columns = AUDIT_COLUMNS;
  /** The Merkle tree over the same events (audit/merkle.ts), built as the live core builds it. */
  private readonly tree = new MerkleFrontier();
  private nodes: unknown[][] = [];

  /** The audit_tree_nodes rows (level, idx, hash) of the events pushed since the last call. */
  takeNodes(): unknown[][] {
    const out = this.nodes;
    this.nodes = [];
    return out;
  }

  private addLeaf(text: string): void {
    for (const n of this.tree.push(leafHash(text))) this.nodes.push([n.level, n.index, n.hash.toString('hex')]);
  }

  push(e: SeedEvent, out: unknown[][]): void {
    this.pushPacked([
      e.at.getTime(), e.actorId, e.actorEmail, e.actorRole, e.ip, e.action, e.entityType, e.entityId, e.reason,
      e.before === undefined ? null : JSON.stringify(e.before), e.after === undefined ? null : JSON.stringify(e.after),
    ], out);
  }

  /** An event as a worker thread packs it (before/after already JSON text). */
  pushPacked(e: PackedEvent, out: unknown[][]): void {
    const id = this.lastId + 1;
    const at = new Date(e[0]);
    const text = chainedEventText(id, eventBodyText(packedBody(e)), this.lastHash);
    const digest = hashEventText(text);
    this.addLeaf(text);
    out.push([id, at, e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10], this.lastHash, digest]);
    this.lastId = id;
    this.lastHash = digest;
  }

  /**
   * An event as renderEvent wrote it on a worker thread: only the id and the two hashes are
   * left to write here, in order, so the chain costs this thread one SHA-256 per event.
   * Appends the event's VALUES tuple (as insertStatements would write its row) to out.
   */
  pushRendered(text: string, tuple: string, out: string[]): void {
    const id = this.lastId + 1;
    const canonical = chainedEventText(id, text, this.lastHash);
    const digest = hashEventText(canonical);
    this.addLeaf(canonical);
    out.push(`(${id}${tuple},'${this.lastHash}','${digest}')`);
    this.lastId = id;
    this.lastHash = digest;
  }
}

/**
 * The parts of an event's hashed text and of its SQLite VALUES tuple that do not depend on its
 * place in the chain, for pushRendered: the hashed text without its leading id and trailing
 * prevHash (the same JSON.stringify as pushPacked's, minus those two elements), and the tuple's
 * values from `at` to `after`, each with its leading comma.
 */
export function renderEvent(e: PackedEvent): [text: string, tuple: string] {
  const at = new Date(e[0]);
  let tuple = `,${literal(at)}`;
  for (let i = 1; i < 11; i++) tuple += `,${literal(e[i])}`;
  return [eventBodyText(packedBody(e)), tuple];
}

/** A packed event's hashed fields from `at` to `after`, in the audit hash rule's order (audit/hash.ts). */
function packedBody(e: PackedEvent): EventBody {
  return [new Date(e[0]).toISOString(), e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10]];
}
