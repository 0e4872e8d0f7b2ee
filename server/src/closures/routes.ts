import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import {
  AttachmentAnswer, CheckAnswer, HistoryEntryAnswer, CLOSURE_ACTION_BODIES, CLOSURE_ACTIONS, ClosureRequestAnswer, ClosureRequestCreateBody, evaluateChecks,
  NoteAnswer, type ClosureAction,
} from '@closure-desk/shared';
import { pascalCase } from '../platform/http/openapi';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { parseId } from '../platform/http/list-resource';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { addAttachment, listAttachments, MAX_ATTACHMENT_BYTES, sendAttachment } from './attachments';
import { createClosureRequest } from './create-closure-request';
import { assertMayContribute } from './contribution';
import { addNote, listNotes, NoteBody } from './notes';
import { performClosureAction } from './perform-action';
import { claimNext } from './claim-next';
import { findClosureRequest, loadClosureFacts } from './repository';
import { sendEvidencePack } from './evidence-pack';
import { readHistory } from './history';

const WORKERS = ['agent', 'supervisor'] as const;
const ClaimNextBody = z.strictObject({});
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5 } });

function receiveFile(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    upload.single('file')(req, res, (err: unknown) => {
      if (!err) return resolve();
      const e = err as { code?: string };
      if (e.code === 'LIMIT_FILE_SIZE') return reject(new AppError('payload_too_large', 'The file is larger than 10 MB'));
      reject(new AppError('validation_failed', 'Send one file as multipart field "file"'));
    }),
  );
}

/** `claimClosureRequest`, `requestInfoClosureRequest`, … */
export const actionOperationId = (action: ClosureAction) => `${pascalCase(action).replace(/^./, (c) => c.toLowerCase())}ClosureRequest`;

