/**
 * The server's clock as the console last heard it: the server decides what is overdue
 * (shared isOverdue with its own time), so a countdown that ticks on a page left open must tick on
 * the server's time, not on a browser clock that may be minutes off. Every API answer's `Date`
 * header (whole seconds) moves the offset; within two seconds the clocks are taken to agree.
 */
let offsetMs = 0;

export function noteServerDate(header: string | null | undefined, receivedAt = Date.now()): void {
  const at = header ? Date.parse(header) : NaN;
  if (Number.isNaN(at)) return;
  const drift = at + 500 - receivedAt; // the header drops the milliseconds: take the middle of its second
  offsetMs = Math.abs(drift) > 2000 ? drift : 0;
}

/** Now, by the server's clock. */
export const serverNow = (): number => Date.now() + offsetMs;
