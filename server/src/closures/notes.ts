import { z } from 'zod';
import { NoteText } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import type { RequestContext } from '../platform/auth/actor';
import { assertMayContribute } from './contribution';
import { iso } from '../platform/http/list-resource';
import { appendAuditEvent } from '../audit';
import { lockClosureRequest } from './repository';

export const NoteBody = z.strictObject({ text: NoteText });

type Row = Record<string, unknown>;
const noteToApi = (n: Row, authorName?: unknown) => ({
  id: n.id, closureRequestId: n.closureRequestId, authorId: n.authorId, authorName: authorName ?? null, text: n.text,
  afterDecision: n.afterDecision === true || n.afterDecision === 1, createdAt: iso(n.createdAt),
});

/**
 * An internal note for colleagues; never sent to the customer. Audited like every change. Written by
 * the request's assignee or a supervisor; on a final request by a supervisor only, marked afterDecision.
 */
export async function addNote(ctx: AppContext, rc: RequestContext, closureRequestId: number, raw: unknown) {
  const { text } = NoteBody.parse(raw ?? {});
  return ctx.db.transaction(async (tx) => {
    const { afterDecision } = assertMayContribute(rc, await lockClosureRequest(ctx, tx, closureRequestId));
    const note = await ctx.models.ClosureNote.create({ closureRequestId, authorId: rc.actor!.id, text, afterDecision, createdAt: new Date() }, { transaction: tx });
    await appendAuditEvent(ctx.db, ctx.models, tx, {
      actor: rc.actor, ip: rc.ip, action: 'closure.note', entityType: 'closure_request', entityId: closureRequestId,
      after: { noteId: note.get('id'), text, ...(afterDecision ? { afterDecision } : {}) },
    });
    return noteToApi(note.get({ plain: true }), rc.actor!.fullName);
  });
}

export async function listNotes(ctx: AppContext, closureRequestId: number) {
  const { ClosureNote, StaffUser } = ctx.models;
  const notes = await ClosureNote.findAll({ where: { closureRequestId }, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: 500, raw: true });
  const authors = await StaffUser.findAll({ where: { id: [...new Set(notes.map((n) => n.authorId as number))] }, attributes: ['id', 'fullName'], raw: true });
  const names = new Map(authors.map((a) => [a.id, a.fullName]));
  return notes.map((n) => noteToApi(n, names.get(n.authorId)));
}
