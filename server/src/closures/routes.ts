import type { Request, Response } from 'express';
import multer from 'multer';
import { ClosureRequestCreateBody, evaluateChecks, isClosureAction } from '@closure-desk/shared';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { parseId } from '../platform/http/list-resource';
import { ALL_STAFF, type RouteDef } from '../platform/http/routes';
import { addAttachment, listAttachments, MAX_ATTACHMENT_BYTES, sendAttachment } from './attachments';
import { createClosureRequest } from './create-closure-request';
import { assertMayContribute } from './contribution';
import { addNote, listNotes } from './notes';
import { performClosureAction } from './perform-action';
import { loadClosureFacts } from './repository';

const WORKERS = ['agent', 'supervisor'] as const;
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

export function closureRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: 'post', path: '/closure-requests', access: WORKERS,
      handler: async (req, res) => {
        const body = ClosureRequestCreateBody.parse(req.body ?? {});
        const created = await ctx.db.transaction((tx) => createClosureRequest(ctx, tx, req.ctx, body));
        res.status(201);
        return created;
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/checks', access: ALL_STAFF,
      handler: async (req) => {
        const id = parseId(req.params.id);
        const request = await ctx.models.ClosureRequest.findByPk(id, { raw: true });
        if (!request) throw new AppError('not_found', 'Closure request not found');
        return evaluateChecks(await loadClosureFacts(ctx, request));
      },
    },
    {
      method: 'post', path: '/closure-requests/:id/actions/:action', access: WORKERS,
      handler: async (req) => {
        const id = parseId(req.params.id);
        const action = req.params.action;
        if (!isClosureAction(action)) throw new AppError('not_found', `No such action: ${action}`);
        return performClosureAction(ctx, req.ctx, id, action, req.body);
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/notes', access: ALL_STAFF,
      handler: async (req) => {
        const id = parseId(req.params.id);
        if (!(await ctx.models.ClosureRequest.count({ where: { id } }))) throw new AppError('not_found', 'Closure request not found');
        return listNotes(ctx, id);
      },
    },
    {
      method: 'post', path: '/closure-requests/:id/notes', access: WORKERS,
      handler: async (req, res) => {
        const note = await addNote(ctx, req.ctx, parseId(req.params.id), req.body);
        res.status(201);
        return note;
      },
    },
    {
      method: 'get', path: '/closure-requests/:id/attachments', access: ['agent', 'supervisor', 'auditor'],
      handler: async (req) => listAttachments(ctx, parseId(req.params.id)),
    },
    {
      method: 'post', path: '/closure-requests/:id/attachments', access: WORKERS,
      handler: async (req, res) => {
        const id = parseId(req.params.id);
        // Before the file is read: nobody may store files on a request they may not add to.
        const request = await ctx.models.ClosureRequest.findByPk(id, { raw: true });
        if (!request) throw new AppError('not_found', 'Closure request not found');
        assertMayContribute(req.ctx, request);
        await receiveFile(req, res);
        const created = await addAttachment(ctx, req.ctx, id, req.file);
        res.status(201);
        return created;
      },
    },
    {
      method: 'get', path: '/attachments/:id', access: ['agent', 'supervisor', 'auditor'],
      handler: async (req, res) => {
        await sendAttachment(ctx, req.ctx, parseId(req.params.id), res);
      },
    },
  ];
}
