import { useEffect, useState } from 'react';
import { useMe } from '../common/useRole';
import { onLive, type ClosureChange } from './liveBus';

/**
 * While a dialog is open on a request: the newest change someone else committed to it since the
 * version the dialog was opened with, or null. The dialog says so before the user submits.
 */
export function useChangedMeanwhile(closureRequestId: number, version: number, open: boolean): ClosureChange | null {
  const me = useMe();
  const [change, setChange] = useState<ClosureChange | null>(null);
  useEffect(() => {
    if (!open) return undefined;
    return onLive((m) => {
      if (m.kind !== 'closure_request' || m.data.id !== closureRequestId || m.data.version <= version) return;
      if (me && m.data.actorId === me.id) return;
      setChange(m.data);
    });
  }, [closureRequestId, version, open, me]);
  return change;
}
