import { equalBytes, utf8 } from './bytes';
import { canonicalText, eventHash, readEventLine } from './event';
import { leafHash, nodeHash } from './merkle';
import { ed25519FromPem, openCheckpoint } from './signed-note';
import type { CheckResult, PackVerification } from './verify-pack';

const GENESIS = '0'.repeat(64);

/**
 * A JSONL audit export checked in the browser as `npm run audit:verify` checks it: every line's
 * hash rule, the chain (each prevHash is the line before's hash), and, when the export starts at
 * event 1 and a key is given, every signed tree checkpoint in it against the tree of the lines before.
 */
export async function verifyExportJsonl(text: string, opts: { publicKeyPem?: string } = {}): Promise<PackVerification> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const checks: CheckResult[] = [];
  const done = (status: 'pass' | 'fail', detail: string, cps: number): PackVerification => {
    checks.push({ key: 'chain', name: 'hash chain', status, detail });
    if (status === 'pass') checks.push({ key: 'checkpoint', name: 'checkpoint signature', status: key ? 'pass' : 'skip', detail: key ? `${cps} signed tree checkpoints match the tree` : 'no public key given' });
    return { ok: status === 'pass', checks, summary: status === 'pass' ? `OK: ${detail}` : `FAIL: hash chain: ${detail}`, events: lines.length };
  };
  const k = opts.publicKeyPem === undefined ? null : ed25519FromPem(opts.publicKeyPem);
  if (k && 'error' in k) return done('fail', `the key given: ${k.error}`, 0);
  const key = k as Uint8Array | null;
  const frontier: (Uint8Array | undefined)[] = [];
  let size = 0;
  let prev: { id: number; hash: string } | null = null;
  let fromStart = false;
  let cps = 0;
  for (const [i, line] of lines.entries()) {
    const e = readEventLine(line, false);
    if ('error' in e) return done('fail', `line ${i + 1}: ${e.error}`, cps);
    if ((await eventHash(e)) !== e.hash) return done('fail', `line ${i + 1} (event ${e.id}): its fields do not give its hash`, cps);
    if (prev === null) fromStart = e.id === 1;
    if (prev === null && e.id === 1 && e.prevHash !== GENESIS) return done('fail', 'line 1: the first event must chain from 64 zeros', cps);
    if (prev !== null && (e.id !== prev.id + 1 || e.prevHash !== prev.hash)) return done('fail', `line ${i + 1} (event ${e.id}): does not chain to the line before (an event removed, reordered or changed)`, cps);
    if (fromStart && key && e.action === 'audit.tree_checkpoint') {
      const after = JSON.parse(e.after ?? '{}') as { note?: string; treeSize?: number };
      const cp = await openCheckpoint(String(after.note ?? ''), key);
      if ('error' in cp) return done('fail', `line ${i + 1} (event ${e.id}): ${cp.error}`, cps);
      if (cp.size !== size) return done('fail', `line ${i + 1}: the checkpoint signs ${cp.size} events, but ${size} come before it`, cps);
      let root: Uint8Array | undefined;
      for (const h of frontier) if (h) root = root ? await nodeHash(h, root) : h;
      if (!root || !equalBytes(root, cp.rootHash)) return done('fail', `line ${i + 1} (event ${e.id}): the signed root is not the tree of the events before it`, cps);
      cps += 1;
    }
    if (fromStart) {
      let cur = await leafHash(utf8(canonicalText(e)));
      let level = 0;
      for (let n = size; n & 1; n >>= 1, level++) {
        cur = await nodeHash(frontier[level]!, cur);
        frontier[level] = undefined;
      }
      frontier[level] = cur;
      size += 1;
    }
    prev = { id: e.id, hash: e.hash };
  }
  if (prev === null) return done('fail', 'the file has no events', cps);
  return done('pass', `${lines.length} events chain${fromStart ? ' from the first' : ` from event ${lines.length ? JSON.parse(lines[0]!).id : 0}`}`, cps);
}
