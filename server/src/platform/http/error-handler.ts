import type { NextFunction, Request, Response } from 'express';
import { z, ZodError } from 'zod';
import { UniqueConstraintError } from 'sequelize';
import type { Logger } from '../logging';
import { AppError } from '../errors';

interface BodyParserError {
  type?: string;
  status?: number;
  code?: unknown;
}

const zhLocale = z.locales.zhCN();

/**
 * An issue in Chinese: our own schemas' messages (those that are already Chinese, or carry
 * `params.zh`) as they are, zod's own through its zh-CN locale.
 */
function chineseIssue(issue: z.core.$ZodIssue): string {
  const own = (issue as { params?: { zh?: unknown } }).params?.zh;
  if (typeof own === 'string') return own;
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  const worded = zhLocale.localeError?.(issue as never);
  const text = typeof worded === 'string' ? worded : worded?.message;
  return text ?? issue.message;
}

/** Turns anything thrown into API.md's error shape. Internals never reach the client. */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const zh = err.issues.map((i) => `${i.path.join('.') || '请求内容'}：${chineseIssue(i)}`).join('；');
    return new AppError(
      'validation_failed',
      { en: err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '), 'zh-CN': zh },
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const bp = err as BodyParserError;
  if (bp?.type === 'entity.too.large') return new AppError('payload_too_large', 'The request body is too large');
  if (bp?.type === 'entity.parse.failed') return new AppError('validation_failed', 'The body is not valid JSON');
  if (bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'Unsupported body encoding');
  }
  if (bp?.status === 400 && bp?.type) return new AppError('validation_failed', 'The request could not be read');
  // A body whose Content-Encoding (gzip, deflate, br) does not match its bytes: body-parser passes
  // zlib's own error on with status 400 and no type.
  if (bp?.status === 400 && typeof bp.code === 'string' && /^(Z_|ERR_)/.test(bp.code)) {
    return new AppError('validation_failed', 'The body could not be decompressed as its Content-Encoding says');
  }
  if (err instanceof URIError) return new AppError('validation_failed', 'The URL is not valid');
  return null;
}

/**
 * An endpoint another system calls in its own interface (the peers' ES2+ and TMF641 callbacks)
 * answers its errors in that interface's shape; every other route in API.md's.
 */
export interface ErrorShape {
  method: string;
  /** the whole path, /api included */
  path: string;
  body(err: AppError): unknown;
}

export function errorHandler(logger: Logger, shapes: readonly ErrorShape[] = []) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    let appError = toAppError(err);
    if (!appError && err instanceof UniqueConstraintError) {
      logger.warn({ requestId: req.ctx?.requestId, err }, 'unique constraint hit');
      appError = new AppError('version_conflict', 'Someone else changed this at the same time; reload and try again');
    }
    if (!appError) {
      logger.error({ requestId: req.ctx?.requestId, err }, 'unhandled error');
      appError = new AppError('internal', `Something went wrong on our side (request ${req.ctx?.requestId ?? 'unknown'})`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const [k, v] of Object.entries(appError.headers ?? {})) res.setHeader(k, v);
    const path = req.originalUrl.split('?')[0];
    const shape = shapes.find((s) => s.method === req.method && s.path === path);
    res.status(appError.status).json(shape ? shape.body(appError) : appError.toBody(req.ctx?.locale));
  };
}
