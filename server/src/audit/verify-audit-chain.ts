import type { ChainVerification } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { ChainVerifier } from './chain-verifier';
import { readAuditEvents } from './export-row';
import { findHeadEventId } from './repository';
import { keysetPages } from './stream-export';
import { loadSigningKey } from './signing-key';

/**
 * Walks the stored chain from id 1 to the head as it stood when the walk began, in keyset pages,
 * and stops at the first bad event. Checkpoint signatures are checked when the server has the key.
 */
export async function verifyAuditChain(ctx: AppContext, key: string | null = process.env.AUDIT_SIGNING_KEY || null): Promise<ChainVerification> {
  const signing = loadSigningKey(ctx.config);
  const verifier = new ChainVerifier(key, signing?.publicKey ?? null, signing?.name);
  const headId = await findHeadEventId(ctx);
  // a plain read (db.select), as the export's JavaScript path reads its pages: Sequelize's model
  // machinery allocated enough per page that the walk of 200,000 events grew the RSS by ~150 MB
  const pages = keysetPages((afterId, limit) => readAuditEvents(ctx.db, afterId, headId, limit), (e) => e.id);

  for await (const page of pages) {
    for (const event of page) {
      const problem = verifier.check(event);
      if (problem) {
        return { ok: false, checked: verifier.checked, lastId: verifier.lastId, lastHash: verifier.lastHash, firstBadId: event.id, problem };
      }
    }
  }
  return { ok: true, checked: verifier.checked, lastId: verifier.lastId, lastHash: verifier.lastHash };
}
