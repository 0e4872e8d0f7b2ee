import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; personal data and secrets never logged. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', 'password'],
      censor: '[redacted]',
    },
  });
}

/** The request a piece of work belongs to, carried across awaits, so a last-resort log line can name it. */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export const currentRequestId = (): string | undefined => requestScope.getStore()?.requestId;

/**
 * Logs what nobody caught (ASVS 7.4): an `uncaughtException` at fatal, after which the process
 * exits (its state is unknown; the orchestrator starts a new one), an `unhandledRejection` at
 * error, after which it keeps serving (a rejected promise nobody awaited leaves no half-done
 * state behind; every request's own errors are handled). Each line carries the request id when
 * the failure happened inside a request. `exit` is called once the line is written.
 */
export function installLastResortHandlers(logger: Logger, proc: NodeJS.Process = process, exit: (code: number) => void = (code) => proc.exit(code)): void {
  proc.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin, requestId: currentRequestId() }, 'uncaught exception: exiting');
    logger.flush?.();
    exit(1);
  });
  proc.on('unhandledRejection', (reason) => {
    logger.error({ err: reason, requestId: currentRequestId() }, 'unhandled promise rejection');
  });
}
