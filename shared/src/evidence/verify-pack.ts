import { unzipSync } from 'fflate';
import { equalBytes, fromBase64, fromUtf8, sha256, toHex, utf8 } from './bytes';
import { canonicalText, eventHash, readEventLine, type AuditEventLine, type PackEventLine } from './event';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { recordUnbackedClaim, type EvidenceRecord } from './record';
import { ed25519FromPem, keyIdHex, openCheckpoint, parseCheckpoint, type Checkpoint } from './signed-note';

/**
 * The evidence-pack verifier (docs/AUDIT.md "Verifying a pack"), written once for the command
 * line (npm run evidence:verify) and the console's Verify page: pure, on WebCrypto and fflate only.
 */
export const PACK_FILES = ['record.json', 'events.jsonl', 'checkpoint.txt', 'public-key.pem', 'consistency.json', 'summary.html', 'VERIFY.md'] as const;

/** The checks, in the order they run; each names what it proves. */
export const CHECK_NAMES = {
  layout: 'pack layout',
  publicKey: 'public key',
  checkpoint: 'checkpoint signature',
  hashes: 'event hashes',
  inclusion: 'inclusion proofs',
  record: 'record backed by events',
  files: 'attachment files',
  consistency: 'consistency with the older checkpoint',
} as const;
export type CheckKey = keyof typeof CHECK_NAMES;

export interface CheckResult {
  key: CheckKey | 'chain';
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
}

export interface VerifyOptions {
  /** the trusted key (PEM), as published at GET /api/audit/public-key; without it the pack's own key is used, and the result says so */
  publicKeyPem?: string;
  /** an older signed checkpoint the auditor kept: the pack's must be consistent with it */
  olderCheckpoint?: string;
}

export interface PackVerification {
  ok: boolean;
  checks: CheckResult[];
  /** one line: what was proven, or the first failure */
  summary: string;
  checkpoint?: Checkpoint;
  events?: number;
}

interface ConsistencyEntry {
  firstSize: number;
  secondSize: number;
  firstRootHash: string;
  consistencyPath: string[];
}

export function unzipPack(zip: Uint8Array): { files: Record<string, Uint8Array> } | { error: string } {
  try {
    return { files: unzipSync(zip) };
  } catch (err) {
    return { error: `not a readable ZIP file (${(err as Error).message})` };
  }
}

export async function verifyPackZip(zip: Uint8Array, opts: VerifyOptions = {}): Promise<PackVerification> {
  const unzipped = unzipPack(zip);
  if ('error' in unzipped) return finish([{ key: 'layout', name: CHECK_NAMES.layout, status: 'fail', detail: unzipped.error }]);
  return verifyPack(unzipped.files, opts);
}

function finish(checks: CheckResult[], extra: Partial<PackVerification> = {}): PackVerification {
  for (const key of Object.keys(CHECK_NAMES) as CheckKey[]) {
    if (!checks.some((c) => c.key === key)) checks.push({ key, name: CHECK_NAMES[key], status: 'skip', detail: 'not run: an earlier check failed' });
  }
  const order = Object.keys(CHECK_NAMES);
  checks.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  const failed = checks.find((c) => c.status === 'fail');
  const summary = failed
    ? `FAIL: ${failed.name}: ${failed.detail}`
    : `OK: ${extra.events ?? 0} events proven in the signed tree of ${extra.checkpoint?.size ?? 0} (${extra.checkpoint?.origin ?? ''}); ${checks.filter((c) => c.status === 'pass').map((c) => c.name).join(', ')}`;
  return { ok: !failed, checks, summary, ...extra };
}

const text = (files: Record<string, Uint8Array>, name: string): string | { error: string } => {
  const b = files[name];
  if (!b) return { error: `${name} is missing` };
  try {
    return fromUtf8(b);
  } catch {
    return { error: `${name} is not UTF-8` };
  }
};

