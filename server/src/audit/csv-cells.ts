import type { Options as CsvOptions } from 'csv-stringify/sync';

/**
 * How an export's CSV cell is written, and how a cell that a spreadsheet would run as a formula is
 * neutralised: the one home of that rule. The JavaScript writer (stream-export.ts) gives these
 * options to csv-stringify; the SQL writer on SQLite (sqlite-export.ts, export-shape.ts) writes the
 * same bytes with csvText/csvNumber below. test/audit-export.test.ts checks both paths' cells.
 */

// RFC 4180: CRLF between records, fields quoted when they hold a comma, quote, CR or LF.
// escape_formulas prefixes `'` to a cell starting with = + - @ TAB CR (and their full-width forms),
// but not to a negative number, so no spreadsheet runs a cell as a formula.
// (csv-stringify quotes a field for the record delimiter, CRLF, only: quoted_match adds a lone CR or LF,
// which a spreadsheet would take for the end of the row.)
export const CSV_OPTIONS: CsvOptions = {
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  escape_formulas: true,
  cast: { boolean: (v) => (v ? 'true' : 'false') },
};

/** First characters that csv-stringify's escape_formulas prefixes with `'`: = + - @ TAB CR and ＝ ＋ － ＠. */
const FORMULA_STARTS = '61, 43, 45, 64, 9, 13, 65309, 65291, 65293, 65312';

/**
 * One CSV cell of a text value as csv-stringify writes it with the export's options: NULL and ''
 * as nothing; a leading formula character prefixed with `'`; quoted (quotes doubled) when it holds
 * a quote, a comma, a CR or an LF (quoted_match above). instr, not GLOB: GLOB stops at a NUL character.
 * The range test spares most cells the formula check: text from 'A' up to (not including) '＋',
 * the lowest full-width formula character, cannot start with one (text compares by code point).
 */
export const csvText = (expr: string) => `CASE WHEN ${expr} IS NULL THEN ''
  WHEN instr(${expr}, '"') OR instr(${expr}, ',') OR instr(${expr}, char(13)) OR instr(${expr}, char(10))
  THEN '"' || iif(unicode(${expr}) IN (${FORMULA_STARTS}), '''', '') || replace(${expr}, '"', '""') || '"'
  WHEN ${expr} >= 'A' AND ${expr} < '＋' THEN ${expr}
  ELSE iif(unicode(${expr}) IN (${FORMULA_STARTS}), '''', '') || ${expr} END`;

/** One CSV cell of a number (an integer that passed intOk): its digits, never a formula prefix; NULL as nothing. */
export const csvNumber = (expr: string) => `coalesce(CAST(${expr} AS TEXT), '')`;

