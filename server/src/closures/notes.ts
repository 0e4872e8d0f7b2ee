import { z } from 'zod';
import { NoteText, type NoteAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { assertMayContribute } from './contribution';
import { iso } from '../platform/http/list-resource';
import { appendAuditEvent } from '../audit';
import { lockClosureRequest, type StoredTime } from './repository';

export const NoteBody = z.strictObject({ text: NoteText });

/** A note as stored, with its author's name (a flag is 1/0 on SQLite). */
type NoteRecord = {
  id: number; closureRequestId: number; authorId: number; authorName: string | null; text: string;
  afterDecision: boolean | number; createdAt: StoredTime;
};

const noteToApi = (n: NoteRecord): z.infer<typeof NoteAnswer> => ({
  id: n.id, closureRequestId: n.closureRequestId, authorId: n.authorId, authorName: n.authorName ?? null, text: n.text,
  afterDecision: n.afterDecision === true || n.afterDecision === 1, createdAt: iso(n.createdAt) ?? String(n.createdAt),
});

/**
 * An internal note for colleagues; never sent to the customer. Audited like every change. Written by
 * the request's assignee or a supervisor; on a final request by a supervisor only, marked afterDecision.
 */
export async function addNote(ctx: AppContext, rc: RequestContext, closureRequestId: number, raw: unknown) {
  const { text } = NoteBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    const { afterDecision } = assertMayContribute(rc, await lockClosureRequest(ctx, tx, closureRequestId));
    const createdAt = new Date();
    const note = await ctx.models.ClosureNote.create({ closureRequestId, authorId: rc.actor!.id, text, afterDecision, createdAt }, { transaction: tx });
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'closure.note', entityType: 'closure_request', entityId: closureRequestId,
      after: { noteId: note.get('id'), text, ...(afterDecision ? { afterDecision } : {}) },
    });
    return noteToApi({ id: Number(note.get('id')), closureRequestId, authorId: rc.actor!.id, authorName: rc.actor!.fullName, text, afterDecision, createdAt });
  });
}

/** The request's notes, newest first (at most 500), each with its author's name: one plain query. */
export async function listNotes(ctx: AppContext, closureRequestId: number) {
  const notes = await ctx.db.select<NoteRecord>(
    `SELECT n.id, n.closure_request_id AS "closureRequestId", n.author_id AS "authorId", s.full_name AS "authorName", n.text,
       n.after_decision AS "afterDecision", n.created_at AS "createdAt"
     FROM closure_notes n LEFT JOIN staff_users s ON s.id = n.author_id
     WHERE n.closure_request_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 500`, [closureRequestId]);
  return notes.map(noteToApi);
}
