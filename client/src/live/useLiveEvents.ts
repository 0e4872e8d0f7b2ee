import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { API_URL } from '../session';
import { emitLive, TAB_ID, type ClosureChange, type PresenceChange } from './liveBus';

/**
 * Opens this tab's event stream while someone is signed in. A committed change of a closure
 * request invalidates every closure-request query (its page, every list and the dashboard's
 * counts), so what is shown refetches without a reload; the browser's EventSource reconnects by
 * itself and sends Last-Event-ID, so a short break loses nothing.
 */
export function useLiveEvents(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`${API_URL}/events?tab=${encodeURIComponent(TAB_ID)}`, { withCredentials: true });
    source.addEventListener('closure_request', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as ClosureChange;
      void queryClient.invalidateQueries({ queryKey: ['closure-requests'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      emitLive({ kind: 'closure_request', data });
    });
    source.addEventListener('presence', (e) => {
      emitLive({ kind: 'presence', data: JSON.parse((e as MessageEvent<string>).data) as PresenceChange });
    });
    return () => source.close();
  }, [enabled, queryClient]);
}
