import pg from 'pg';
import type { Transaction } from 'sequelize';
import type { Database } from './db/database';
import type { Logger } from './logging';

/**
 * Live pages (issue 17): what changed, told to every open console tab (GET /api/events). A change
 * is published inside the transaction that makes it and reaches listeners only once it commits:
 * on PostgreSQL as a NOTIFY (delivered at commit, to every instance LISTENing, this one included),
 * on SQLite (one process) by the transaction's after-commit hook. Presence (who is on a request's
 * page) is not stored: it travels the same way, outside any transaction.
 */
export const EVENT_CHANNEL = 'closure_desk_events';
const REPLAY_BUFFER = 1000;

export interface ClosureChangedEvent {
  kind: 'closure_request';
  /** the audit event's id: one increasing sequence across instances, so it is the SSE event id */
  seq: number;
  id: number;
  version: number;
  status: string;
  assigneeId: number | null;
  actorId: number | null;
  actorName: string | null;
  action: string;
}

export interface PresenceEvent {
  kind: 'presence';
  closureRequestId: number;
  staffUserId: number;
  fullName: string;
  /** a tab's own id, so one person in two tabs leaves only when both do */
  tab: string;
  viewing: boolean;
  at: string;
}

export type LiveEvent = ClosureChangedEvent | PresenceEvent;
type Listener = (event: LiveEvent) => void;

/** One per database (so two instances in one test process each have theirs). */
export class EventBus {
  private listeners = new Set<Listener>();
  private recent: ClosureChangedEvent[] = [];
  private streams = new Set<() => void>();

  /** An open stream's way to end it: a shutdown ends every stream rather than wait for it. */
  holdStream(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  endStreams(): void {
    for (const end of [...this.streams]) end();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  emit(event: LiveEvent): void {
    if (event.kind === 'closure_request') {
      this.recent.push(event);
      if (this.recent.length > REPLAY_BUFFER) this.recent.splice(0, this.recent.length - REPLAY_BUFFER);
    }
    for (const listener of this.listeners) listener(event);
  }

  /** The changes after `seq` still held here (a reconnect's Last-Event-ID); older ones are gone. */
  since(seq: number): ClosureChangedEvent[] {
    return this.recent.filter((e) => e.seq > seq);
  }
}

const buses = new WeakMap<Database, EventBus>();
export function eventBusFor(db: Database): EventBus {
  let bus = buses.get(db);
  if (!bus) buses.set(db, (bus = new EventBus()));
  return bus;
}

/** Publishes `event` with the caller's transaction: listeners hear of it only once it commits. */
export async function publishWithTransaction(db: Database, tx: Transaction, event: LiveEvent): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.query(tx, 'SELECT pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify(event)]);
  } else {
    tx.afterCommit(() => eventBusFor(db).emit(event));
  }
}

/** Publishes an event that belongs to no transaction (presence). */
export async function publishNow(db: Database, event: LiveEvent): Promise<void> {
  if (db.dialect === 'postgres') await db.select('SELECT pg_notify($1, $2)', [EVENT_CHANNEL, JSON.stringify(event)]);
  else eventBusFor(db).emit(event);
}

/**
 * On PostgreSQL, one connection per instance LISTENs and hands every notification to this
 * instance's bus; it reconnects after a failure. Resolves once listening (or retrying), with stop().
 * On SQLite there is nothing to do.
 */
export async function startEventRelay(db: Database, databaseUrl: string, logger: Logger): Promise<() => Promise<void>> {
  if (db.dialect !== 'postgres') return async () => undefined;
  const bus = eventBusFor(db);
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on('notification', (msg) => {
      if (msg.channel !== EVENT_CHANNEL || !msg.payload) return;
      try {
        bus.emit(JSON.parse(msg.payload) as LiveEvent);
      } catch (err) {
        logger.warn({ err }, 'live events: a notification that is not JSON was dropped');
      }
    });
    c.on('error', (err) => {
      logger.warn({ err }, 'live events: the LISTEN connection failed; reconnecting');
      void c.end().catch(() => undefined);
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${EVENT_CHANNEL}`);
    } catch (err) {
      logger.warn({ err }, 'live events: could not LISTEN; retrying');
      void c.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await (client as pg.Client | null)?.end().catch(() => undefined);
  };
}
