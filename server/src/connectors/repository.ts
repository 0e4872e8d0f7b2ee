import { randomUUID } from 'node:crypto';
import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { AppContext } from '../platform/context';
import { iso } from '../platform/http/list-resource';
import type { EsimProfileRecord, Peer, PeerCommandKind, PeerCommandRecord, PeerCommandStatus } from '../platform/db/records';

export type { Peer };

/**
 * The peer commands (peer_commands): what `complete` enqueues, what the dispatchers claim and mark
 * under their fencing token, what the peers' callbacks confirm, and what a request's checklist
 * reads of them; plus the profile a peer's callback is about.
 */

/** A command this dispatcher holds: (attempts, leaseUntil) is the fencing token of every later write, as in the notification outbox. */
export interface CommandClaim {
  id: number;
  status: 'pending' | 'sent';
  attempts: number;
  leaseUntil: Date;
  callId: string;
  iccid: string;
  msisdn: string | null;
  peerReference: string | null;
  closureRequestId: number;
}

const dueAt = (now: Date, peer: Peer): WhereOptions => ({
  peer,
  status: { [Op.in]: ['pending', 'sent'] },
  [Op.or]: [{ nextAttemptAt: null }, { nextAttemptAt: { [Op.lte]: now } }],
});

const heldBy = (c: CommandClaim): WhereOptions => ({ id: c.id, status: c.status, attempts: c.attempts, nextAttemptAt: c.leaseUntil });

/**
 * One command per profile and peer, in the transaction of `complete`: a TMF641 delete of every
 * subscription, an ES2+ CancelOrder for each profile never downloaded. The identifier the peer
 * deduplicates on is made here, once.
 */
export async function enqueueTerminationCommands(ctx: AppContext, tx: Transaction, closureRequestId: number, profiles: { id: number; iccid: string; deviceState: string }[]): Promise<number> {
  const at = new Date();
  const rows = profiles.flatMap((p): { peer: Peer; kind: PeerCommandKind; profile: typeof p }[] => [
    { peer: 'network', kind: 'service_order_delete', profile: p },
    ...(p.deviceState === 'none' ? [{ peer: 'smdp' as const, kind: 'cancel_order' as const, profile: p }] : []),
  ]).map(({ peer, kind, profile }) => ({
    closureRequestId, profileId: profile.id, iccid: profile.iccid, peer, kind, callId: `cd-${randomUUID()}`,
    status: 'pending' as const, attempts: 0, nextAttemptAt: null, createdAt: at, updatedAt: at,
  }));
  if (rows.length) await ctx.models.PeerCommand.bulkCreate(rows, { transaction: tx });
  return rows.length;
}

export async function findDueCommandIds(ctx: AppContext, peer: Peer, now: Date, limit: number): Promise<number[]> {
  const rows = await ctx.models.PeerCommand.findAll({ attributes: ['id'], where: dueAt(now, peer), order: [['id', 'ASC']], limit, raw: true });
  return rows.map((r) => r.id);
}

/** Claims a due command (the guarded UPDATE only one dispatcher wins); a send counts as an attempt, a look at a sent order does not. */
export async function claimCommand(ctx: AppContext, peer: Peer, id: number, now: Date, leaseUntil: Date): Promise<CommandClaim | null> {
  const { PeerCommand, EsimProfile } = ctx.models;
  return ctx.db.transaction(async (tx) => {
    const [claimed] = await PeerCommand.update(
      { nextAttemptAt: leaseUntil, attempts: ctx.db.sequelize.literal("attempts + CASE WHEN status = 'pending' THEN 1 ELSE 0 END") },
      { where: { id, ...dueAt(now, peer) }, transaction: tx },
    );
    if (claimed !== 1) return null;
    // Claimed just now in this transaction, so the row is there, and only a pending or sent command is due (dueAt).
    const row = (await PeerCommand.findByPk(id, { transaction: tx, raw: true }))!;
    const profile = await EsimProfile.findByPk(row.profileId, { transaction: tx, raw: true });
    return {
      id, status: row.status as CommandClaim['status'], attempts: row.attempts, leaseUntil, callId: row.callId, iccid: row.iccid,
      msisdn: profile?.msisdn ?? null, peerReference: row.peerReference, closureRequestId: row.closureRequestId,
    };
  });
}

export async function markCommand(ctx: AppContext, claim: CommandClaim, values: Partial<PeerCommandRecord>): Promise<boolean> {
  const [n] = await ctx.db.transaction((tx) => ctx.models.PeerCommand.update({ ...values, updatedAt: new Date() }, { where: heldBy(claim), transaction: tx }));
  return n === 1;
}

/**
 * Marks a held command failed for good, in the caller's transaction; false if the claim was lost.
 * The guard is the claim's attempts and lease, whichever of pending or sent the command is in.
 */
