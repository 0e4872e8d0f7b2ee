import { z } from 'zod';
import { NoteText, type NoteAnswer } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { assertMayContribute } from './contribution';
import { iso } from '../platform/http/list-resource';
import { appendAuditEvent } from '../audit';
import { isSet } from '../platform/db/records';
import { insertClosureNote, lockClosureRequest, notesOf, type ClosureNoteWithAuthor } from './repository';

export const NoteBody = z.strictObject({ text: NoteText });

const noteToApi = (n: ClosureNoteWithAuthor): z.infer<typeof NoteAnswer> => ({
  id: n.id, closureRequestId: n.closureRequestId, authorId: n.authorId, authorName: n.authorName ?? null, text: n.text,
  afterDecision: isSet(n.afterDecision), createdAt: iso(n.createdAt) ?? String(n.createdAt),
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
    const note = await insertClosureNote(ctx, tx, { closureRequestId, authorId: rc.actor!.id, text, afterDecision, createdAt });
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'closure.note', entityType: 'closure_request', entityId: closureRequestId,
      after: { noteId: note.id, text, ...(afterDecision ? { afterDecision } : {}) },
    });
    return noteToApi({ id: note.id, closureRequestId, authorId: rc.actor!.id, authorName: rc.actor!.fullName, text, afterDecision, createdAt });
  });
}

/** The request's notes, newest first (at most 500), each with its author's name: one plain query. */
export async function listNotes(ctx: AppContext, closureRequestId: number) {
  const notes = await notesOf(ctx, closureRequestId);
  return notes.map(noteToApi);
}
