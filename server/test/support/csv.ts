import { parse } from 'csv-parse/sync';

/**
 * A CSV download read as a spreadsheet reads it: a CR, an LF or a CRLF outside quotes ends the
 * record, and every record must have as many cells as the header (a cell with an unquoted line
 * break splits its row, and the read fails).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
}
