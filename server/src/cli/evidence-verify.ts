/**
 * Offline verifier of an evidence pack (docs/AUDIT.md "Verifying a pack"):
 *   npm run evidence:verify -- <pack.zip> [--public-key key.pem] [--checkpoint older-checkpoint.txt]
 * Exit 0: every check passed (one line). Exit 1: a check failed, named. Exit 2: could not run.
 * No database, no network: the rules are shared/src/evidence, the same the console's Verify page runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyPackZip } from '@closure-desk/shared/evidence';

const USAGE = 'usage: npm run evidence:verify -- <pack.zip> [--public-key key.pem] [--checkpoint older-checkpoint.txt]';
function cannotRun(why: string): never {
  console.error(`evidence:verify: ${why}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ options: { 'public-key': { type: 'string' }, checkpoint: { type: 'string' } }, allowPositionals: true });
} catch (err) {
  cannotRun((err as Error).message);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) cannotRun('give exactly one pack');
// npm runs scripts from the package's folder; INIT_CWD is where the person typed the command.
const here = (p: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
const read = (p: string, what: string) => {
  try {
    return fs.readFileSync(here(p));
  } catch (err) {
    cannotRun(`${what}: ${(err as Error).message}`);
  }
};
const zip = read(positionals[0]!, 'the pack');
const publicKeyPem = values['public-key'] === undefined ? undefined : read(values['public-key'], '--public-key').toString('utf8');
const olderCheckpoint = values.checkpoint === undefined ? undefined : read(values.checkpoint, '--checkpoint').toString('utf8');

const result = await verifyPackZip(new Uint8Array(zip), { publicKeyPem, olderCheckpoint });
if (!result.ok) {
  console.error(result.summary);
  process.exit(1);
}
console.log(result.summary);
if (!publicKeyPem) console.log('note: checked with the pack\'s own public key; pass --public-key with the published one to trust the signature');
