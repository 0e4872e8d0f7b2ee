import { useEffect, useState } from 'react';
import { serverNow } from './serverClock';

/** The current time by the server's clock (serverClock.ts), refreshed every `intervalMs` (a countdown re-renders once a minute). */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
