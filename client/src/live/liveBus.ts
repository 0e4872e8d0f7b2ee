/**
 * What this tab's event stream (GET /api/events) hears, for the components that care: the pages
 * refresh through react-query (useLiveEvents), a dialog warns of a change made meanwhile, the
 * request page shows who else is on it. One stream per tab; the tab's id names it for presence.
 */
export interface ClosureChange {
  id: number;
  version: number;
  status: string;
  assigneeId: number | null;
  actorId: number | null;
  actorName: string | null;
  action: string;
}

export interface PresenceChange {
  closureRequestId: number;
  staffUserId: number;
  fullName: string;
  viewing: boolean;
}

export type LiveMessage = { kind: 'closure_request'; data: ClosureChange } | { kind: 'presence'; data: PresenceChange };
type Listener = (message: LiveMessage) => void;

const listeners = new Set<Listener>();

export function onLive(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function emitLive(message: LiveMessage): void {
  for (const listener of listeners) listener(message);
}

const randomTab = () => `tab-${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`;
/** This tab's id (kept across reloads of the tab, not shared with other tabs). */
export const TAB_ID: string = (() => {
  try {
    const known = sessionStorage.getItem('closure-desk-tab');
    if (known) return known;
    const made = randomTab();
    sessionStorage.setItem('closure-desk-tab', made);
    return made;
  } catch {
    return randomTab();
  }
})();
