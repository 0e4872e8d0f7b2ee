import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import stringify from 'safe-stable-stringify';
import type { AppContext } from '../context';
import { AppError } from '../errors';

export interface StoredAnswer {
  status: number;
  body: unknown;
  replayed?: boolean;
}

const KEY_RE = /^[\x21-\x7e]{1,255}$/;

export function readIdempotencyKey(header: string | undefined): string {
  if (!header) throw new AppError('validation_failed', 'The Idempotency-Key header is required', [{ path: 'Idempotency-Key', message: 'required' }]);
  if (!KEY_RE.test(header)) throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  return header;
}

/**
 * The scope a key lives in: (caller, method, route pattern), e.g. `intake:<caller>:POST /intake/bill-payments`.
 * The pattern is the route that matched (`req.route.path`), never the path as the client spelt it,
 * so one key makes one effect whatever the spelling (the router is also case-sensitive and strict:
 * app.ts). At most 100 characters (the column): the caller part is short and the patterns are ours.
 */
export function idempotencyScope(caller: string, req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') throw new Error('idempotencyScope is called from a route handler only');
  return `${caller}:${req.method} ${pattern}`;
}

/**
 * Stripe's semantics: the same key with the same body answers the first answer again; with another
 * body, 409 idempotency_conflict. The key row is inserted in the same transaction as the work, so
 * of two concurrent calls one executes and the other waits on the unique key and then replays.
 */
export async function idempotent(
  ctx: AppContext,
  scope: string,
  key: string,
  body: unknown,
  run: (tx: Transaction) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  const { IdempotencyKey } = ctx.models;
  const requestHash = createHash('sha256').update(stringify(body ?? null) ?? 'null').digest('hex');

  const replay = async (): Promise<StoredAnswer | null> => {
    const row = await IdempotencyKey.findOne({ where: { scope, key }, raw: true });
    if (!row) return null;
    if (row.requestHash !== requestHash) {
      throw new AppError('idempotency_conflict', 'This Idempotency-Key was already used with a different request');
    }
    if (row.statusCode == null) throw new AppError('idempotency_conflict', 'A request with this Idempotency-Key is still in progress');
    return { status: row.statusCode, body: JSON.parse(row.responseBody ?? 'null'), replayed: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await ctx.db.transaction(async (tx) => {
      await IdempotencyKey.create({ scope, key, requestHash, createdAt: new Date() }, { transaction: tx });
      const answer = await run(tx);
      await IdempotencyKey.update(
        { statusCode: answer.status, responseBody: JSON.stringify(answer.body) },
        { where: { scope, key }, transaction: tx },
      );
      return answer;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      const answer = await replay();
      if (answer) return answer;
    }
    // A refusal is an answer too: remember it, so a retry with the same key gets the same one.
    if (err instanceof AppError && err.status >= 400 && err.status < 500) {
      await ctx.db
        .transaction((tx) =>
          IdempotencyKey.create(
            { scope, key, requestHash, statusCode: err.status, responseBody: JSON.stringify(err.toBody()), createdAt: new Date() },
            { transaction: tx },
          ),
        )
        .catch((e) => {
          if (!(e instanceof UniqueConstraintError)) throw e;
        });
    }
    throw err;
  }
}
