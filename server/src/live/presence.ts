import type { Database } from '../platform/db/database';
import { eventBusFor, type PresenceEvent } from '../platform/events';

/** A tab that has not said it is still there within this long has left (the page says so every 20 s). */
export const PRESENCE_TTL_MS = 60_000;

interface Seen {
  staffUserId: number;
  fullName: string;
  since: string;
  lastAt: number;
}

/**
 * Who is on which request's page, per instance, fed by the presence events every instance hears
 * (so a tab on another instance counts too). Nothing is stored: a restart forgets, and the pages
 * say so again within PRESENCE_TTL_MS.
 */
class PresenceBoard {
  private byRequest = new Map<number, Map<string, Seen>>();

  /** When each tab last left a request's page: a renewal sent before that, arriving after, is stale. */
  private left = new Map<string, string>();

  apply(e: PresenceEvent): void {
    let tabs = this.byRequest.get(e.closureRequestId);
    const leftKey = `${e.closureRequestId}\u0000${e.tab}`;
    if (!e.viewing) {
      this.left.set(leftKey, e.at);
      if (this.left.size > 10_000) this.left.delete(this.left.keys().next().value!);
      tabs?.delete(e.tab);
      if (tabs?.size === 0) this.byRequest.delete(e.closureRequestId);
      return;
    }
    const leftAt = this.left.get(leftKey);
    if (leftAt !== undefined && e.at <= leftAt) return;
    if (!tabs) this.byRequest.set(e.closureRequestId, (tabs = new Map()));
    const earlier = tabs.get(e.tab);
    tabs.set(e.tab, { staffUserId: e.staffUserId, fullName: e.fullName, since: earlier?.since ?? e.at, lastAt: Date.now() });
  }

  /** The requests a tab is on (normally one). */
  viewedBy(tab: string): number[] {
    return [...this.byRequest].filter(([, tabs]) => tabs.has(tab)).map(([id]) => id);
  }

  /** One entry per person (a person in two tabs once), earliest first. */
  viewers(closureRequestId: number, now = Date.now()): { staffUserId: number; fullName: string; since: string }[] {
    const tabs = this.byRequest.get(closureRequestId);
    if (!tabs) return [];
    const people = new Map<number, { staffUserId: number; fullName: string; since: string }>();
    for (const [tab, seen] of tabs) {
      if (now - seen.lastAt > PRESENCE_TTL_MS) {
        tabs.delete(tab);
        continue;
      }
      const known = people.get(seen.staffUserId);
      if (!known || seen.since < known.since) people.set(seen.staffUserId, { staffUserId: seen.staffUserId, fullName: seen.fullName, since: seen.since });
    }
    return [...people.values()].sort((a, b) => (a.since < b.since ? -1 : 1));
  }
}

const boards = new WeakMap<Database, PresenceBoard>();

export function presenceBoardFor(db: Database): PresenceBoard {
  let board = boards.get(db);
  if (!board) {
    const created = new PresenceBoard();
    boards.set(db, (board = created));
    eventBusFor(db).subscribe((e) => {
      if (e.kind === 'presence') created.apply(e);
    });
  }
  return board;
}
