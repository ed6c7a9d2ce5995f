/**
 * CSV exports (RFC 4180) that are safe to open in a spreadsheet.
 *
 * Cells a spreadsheet would treat as a formula get a leading apostrophe, so a name typed as
 * `=HYPERLINK(...)` shows as text instead of running when a lead opens the export.
 */

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads accented names (e.g. "Siân") correctly. */
  byteOrderMark?: boolean;
}

const BYTE_ORDER_MARK = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Every row, including the last, ends with CRLF. */
export function toCsv(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
  const body = rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
  return options.byteOrderMark ? BYTE_ORDER_MARK + body : body;
}
