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
