import { ERROR_STATUS, ERROR_TEXTS, type ErrorBody, type ErrorCode, type Locale } from '@closure-desk/shared';

/** A message in each language of the console. */
export type LocalizedMessage = Record<Locale, string>;

/** The one error type use cases throw; the error handler turns it into API.md's shape. */
export class AppError extends Error {
  readonly status: number;
  /** The message in each language, when the thrower worded it in each. */
  readonly messages?: LocalizedMessage;
  constructor(
    readonly code: ErrorCode,
    message: string | LocalizedMessage,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    if (typeof message !== 'string') this.messages = message;
    this.status = ERROR_STATUS[code];
  }

  /**
   * The message in the caller's language: its own words when it has them, else (for a language
   * other than English) what the code means in that language, so a Chinese console never gets an
   * English sentence.
   */
  messageIn(locale: Locale = 'en'): string {
    if (this.messages) return this.messages[locale] ?? this.message;
    return locale === 'en' ? this.message : ERROR_TEXTS[locale][this.code];
  }

  toBody(locale: Locale = 'en'): ErrorBody {
    const message = this.messageIn(locale);
    return this.details ? { message, code: this.code, details: this.details } : { message, code: this.code };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string | LocalizedMessage = 'You are not allowed to do this') => new AppError('forbidden', message);
export const invalid = (message: string | LocalizedMessage, details?: unknown[]) => new AppError('validation_failed', message, details);