export function closureRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/closure-requests', access: WORKERS,
      doc: {
        operationId: 'createClosureRequest', summary: 'Log a phone or e-mail closure request', tag: 'closures',
        body: ClosureRequestCreateBody,
        bodyExample: { customerId: 1, channel: 'phone', reasonCode: 'switching_provider', verificationMethod: 'security_questions', identityVerified: true },
        ok: {
          status: 201, description: 'The request, created', schema: ClosureRequestAnswer,
          links: Object.fromEntries(CLOSURE_ACTIONS.map((a) => [pascalCase(a), {
            operationId: actionOperationId(a), parameters: { id: '$response.body#/id' }, description: `The created request's id feeds its ${a} action`,
          }])),
        },
        errors: ['not_found', 'duplicate_open_request', 'account_closed'],
      },
      handler: async (req, res) => {
        const body = ClosureRequestCreateBody.parse(req.body ?? {});
        const created = await ctx.db.transaction((tx) => createClosureRequest(ctx, tx, req.ctx, body));
        res.status(201);
        return created;
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/checks', access: ALL_STAFF,
      doc: {
        operationId: 'getClosureRequestChecks', summary: 'The checklist of a closure request', tag: 'closures',
        ok: { status: 200, description: 'Every check, in order', schema: CheckAnswer, array: true },
      },
      handler: async (req) => {
        const id = parseId(req.params.id);
        return evaluateChecks(await loadClosureFacts(ctx, await findClosureRequest(ctx, id)), req.ctx.locale);
      },
    },
    {
      method: 'post', path: '/closure-requests/actions/claim-next', access: WORKERS,
      doc: {
        operationId: 'claimNextClosureRequest', summary: 'Claim the most urgent request of the queue', tag: 'closures',
        description: 'The submitted request due first (then the oldest), claimed for the caller at once; an empty body. 20 callers at once get 20 different requests.',
        body: ClaimNextBody, bodyOptional: true,
        ok: [
          { status: 200, description: 'The request, now in review and assigned to the caller', schema: ClosureRequestAnswer },
          { status: 204, description: 'The queue is empty' },
        ],
      },
      handler: async (req, res) => {
        ClaimNextBody.parse(req.body ?? {});
        const claimed = await claimNext(ctx, req.ctx);
        if (!claimed) {
          res.status(204).end();
          return undefined;
        }
        return claimed;
      },
    },
    ...CLOSURE_ACTIONS.map((action): RouteDef => ({
      method: 'post', path: `/closure-requests/:id/actions/${action}`, access: WORKERS,
      doc: {
        operationId: actionOperationId(action), summary: `The ${action} action on a closure request`, tag: 'closures',
        description: 'The body carries the version the caller last saw: another version is a 409 version_conflict.',
        body: CLOSURE_ACTION_BODIES[action],
        ok: { status: 200, description: 'The request after the action', schema: ClosureRequestAnswer },
        errors: ['invalid_transition', 'version_conflict', 'precondition_failed', ...(action === 'approve' || action === 'reject' ? ['same_person' as const] : [])],
      },
      handler: async (req) => performClosureAction(ctx, req.ctx, parseId(req.params.id), action, req.body),
    })),
    {
      method: 'get', path: '/closure-requests/:id/history', access: ALL_STAFF,
      doc: {
        operationId: 'getClosureRequestHistory', summary: 'Every step of a closure request and every message sent to the customer, oldest first', tag: 'closures',
        description: 'Who (name and role), when, and the note or message given; in the caller’s language (Accept-Language). For every staff member who may read the request.',
        ok: { status: 200, description: 'The history, oldest first', schema: HistoryEntryAnswer, array: true },
      },
      handler: async (req) => readHistory(ctx, parseId(req.params.id), req.ctx.locale),
    },
    {
      method: 'get', path: '/closure-requests/:id/notes', access: ALL_STAFF,
      doc: {
        operationId: 'listClosureRequestNotes', summary: 'The internal notes of a closure request, newest first', tag: 'closures',
        ok: { status: 200, description: 'At most 500 notes', schema: NoteAnswer, array: true },
      },
      handler: async (req) => {
        const id = parseId(req.params.id);
        await findClosureRequest(ctx, id); // a 404 for no such request
        return listNotes(ctx, id);
      },
    },
    {
      method: 'post', path: '/closure-requests/:id/notes', access: WORKERS,
      doc: {
        operationId: 'addClosureRequestNote', summary: 'Add an internal note (never sent to the customer)', tag: 'closures',
        body: NoteBody, bodyExample: { text: 'Called back, no answer.' },
        ok: { status: 201, description: 'The note', schema: NoteAnswer },
      },
      handler: async (req, res) => {
        const note = await addNote(ctx, req.ctx, parseId(req.params.id), req.body);
        res.status(201);
        return note;
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/attachments', access: ['agent', 'supervisor', 'auditor'],
      doc: {
        operationId: 'listClosureRequestAttachments', summary: 'The files attached to a closure request', tag: 'closures',
        ok: { status: 200, description: 'Newest first', schema: AttachmentAnswer, array: true },
      },
      handler: async (req) => listAttachments(ctx, parseId(req.params.id)),
    },
    {
      method: 'post', path: '/closure-requests/:id/attachments', access: WORKERS,
      doc: {
        operationId: 'addClosureRequestAttachment', summary: 'Attach a PDF, JPEG or PNG (at most 10 MB)', tag: 'closures',
        body: 'multipart',
        ok: { status: 201, description: 'The attachment', schema: AttachmentAnswer },
      },
      handler: async (req, res) => {
        const id = parseId(req.params.id);
        // Before the file is read: nobody may store files on a request they may not add to.
        assertMayContribute(req.ctx, await findClosureRequest(ctx, id));
        await receiveFile(req, res);
        const created = await addAttachment(ctx, req.ctx, id, req.file);
        res.status(201);
        return created;
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/evidence', access: ['auditor', 'supervisor'],
      doc: {
        operationId: 'getClosureRequestEvidencePack', summary: 'The evidence pack of a closure request: a ZIP an auditor verifies offline (audited)', tag: 'closures',
        description: 'record.json, events.jsonl (each event with its RFC 9162 inclusion proof), checkpoint.txt, public-key.pem, ' +
          'consistency.json, summary.html and VERIFY.md (docs/AUDIT.md "The evidence pack"). Signs a fresh checkpoint when the newest ' +
          'does not cover the request\'s newest event. The download is an audit event appended after the pack\'s checkpoint.',
        query: [
          { name: 'files', in: 'query', required: false, description: '1: add the attachment files under files/ (each an audited attachment.view)', schema: { type: 'string', enum: ['0', '1', 'true', 'false'] } },
          { name: 'since', in: 'query', required: false, description: 'comma-separated older tree sizes (at most 20): consistency.json gets a proof from each to the pack\'s tree', schema: { type: 'string', pattern: '^[1-9][0-9]{0,15}(,[1-9][0-9]{0,15}){0,19}$' }, example: '1000' },
        ],
        ok: {
          status: 200, description: 'The ZIP, streamed', headers: ['Content-Disposition'],
          media: { 'application/zip': { type: 'string', contentMediaType: 'application/zip' } },
        },
        errors: ['not_found', 'service_unavailable'],
      },
      handler: (req, res) => sendEvidencePack(ctx, req, res),
    },
    {
      method: 'get', path: '/attachments/:id', access: ['agent', 'supervisor', 'auditor'],
      doc: {
        operationId: 'getAttachment', summary: 'Download an attachment (each view is audited)', tag: 'closures',
        ok: {
          status: 200, description: 'The file', headers: ['Content-Disposition'],
          media: Object.fromEntries(['application/pdf', 'image/jpeg', 'image/png'].map((t) => [t, { type: 'string', contentMediaType: t }])),
        },
      },
      handler: async (req, res) => {
        await sendAttachment(ctx, req.ctx, parseId(req.params.id), res);
      },
    },
  ];
}
