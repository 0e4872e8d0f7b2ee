import { createHmac } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { AppContext } from '../platform/context';
import type { Database } from '../platform/db/database';
import type { Config } from '../platform/config';
import { bulkInsert } from '../platform/db/bulk-insert';

/**
 * The blind index (issue 11, item 4): personal values a search may find only when the term is the
 * whole value (phone numbers and MSISDNs, e-mail addresses, identity document numbers, ICCIDs) are
 * looked up by a keyed hash of their normalised form, never compared as text. `search_digests`
 * holds one row (customer id, digest) per value; a search computes the digests of the term, one per
 * kind, and reads them through the digest index. A prefix of a value has a digest of its own that
 * no stored value shares, so `q` cannot be used to recover a value one character at a time, and a
 * leaked table gives nothing without the key (HMAC-SHA-256 with a server key, SEARCH_INDEX_KEY, or
 * one derived from SESSION_SECRET).
 *
 * Kept on every write that sets these fields: the seed writes its digests with its rows
 * (generate-batch.ts), retention's anonymisation removes them (reindexCustomers), and at start the
 * whole index is rebuilt when it was written with another key (ensureSearchIndex).
 */

export type DigestKind = 'phone' | 'email' | 'document' | 'iccid';

/** Phone digits with their country code (E.164 without the `+`), or null for a term that is no phone number. */
export function normalisePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(text)) return null;
  let digits: string;
  if (text.startsWith('+')) digits = text.slice(1);
  else if (text.startsWith('00')) digits = text.slice(2);
  // National forms of the numbers the desk holds: mainland China mobiles (11 digits, 1[3-9]…), UK numbers (0 + 10 digits).
  else if (/^1[3-9]\d{9}$/.test(text)) digits = `86${text}`;
  else if (/^0\d{10}$/.test(text)) digits = `44${text.slice(1)}`;
  else digits = text;
  return digits.length >= 6 && digits.length <= 15 ? digits : null;
}

export const normaliseEmail = (raw: string | null | undefined): string | null => {
  const v = raw?.trim().toLowerCase();
  return v && v.includes('@') ? v : null;
};

export const normaliseDocument = (raw: string | null | undefined): string | null => {
  const v = raw?.trim().toUpperCase().replace(/[\s-]/g, '');
  return v && /^[0-9A-Z]{4,64}$/.test(v) ? v : null;
};

export const normaliseIccid = (raw: string | null | undefined): string | null => {
  const v = raw?.trim().replace(/[\s-]/g, '');
  return v && /^\d{18,22}$/.test(v) ? v : null;
};

const NORMALISERS: Record<DigestKind, (raw: string | null | undefined) => string | null> = {
  phone: normalisePhone, email: normaliseEmail, document: normaliseDocument, iccid: normaliseIccid,
};
/** The order of a term's digests (searchDigests): every search binds one per kind, so each list shape is one prepared statement. */
export const DIGEST_KINDS = Object.keys(NORMALISERS) as DigestKind[];

/** The key: SEARCH_INDEX_KEY, else one derived from SESSION_SECRET (so the dev default works with no setting). */
export function searchIndexKey(config: Pick<Config, 'sessionSecret' | 'searchIndexKey'>): Buffer {
  return createHmac('sha256', config.searchIndexKey || config.sessionSecret).update('closure-desk search index v1').digest();
}

