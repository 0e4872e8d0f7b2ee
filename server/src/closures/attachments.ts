import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import { fileTypeFromBuffer } from 'file-type';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { AppError, notFound } from '../platform/errors';
import type { AttachmentAnswer } from '@closure-desk/shared';
import { iso } from '../platform/http/list-resource';
import { isSet, type AttachmentRecord } from '../platform/db/records';
import { appendAuditEvent } from '../audit';
import { assertMayContribute } from './contribution';
import { attachmentsOf, findAttachment, insertAttachment, lockClosureRequest } from './repository';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

type AllowedType = AttachmentAnswer['contentType'];
const ALLOWED_TYPES: readonly AllowedType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const isAllowed = (mime: string): mime is AllowedType => (ALLOWED_TYPES as readonly string[]).includes(mime);
/** An attachment as stored: only the three types are ever accepted (addAttachment). */
type StoredAttachment = AttachmentRecord & { contentType: AllowedType };
const attachmentToApi = (a: StoredAttachment): AttachmentAnswer => ({
  id: a.id, closureRequestId: a.closureRequestId, fileName: a.fileName, contentType: a.contentType, size: a.size,
  sha256: a.sha256, uploadedById: a.uploadedById, afterDecision: isSet(a.afterDecision),
  createdAt: iso(a.createdAt), deleted: a.deletedAt != null,
});

const safeName = (name: string) => path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'attachment';

/**
 * Stores an ID proof or letter outside the database, named by a random id, with its SHA-256.
 * The type is judged from the bytes, never from the name or the header the browser sent.
 */
export async function addAttachment(ctx: AppContext, rc: RequestContext, closureRequestId: number, file: { originalname: string; buffer: Buffer } | undefined) {
  if (!file) throw new AppError('validation_failed', 'Send the file as multipart field "file"', [{ path: 'file', message: 'required' }]);
  const detected = await fileTypeFromBuffer(file.buffer);
  if (!detected || !isAllowed(detected.mime)) {
    throw new AppError('unsupported_media_type', 'Only PDF, JPEG or PNG files are accepted');
  }
  const contentType: AllowedType = detected.mime;
  const sha256 = createHash('sha256').update(file.buffer).digest('hex');
  const dir = path.join(ctx.config.attachmentsDir, sha256.slice(0, 2));
  const storagePath = path.join(dir, `${randomUUID()}.${detected.ext}`);
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(storagePath, file.buffer, { flag: 'wx' });
  try {
    return await ctx.db.transaction(async (tx) => {
      // Judged again with the request locked: it may have been decided since the upload began.
      const { afterDecision } = assertMayContribute(rc, await lockClosureRequest(ctx, tx, closureRequestId));
      const row = await insertAttachment(ctx, tx, {
        closureRequestId, fileName: safeName(file.originalname), contentType, size: file.buffer.length, sha256,
        storagePath, uploadedById: rc.actor!.id, afterDecision, createdAt: new Date(),
      });
      const out = attachmentToApi({ ...row, contentType });
      await appendAuditEvent(ctx.db, ctx.models, tx, {
        actor: rc.actor, ip: rc.ip, action: 'attachment.upload', entityType: 'closure_request', entityId: closureRequestId,
        after: { attachmentId: out.id, fileName: out.fileName, contentType: out.contentType, size: out.size, sha256, ...(afterDecision ? { afterDecision } : {}) },
      });
      return out;
    });
  } catch (err) {
    await fs.promises.rm(storagePath, { force: true }); // nothing half-written: no orphan file either
    throw err;
  }
}

export async function listAttachments(ctx: AppContext, closureRequestId: number) {
  const rows = await attachmentsOf(ctx, closureRequestId);
  return rows.map((r) => attachmentToApi(r as StoredAttachment));
}

/** Streams a file; every view is an audit event, committed before the first byte goes out. */
export async function sendAttachment(ctx: AppContext, rc: RequestContext, id: number, res: Response): Promise<void> {
  const row = await findAttachment(ctx, id);
  if (!row || row.deletedAt) throw notFound('Attachment');
  await ctx.db.transaction((tx) =>
    appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'attachment.view', entityType: 'attachment', entityId: id,
      after: { closureRequestId: row.closureRequestId, sha256: row.sha256 },
    }),
  );
  res.setHeader('Content-Type', row.contentType);
  res.setHeader('Content-Length', String(row.size));
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  await new Promise<void>((resolve, reject) => {
    fs.createReadStream(row.storagePath).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
