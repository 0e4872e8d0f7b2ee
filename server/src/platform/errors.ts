import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@closure-desk/shared';

/** The one error type use cases throw; the error handler turns it into API.md's shape. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }

  toBody(): ErrorBody {
    return this.details ? { message: this.message, code: this.code, details: this.details } : { message: this.message, code: this.code };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const invalid = (message: string, details?: unknown[]) => new AppError('validation_failed', message, details);