/** A hex digest of one normalised value of one kind (128 bits: collisions are not a concern at any size we hold). */
export function digestOf(key: Buffer | string, kind: DigestKind, normalised: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${normalised}`).digest('hex').slice(0, 32);
}

/** The digests a search term can match, one per kind in DIGEST_KINDS order; null where the term cannot be a value of that kind. */
export function searchDigests(key: Buffer | string, term: string): (string | null)[] {
  return DIGEST_KINDS.map((kind) => {
    const v = NORMALISERS[kind](term);
    return v === null ? null : digestOf(key, kind, v);
  });
}

export interface IndexedValues {
  phone?: string | null;
  email?: string | null;
  document?: string | null;
  /** the customer's profiles: ICCIDs and MSISDNs (indexed as phone numbers) */
  iccids?: (string | null)[];
  msisdns?: (string | null)[];
}

/** The distinct digests of one customer's values. */
export function customerDigests(key: Buffer | string, v: IndexedValues): string[] {
  const out = new Set<string>();
  const add = (kind: DigestKind, raw: string | null | undefined) => {
    const n = NORMALISERS[kind](raw);
    if (n !== null) out.add(digestOf(key, kind, n));
  };
  add('phone', v.phone);
  add('email', v.email);
  add('document', v.document);
  for (const m of v.msisdns ?? []) add('phone', m);
  for (const i of v.iccids ?? []) add('iccid', i);
  return [...out];
}

const keys = new WeakMap<Config, Buffer>();
export function keyFor(ctx: Pick<AppContext, 'config'>): Buffer {
  let key = keys.get(ctx.config);
  if (!key) keys.set(ctx.config, (key = searchIndexKey(ctx.config)));
  return key;
}

/** What identifies the key without revealing it: stored with the index so a changed key is noticed. */
const keyCheck = (key: Buffer) => createHmac('sha256', key).update('key check').digest('hex').slice(0, 32);

/** Rewrites the index rows of these customers from their current values (in the caller's transaction). */
export async function reindexCustomers(ctx: AppContext, tx: Transaction, customerIds: number[]): Promise<void> {
  if (customerIds.length === 0) return;
  const { db } = ctx;
  const key = keyFor(ctx);
  for (let i = 0; i < customerIds.length; i += 500) {
    const ids = customerIds.slice(i, i + 500);
    const list = ids.map((_, n) => `$${n + 1}`).join(', ');
    await db.query(tx, `DELETE FROM search_digests WHERE customer_id IN (${list})`, ids);
    await insertDigests(ctx, tx, key, await valuesOf(ctx, tx, `id IN (${list})`, `customer_id IN (${list})`, ids));
  }
}

type Values = Map<number, IndexedValues>;

async function valuesOf(ctx: AppContext, tx: Transaction, customerWhere: string, profileWhere: string, bind: unknown[]): Promise<Values> {
  const { db } = ctx;
  const select = <T>(sql: string) => db.query<T>(tx, sql, bind);
  const out: Values = new Map();
  type C = { id: number; phone: string | null; email: string | null; document: string | null };
  for (const c of await select<C>(`SELECT id, phone, email, id_document_number AS document FROM customers WHERE ${customerWhere}`)) {
    out.set(Number(c.id), { phone: c.phone, email: c.email, document: c.document, iccids: [], msisdns: [] });
  }
  type P = { customer_id: number; iccid: string | null; msisdn: string | null };
  for (const p of await select<P>(`SELECT customer_id, iccid, msisdn FROM esim_profiles WHERE ${profileWhere}`)) {
    const v = out.get(Number(p.customer_id));
    if (!v) continue;
    v.iccids!.push(p.iccid);
    v.msisdns!.push(p.msisdn);
  }
  return out;
}

async function insertDigests(ctx: AppContext, tx: Transaction, key: Buffer, values: Values): Promise<void> {
  const rows: unknown[][] = [];
  for (const [id, v] of values) for (const d of customerDigests(key, v)) rows.push([id, d]);
  if (rows.length) await bulkInsert(ctx.db, 'search_digests', ['customer_id', 'digest'], rows, tx);
}

/**
 * At start: the index matches the key, or it is rebuilt from the customers and profiles (after
 * migration 0007 on a database that already holds customers, or when the key changed). One
 * transaction holding the state row, so instances starting together rebuild it once.
 */
export async function ensureSearchIndex(ctx: AppContext): Promise<{ rebuilt: boolean }> {
  const { db } = ctx;
  const key = keyFor(ctx);
  const check = keyCheck(key);
  const current = await stateCheck(db);
  if (current === check) return { rebuilt: false };
  return db.transaction(async (tx) => {
    const lock = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await db.query<{ key_check: string }>(tx, `SELECT key_check FROM search_index_state WHERE id = 1${lock}`);
    if (row?.key_check === check) return { rebuilt: false };
    await db.query(tx, 'DELETE FROM search_digests');
    const step = 5_000;
    const [top] = await db.query<{ max: number | null }>(tx, 'SELECT MAX(id) AS max FROM customers');
    const last = Number(top?.max ?? 0);
    for (let from = 0; from < last; from += step) {
      const range = (col: string) => `${col} > $1 AND ${col} <= $2`;
      await insertDigests(ctx, tx, key, await valuesOf(ctx, tx, range('id'), range('customer_id'), [from, from + step]));
    }
    await db.query(tx, 'UPDATE search_index_state SET key_check = $1 WHERE id = 1', [check]);
    ctx.logger.info({ customers: last }, 'search index rebuilt for the current key');
    return { rebuilt: true };
  });
}

/** Marks the (empty or just filled) index as written with this key: the seed calls it after loading. */
export async function markSearchIndexKey(ctx: AppContext): Promise<void> {
  const check = keyCheck(keyFor(ctx));
  await ctx.db.transaction((tx) => ctx.db.query(tx, 'UPDATE search_index_state SET key_check = $1 WHERE id = 1', [check]));
}

async function stateCheck(db: Database): Promise<string | null> {
  const [row] = await db.select<{ key_check: string }>('SELECT key_check FROM search_index_state WHERE id = 1', [], { cache: false });
  return row?.key_check ?? null;
}
