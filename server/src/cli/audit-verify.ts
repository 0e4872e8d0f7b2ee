/**
 * Offline verifier of a JSONL audit export (docs/AUDIT.md):
 *   npm run audit:verify -- <export.jsonl> [--public-key key.pem] [--checkpoint checkpoint.txt | <headId>:<headHash>:<signature>] [--key <hmac key>]
 * Exit 0: intact. Exit 1: altered, naming the first bad line. Exit 2: could not run.
 * Needs no database: only the file, and the signing key (AUDIT_SIGNING_KEY or --key) to check checkpoints.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
// The offline verifier loads only the audit component's pure verification modules, not the
// component (its routes, models and jobs): an auditor's machine runs this with no database, and
// it starts in a fraction of the time. Entry points, like main.ts, may pick modules this way.
import { ChainVerifier } from '../audit/chain-verifier';
import { checkpointSignatureMatches, parseCheckpointToken, type CheckpointClaim } from '../audit/checkpoint-signature';
import { readExportLine } from '../audit/read-export-line';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { openCheckpointNote, type CheckpointBody } from '../audit/signed-note';

const USAGE = 'usage: npm run audit:verify -- <export.jsonl> [--public-key key.pem] [--checkpoint checkpoint.txt | <headId>:<headHash>:<signature>] [--key <old HMAC key>]';

function fail(lineNo: number, id: number | null, why: string): never {
  console.error(`FAIL: line ${lineNo}${id === null ? '' : ` (event id ${id})`}: ${why}`);
  process.exit(1);
}

function cannotRun(why: string): never {
  console.error(`audit:verify: ${why}\n${USAGE}`);
  process.exit(2);
}

let args: ReturnType<typeof parseArgs<{ options: { key: { type: 'string' }; checkpoint: { type: 'string' }; 'public-key': { type: 'string' } }; allowPositionals: true }>>;
try {
  args = parseArgs({ options: { key: { type: 'string' }, checkpoint: { type: 'string' }, 'public-key': { type: 'string' } }, allowPositionals: true });
} catch (err) {
  cannotRun((err as Error).message);
}
const [file, ...extra] = args.positionals;
if (!file || extra.length) cannotRun('give exactly one file');
// npm runs scripts from the package's folder; INIT_CWD is where the person typed the command.
const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!fs.existsSync(filePath)) cannotRun(`no such file: ${filePath}`);
const key = args.values.key ?? (process.env.AUDIT_SIGNING_KEY || null);

const here = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
let publicKey: KeyObject | null = null;
if (args.values['public-key'] !== undefined) {
  try {
    publicKey = createPublicKey(fs.readFileSync(here(args.values['public-key'])));
  } catch (err) {
    cannotRun(`--public-key: ${(err as Error).message}`);
  }
}
let anchor: CheckpointClaim | null = null;
let signedAnchor: CheckpointBody | null = null;
if (args.values.checkpoint !== undefined && fs.existsSync(here(args.values.checkpoint))) {
  // A signed checkpoint kept from before (C2SP signed note): the file must hold that tree as a prefix.
  if (!publicKey) cannotRun('a signed --checkpoint needs --public-key');
  const opened = openCheckpointNote(fs.readFileSync(here(args.values.checkpoint), 'utf8'), publicKey);
  if ('error' in opened) {
    console.error(`FAIL: the --checkpoint given: ${opened.error}`);
    process.exit(1);
  }
  signedAnchor = opened;
} else if (args.values.checkpoint !== undefined) {
  anchor = parseCheckpointToken(args.values.checkpoint);
  if (!anchor) cannotRun('--checkpoint must be headId:headHash:signature as printed by npm run audit:checkpoint');
  if (key !== null && !checkpointSignatureMatches(key, anchor)) {
    console.error('FAIL: the --checkpoint given is not signed by this key');
    process.exit(1);
  }
}

const verifier = new ChainVerifier(key, publicKey);
const input = fs.createReadStream(filePath, { encoding: 'utf8' });
input.on('error', (err) => cannotRun(err.message));
let lineNo = 0;
for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
  lineNo += 1;
  const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
  const event = readExportLine(line);
  if ('error' in event) fail(lineNo, null, event.error);
  const problem = verifier.check(event);
  if (problem) fail(lineNo, event.id, problem);
  if (signedAnchor && verifier.tree.size === signedAnchor.size && !verifier.tree.root().equals(signedAnchor.rootHash)) {
    fail(lineNo, event.id, `the tree of the first ${signedAnchor.size} events is not the one the kept checkpoint signed: the log was rewritten since`);
  }
  if (anchor && event.id === anchor.headId && event.hash !== anchor.headHash) {
    fail(lineNo, event.id, 'this event is not the one the checkpoint signed: the chain up to here was rewritten');
  }
}

if (anchor && verifier.lastId < anchor.headId) {
  const missing = anchor.headId - verifier.lastId;
  fail(lineNo + 1, null, `the file ends at event id ${verifier.lastId}, but the checkpoint signs the chain up to id ${anchor.headId}: the file is truncated (${missing} event${missing > 1 ? 's' : ''} missing at the end)`);
}

if (signedAnchor && verifier.tree.size < signedAnchor.size) {
  fail(lineNo + 1, null, `the file ends at event id ${verifier.lastId}, but the kept checkpoint signs ${signedAnchor.size} events: the file is truncated`);
}
console.log(`OK: ${verifier.checked} events, last hash ${verifier.lastHash} (event id ${verifier.lastId})`);
if (key === null) {
  console.log(`${verifier.checkpoints} checkpoints found; signatures not checked (set AUDIT_SIGNING_KEY or give --key)`);
} else if (verifier.lastCheckpointHeadId === null) {
  console.log('no signed checkpoint in the file: only the hash chain was checked');
} else {
  const after = verifier.lastId - verifier.lastCheckpointHeadId;
  console.log(`${verifier.checkpoints} signed checkpoints verified; the last signs the chain up to event id ${verifier.lastCheckpointHeadId}` +
    (after > 0 ? `; the ${after} events after it are chained but not yet signed` : ''));
}
if (anchor) console.log(`the file reaches the given checkpoint (event id ${anchor.headId})`);
if (publicKey) console.log(`${verifier.treeCheckpoints} Ed25519-signed tree checkpoints verified` +
  (verifier.lastTreeCheckpointSize === null ? '' : `; the last signs the first ${verifier.lastTreeCheckpointSize} events`));
if (signedAnchor) console.log(`consistent with the kept checkpoint of ${signedAnchor.size} events`);