export async function failHeldCommand(ctx: AppContext, tx: Transaction, claim: CommandClaim, error: string): Promise<boolean> {
  const [n] = await ctx.models.PeerCommand.update(
    { status: 'failed', lastError: error, nextAttemptAt: null, updatedAt: new Date() },
    { where: { id: claim.id, attempts: claim.attempts, nextAttemptAt: claim.leaseUntil }, transaction: tx },
  );
  return n === 1;
}

/**
 * The profile with this ICCID, its network state and how many peer commands were ever made for it,
 * read in the caller's transaction; or null.
 */
export async function findProfileWithCommandCount(ctx: AppContext, tx: Transaction, iccid: string): Promise<(Pick<EsimProfileRecord, 'id' | 'networkState'> & { commands: number }) | null> {
  const [p] = await ctx.db.query<Pick<EsimProfileRecord, 'id' | 'networkState'> & { commands: number }>(tx,
    `SELECT p.id, p.network_state AS "networkState", (SELECT COUNT(*) FROM peer_commands c WHERE c.profile_id = p.id) AS commands
     FROM esim_profiles p WHERE p.iccid = $1`, [iccid]);
  return p ? { id: Number(p.id), networkState: p.networkState, commands: Number(p.commands) } : null;
}

/** A TMF641 order reported completed (the listener): the command sent for it is confirmed. */
export async function confirmByReference(ctx: AppContext, tx: Transaction, reference: string, at: Date): Promise<number> {
  const [n] = await ctx.models.PeerCommand.update(
    { status: 'confirmed', confirmedAt: at, nextAttemptAt: null, lastError: null, updatedAt: new Date() },
    { where: { peer: 'network', peerReference: reference, status: { [Op.in]: ['pending', 'sent'] } }, transaction: tx },
  );
  return n;
}

export interface CommandView {
  id: number; iccid: string; peer: Peer; kind: PeerCommandKind; callId: string; status: PeerCommandStatus; attempts: number;
  lastError: string | null; peerReference: string | null; confirmedAt: string | null; nextAttemptAt: string | null;
}

/** What COMMANDS_OF selects of a command. */
type CommandRow = Pick<PeerCommandRecord, 'id' | 'iccid' | 'peer' | 'kind' | 'callId' | 'status' | 'attempts' | 'lastError' | 'peerReference' | 'confirmedAt' | 'nextAttemptAt'>;

const COMMANDS_OF = `SELECT id, iccid, peer, kind, call_id AS "callId", status, attempts, last_error AS "lastError",
  peer_reference AS "peerReference", confirmed_at AS "confirmedAt", next_attempt_at AS "nextAttemptAt"
  FROM peer_commands WHERE closure_request_id = $1 ORDER BY id`;

/**
 * A request's peer commands, oldest first. Plain SQL, not a Sequelize read: on SQLite each of those
 * asks `PRAGMA table_info` first, one more round trip inside the writer's transaction of every action.
 */
export async function commandsOf(ctx: AppContext, closureRequestId: number, tx?: Transaction): Promise<CommandView[]> {
  const rows = tx ? await ctx.db.query<CommandRow>(tx, COMMANDS_OF, [closureRequestId]) : await ctx.db.select<CommandRow>(COMMANDS_OF, [closureRequestId]);
  return rows.map((r) => ({
    id: r.id, iccid: r.iccid, peer: r.peer, kind: r.kind, callId: r.callId, status: r.status, attempts: r.attempts,
    lastError: r.lastError, peerReference: r.peerReference, confirmedAt: iso(r.confirmedAt), nextAttemptAt: iso(r.nextAttemptAt),
  }));
}

/** The request's termination as the checklist judges it; undefined when complete was never done. */
export async function terminationFacts(ctx: AppContext, closureRequestId: number, tx?: Transaction): Promise<{ pending: number; failures: { peer: string; reason: string }[] } | undefined> {
  const commands = await commandsOf(ctx, closureRequestId, tx);
  if (!commands.length) return undefined;
  return {
    pending: commands.filter((c) => c.status !== 'confirmed').length,
    failures: commands.filter((c) => c.status === 'failed').map((c) => ({ peer: c.peer === 'smdp' ? 'SM-DP+' : 'network', reason: c.lastError ?? 'failed' })),
  };
}

/** Failed commands back to pending, with the identifiers they had (retry-termination). */
export async function requeueFailedCommands(ctx: AppContext, tx: Transaction, closureRequestId: number): Promise<number> {
  const [n] = await ctx.models.PeerCommand.update(
    { status: 'pending', attempts: 0, nextAttemptAt: null, updatedAt: new Date() },
    { where: { closureRequestId, status: 'failed' }, transaction: tx },
  );
  return n;
}
