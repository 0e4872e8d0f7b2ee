import { likeEscape } from '../platform/http/list-query';
import { searchDigests } from './search-index';

/** Writes a value's placeholder (or, for Sequelize's WHERE, its escaped literal): no term is ever part of the SQL text. */
export type Bind = (value: unknown) => string;

/** Sorts after every string that starts with the same prefix: a prefix becomes an index range. */
const AFTER_PREFIX = '\u{10FFFF}';

/** Terms shorter than this match names, account numbers and references by prefix: a trigram index holds nothing shorter. */
export const TRIGRAM_MIN = 3;

export interface SearchTerm {
  text: string;
  /** fewer than TRIGRAM_MIN characters (code points) */
  short: boolean;
  /** one per kind (search-index.ts DIGEST_KINDS), null where the term cannot be such a value */
  digests: (string | null)[];
}

export const searchTerm = (key: Buffer, q: string): SearchTerm => ({
  text: q, short: [...q].length < TRIGRAM_MIN, digests: searchDigests(key, q),
});

const prefix = (bind: Bind, column: string, value: string) => `${column} >= ${bind(value)} AND ${column} < ${bind(value + AFTER_PREFIX)}`;
/** An FTS5 phrase: the trigram tokenizer matches it as a substring; quotes are doubled, so the term is never query syntax. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
const contains = (text: string) => `%${likeEscape(text)}%`;

/**
 * SELECT of the ids of the customers a term finds: name or account number containing it (a
 * trigram index read), or one of their phone numbers, MSISDNs, e-mail addresses, document numbers
 * or ICCIDs being the whole term (a read of the blind index). A term under three characters finds
 * names and account numbers starting with it (an index range), as no trigram index serves it.
 */
export function customerIdsSql(dialect: string, bind: Bind, term: SearchTerm): string {
  const parts = [`SELECT customer_id AS id FROM search_digests WHERE digest IN (${term.digests.map(bind).join(', ')})`];
  const { text } = term;
  if (term.short) {
    if (dialect === 'postgres') {
      parts.push(`SELECT id FROM customers WHERE LOWER(full_name) LIKE ${bind(`${likeEscape(text.toLowerCase())}%`)} ESCAPE '\\'`);
    } else {
      // SQLite compares in binary: the prefix as typed, and with a capital first letter (`jo` finds `John`).
      const capital = text.charAt(0).toUpperCase() + text.slice(1);
      parts.push(`SELECT id FROM customers WHERE ${prefix(bind, 'full_name', text)}`);
      if (capital !== text) parts.push(`SELECT id FROM customers WHERE ${prefix(bind, 'full_name', capital)}`);
    }
    parts.push(`SELECT id FROM customers WHERE ${prefix(bind, 'account_no', text.toUpperCase())}`);
  } else if (dialect === 'postgres') {
    parts.push(`SELECT id FROM customers WHERE LOWER(full_name) LIKE ${bind(contains(text.toLowerCase()))} ESCAPE '\\'`);
    parts.push(`SELECT id FROM customers WHERE account_no LIKE ${bind(contains(text.toUpperCase()))} ESCAPE '\\'`);
  } else {
    parts.push(`SELECT rowid AS id FROM customer_search WHERE customer_search MATCH ${bind(phrase(text))}`);
  }
  return parts.join(' UNION ');
}

/**
 * What a reference is written with (CR-<year>-<id>, closures/create-closure-request.ts; ids are
 * 31-bit, so no run of more than 10 digits): a term with anything else, or a longer run of digits
 * (an ICCID, a phone number with its country code), is in none.
 */
const REFERENCE_TEXT = /^[A-Za-z0-9-]+$/;
const couldBeInReference = (text: string) => REFERENCE_TEXT.test(text) && !/\d{11}/.test(text);

/**
 * SELECT of the ids of the closure requests whose reference contains the term (starts with it,
 * under three characters). A term no reference can contain (an e-mail address, a phone number,
 * an ICCID, a name in hanzi) reads nothing: the trigram index is not asked.
 */
export function requestIdsByReferenceSql(dialect: string, bind: Bind, term: SearchTerm): string {
  if (!couldBeInReference(term.text)) return 'SELECT id FROM closure_requests WHERE 1 = 0';
  if (term.short) return `SELECT id FROM closure_requests WHERE ${prefix(bind, 'reference', term.text.toUpperCase())}`;
  if (dialect === 'postgres') return `SELECT id FROM closure_requests WHERE reference LIKE ${bind(contains(term.text.toUpperCase()))} ESCAPE '\\'`;
  return `SELECT rowid AS id FROM closure_request_search WHERE closure_request_search MATCH ${bind(phrase(term.text))}`;
}