export async function verifyPack(files: Record<string, Uint8Array>, opts: VerifyOptions = {}): Promise<PackVerification> {
  const checks: CheckResult[] = [];
  const pass = (key: CheckKey, detail: string) => checks.push({ key, name: CHECK_NAMES[key], status: 'pass', detail });
  const fail = (key: CheckKey, detail: string, extra: Partial<PackVerification> = {}) => {
    checks.push({ key, name: CHECK_NAMES[key], status: 'fail', detail });
    return finish(checks, extra);
  };

  // 1. Layout: every file there, each of the form it should be.
  const got: Record<string, string> = {};
  for (const name of PACK_FILES) {
    const t = text(files, name);
    if (typeof t !== 'string') return fail('layout', t.error);
    got[name] = t;
  }
  const extraFiles = Object.keys(files).filter((n) => !(PACK_FILES as readonly string[]).includes(n) && !n.startsWith('files/') && !n.endsWith('/'));
  if (extraFiles.length) return fail('layout', `unexpected file ${extraFiles[0]}`);
  let record: EvidenceRecord;
  let consistency: ConsistencyEntry[];
  try {
    record = JSON.parse(got['record.json']!) as EvidenceRecord;
    consistency = JSON.parse(got['consistency.json']!) as ConsistencyEntry[];
  } catch {
    return fail('layout', 'record.json or consistency.json is not JSON');
  }
  if (!record || typeof record !== 'object' || !record.request || !Array.isArray(consistency)) return fail('layout', 'record.json or consistency.json is not of the pack format');
  const lines = got['events.jsonl']!.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const events: PackEventLine[] = [];
  for (const [i, line] of lines.entries()) {
    const e = readEventLine(line, true);
    if ('error' in e) return fail('layout', `events.jsonl line ${i + 1}: ${e.error}`);
    if (events.length && e.id <= events.at(-1)!.id) return fail('layout', `events.jsonl line ${i + 1}: ids are not increasing`);
    events.push(e);
  }
  pass('layout', `${events.length} events, ${Object.keys(files).filter((n) => n.startsWith('files/')).length} attachment files`);

  // 2. The key: the one the auditor trusts, or the pack's.
  const packKey = ed25519FromPem(got['public-key.pem']!);
  const trusted = opts.publicKeyPem === undefined ? null : ed25519FromPem(opts.publicKeyPem);
  if (trusted && 'error' in trusted) return fail('publicKey', `the key given: ${trusted.error}`);
  if ('error' in packKey) return fail('publicKey', `public-key.pem: ${packKey.error}`);
  if (trusted && !equalBytes(trusted, packKey)) return fail('publicKey', 'public-key.pem is not the key given: the pack was signed by another key, or its key was swapped');
  const key = trusted ?? packKey;

  // 3. The checkpoint: signed by that key.
  const parsed = parseCheckpoint(got['checkpoint.txt']!);
  if ('error' in parsed) return fail('checkpoint', parsed.error);
  pass('publicKey', trusted ? `the key given (key ID ${await keyIdHex(parsed.checkpoint.origin, key)})` :
    `the pack's own key (key ID ${await keyIdHex(parsed.checkpoint.origin, key)}): compare it with the published one, or pass the key`);
  const cp = await openCheckpoint(got['checkpoint.txt']!, key);
  if ('error' in cp) return fail('checkpoint', cp.error);
  pass('checkpoint', `${cp.origin}, tree size ${cp.size}`);

  // 4. Every event's hash rule.
  for (const e of events) {
    if ((await eventHash(e)) !== e.hash) return fail('hashes', `event ${e.id} (${e.action}): its fields do not give its hash: the event was changed`, { checkpoint: cp });
  }
  pass('hashes', `${events.length} events`);

  // 5. Every event's inclusion proof against the checkpoint.
  for (const e of events) {
    if (e.leafIndex !== e.id - 1) return fail('inclusion', `event ${e.id}: leafIndex must be id − 1`, { checkpoint: cp });
    if (e.id > cp.size) return fail('inclusion', `event ${e.id} is after the checkpoint's tree of ${cp.size}`, { checkpoint: cp });
    const path = e.inclusionPath.map((h) => fromBase64(h)!);
    const leaf = await leafHash(utf8(canonicalText(e)));
    if (!(await verifyInclusion(e.leafIndex, cp.size, leaf, path, cp.rootHash))) {
      return fail('inclusion', `event ${e.id} (${e.action}): its inclusion proof does not lead to the checkpoint's root`, { checkpoint: cp });
    }
  }
  pass('inclusion', `${events.length} events in the tree of ${cp.size}`);

  // 6. record.json says nothing the events do not.
  const byId = new Map<number, AuditEventLine>(events.map((e) => [e.id, e]));
  if (record.treeSize !== cp.size || record.origin !== cp.origin) return fail('record', 'record.json names another checkpoint than checkpoint.txt', { checkpoint: cp });
  let claim: string | null;
  try {
    claim = recordUnbackedClaim(record, byId);
  } catch (err) {
    claim = `record.json is not of the pack format (${(err as Error).message})`;
  }
  if (claim) return fail('record', claim, { checkpoint: cp });
  pass('record', `${record.stateChanges.length} state changes, ${record.refunds.length} refunds, ${record.ledgerEntries.length} ledger entries`);

  // 7. Attachment files: each one given is the one the record (and its upload event) names.
  const uploads = new Map<string, string>();
  for (const e of events) {
    if (e.action !== 'attachment.upload') continue;
    const a = JSON.parse(e.after ?? '{}') as { attachmentId?: number; sha256?: string };
    uploads.set(String(a.attachmentId), String(a.sha256));
  }
  let fileCount = 0;
  for (const a of record.attachments ?? []) {
    if (uploads.has(String(a.id)) && uploads.get(String(a.id)) !== a.sha256) return fail('files', `attachment ${a.id}: record.json's SHA-256 is not its upload event's`, { checkpoint: cp });
    if (a.file === null || a.file === undefined) continue;
    const bytes = files[a.file];
    if (!bytes) return fail('files', `attachment ${a.id}: ${a.file} is missing`, { checkpoint: cp });
    if (toHex(await sha256(bytes)) !== a.sha256) return fail('files', `${a.file}: its SHA-256 is not the one recorded at upload`, { checkpoint: cp });
    fileCount += 1;
  }
  const named = new Set((record.attachments ?? []).map((a) => a.file));
  const stray = Object.keys(files).find((n) => n.startsWith('files/') && !n.endsWith('/') && !named.has(n));
  if (stray) return fail('files', `${stray} is not an attachment of the record`, { checkpoint: cp });
  pass('files', fileCount ? `${fileCount} files match their SHA-256` : `${(record.attachments ?? []).length} attachments listed by SHA-256; no files in the pack`);

  // 8. Given an older checkpoint: the pack's tree extends it.
  if (opts.olderCheckpoint === undefined) {
    checks.push({ key: 'consistency', name: CHECK_NAMES.consistency, status: 'skip', detail: 'no older checkpoint given' });
  } else {
    const old = await openCheckpoint(opts.olderCheckpoint, key);
    if ('error' in old) return fail('consistency', `the older checkpoint: ${old.error}`, { checkpoint: cp });
    if (old.origin !== cp.origin) return fail('consistency', `the older checkpoint is of another log (${old.origin})`, { checkpoint: cp });
    if (old.size > cp.size) return fail('consistency', `the older checkpoint (${old.size}) is larger than the pack's (${cp.size}): ask for a newer pack`, { checkpoint: cp });
    if (old.size === cp.size) {
      if (!equalBytes(old.rootHash, cp.rootHash)) return fail('consistency', 'two signed trees of the same size differ: the log was rewritten', { checkpoint: cp });
    } else {
      const proof = consistency.find((c) => c.firstSize === old.size && c.secondSize === cp.size);
      if (!proof) return fail('consistency', `the pack has no consistency proof from size ${old.size}: download it with ?since=${old.size}`, { checkpoint: cp });
      const path = (proof.consistencyPath ?? []).map(fromBase64);
      if (path.some((h) => !h || h.length !== 32)) return fail('consistency', 'the consistency proof holds a hash that is not base64 of 32 bytes', { checkpoint: cp });
      if (!(await verifyConsistency(old.size, cp.size, old.rootHash, cp.rootHash, path as Uint8Array[]))) {
        return fail('consistency', `the tree of ${old.size} the older checkpoint signed is not a prefix of the pack's tree of ${cp.size}: the log was rewritten`, { checkpoint: cp });
      }
    }
    pass('consistency', `the tree of ${old.size} is a prefix of the tree of ${cp.size}`);
  }
  return finish(checks, { checkpoint: cp, events: events.length });
}
