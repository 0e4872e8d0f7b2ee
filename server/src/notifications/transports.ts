import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationChannel } from '@closure-desk/shared';
import { repoRoot } from '../platform/config';

/** What a transport is given: one outbox row. */
export interface OutboundMessage {
  id: number;
  channel: NotificationChannel;
  recipient: string;
  subject: string | null;
  body: string;
  locale: string;
  template: string;
}

/** Delivers one message; resolves once the far side has accepted it, rejects otherwise. */
export interface Transport {
  readonly name: string;
  send(message: OutboundMessage, signal: AbortSignal): Promise<void>;
  close?(): Promise<void> | void;
}

export type Transports = Record<NotificationChannel, Transport>;

/** A failure whose message is safe to store in `last_error` and show to staff: no secrets, no personal data. */
export class TransportError extends Error {}

/**
 * Sending is at-least-once if the process dies between the far side accepting a message and
 * the outbox row being marked sent. Every transport passes this key so the far side can drop
 * the second copy.
 */
export const idempotencyKey = (id: number) => `closure-desk-notification-${id}`;

/** JSON lines appended to a file: the default, for development and demos. */
export function fileTransport(file: string): Transport {
  let ready: Promise<unknown> | null = null;
  return {
    name: 'file',
    async send(m) {
      ready ??= fs.mkdir(path.dirname(file), { recursive: true });
      await ready;
      const line = { at: new Date().toISOString(), idempotencyKey: idempotencyKey(m.id), ...m };
      await fs.appendFile(file, `${JSON.stringify(line)}\n`, 'utf8');
    },
  };
}

/** POSTs `{id, idempotencyKey, channel, to, text, locale, template}` as JSON; any 2xx is accepted. */
export function webhookTransport(url: string, opts: { token?: string } = {}): Transport {
  return {
    name: 'webhook',
    async send(m, signal) {
      const key = idempotencyKey(m.id);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': key,
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          },
          body: JSON.stringify({ id: m.id, idempotencyKey: key, channel: m.channel, to: m.recipient, text: m.body, locale: m.locale, template: m.template }),
          signal,
        });
      } catch (err) {
        throw new TransportError(`webhook unreachable (${errorCode(err)})`);
      }
      await res.arrayBuffer().catch(() => undefined); // frees the connection
      if (!res.ok) throw new TransportError(`webhook answered HTTP ${res.status}`);
    },
  };
}

/** E-mail through nodemailer; the notification id is in the Message-ID and an Idempotency-Key header. */
export function smtpTransport(url: string, opts: { from: string; timeoutMs: number }): Transport {
  const mailer = nodemailer.createTransport({
    url,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  const domain = /@([^>\s]+)/.exec(opts.from)?.[1] ?? 'closure-desk.invalid';
  return {
    name: 'smtp',
    async send(m, signal) {
      try {
        await untilAborted(signal, mailer.sendMail({
          from: opts.from,
          to: m.recipient,
          subject: m.subject ?? '',
          text: m.body,
          messageId: `<${idempotencyKey(m.id)}@${domain}>`,
          headers: { 'Idempotency-Key': idempotencyKey(m.id) },
        }));
      } catch (err) {
        const responseCode = (err as { responseCode?: unknown }).responseCode;
        throw new TransportError(`smtp failed (${errorCode(err)}${typeof responseCode === 'number' ? ` ${responseCode}` : ''})`);
      }
    },
    close: () => mailer.close(),
  };
}

/**
 * The transports the environment asks for, read when the dispatcher starts: SMTP_URL sends
 * e-mail by SMTP, SMS_WEBHOOK_URL (with SMS_WEBHOOK_TOKEN as a bearer token) sends SMS to a
 * webhook; anything else goes to the NOTIFY_FILE outbox (default data/outbox.log).
 */
export function transportsFromEnv(env: NodeJS.ProcessEnv, opts: { timeoutMs: number }): Transports {
  const file = fileTransport(env.NOTIFY_FILE || defaultOutboxFile(env));
  return {
    email: env.SMTP_URL
      ? smtpTransport(env.SMTP_URL, { from: env.NOTIFY_FROM || 'Closure Desk <no-reply@closure-desk.invalid>', timeoutMs: opts.timeoutMs })
      : file,
    sms: env.SMS_WEBHOOK_URL ? webhookTransport(env.SMS_WEBHOOK_URL, { token: env.SMS_WEBHOOK_TOKEN }) : file,
  };
}

// Every test server runs the dispatcher: unless a test names NOTIFY_FILE, keep its messages out of the repository's data/.
function defaultOutboxFile(env: NodeJS.ProcessEnv): string {
  return env.NODE_ENV === 'test' ? path.join(os.tmpdir(), 'closure-desk-outbox-test.log') : path.join(repoRoot, 'data', 'outbox.log');
}

/**
 * nodemailer's timeouts are per step, so a slow server could hold one message past the claim's
 * lease; give up at the send timeout instead (a late success is the at-least-once case).
 */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  work.catch(() => undefined); // abandoned on timeout: its later failure is of no interest
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A short, safe description of any error: its code or class name, never its message (which may hold a URL or address). */
export function safeErrorText(err: unknown): string {
  const text = err instanceof TransportError ? err.message : `send failed (${errorCode(err)})`;
  return text.slice(0, 200);
}

function errorCode(err: unknown): string {
  const e = err as { name?: string; code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || code === 'ETIMEDOUT') return 'timed out';
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : (e?.name ?? 'error').slice(0, 40);
}
