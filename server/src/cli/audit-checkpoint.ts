/**
 * npm run audit:checkpoint: signs the audit log's Merkle tree now with the Ed25519 key
 * (AUDIT_SIGNING_KEY_FILE, DATABASE_URL) and prints the signed checkpoint (C2SP signed note).
 * Keep it somewhere else: `npm run evidence:verify -- pack.zip --checkpoint old.txt` and
 * `npm run audit:verify -- export.jsonl --checkpoint old.txt` check that the log only grew since.
 */
import { appendSignedCheckpoint } from '../audit';
import { loadSigningKey } from '../audit';
import { loadConfig } from '../platform/config';
import { openContext } from '../server';

const config = { ...loadConfig(), logLevel: 'warn' };
if (!loadSigningKey(config)) {
  console.error(`warning: no signing key at ${config.auditSigningKeyFile} (AUDIT_SIGNING_KEY_FILE); no checkpoint made`);
  process.exit(1);
}
const ctx = await openContext(config);
try {
  const cp = (await appendSignedCheckpoint(ctx))!;
  console.error(`checkpoint ${cp.id} (event ${cp.eventId}) signs the tree of the first ${cp.treeSize} events`);
  process.stdout.write(cp.note);
} finally {
  await ctx.db.close();
}
