import { parse } from "csv-parse/sync";

/**
 * Reads CSV the way a spreadsheet would, to check what people will see. Any line ending ends a row here, so a bare
 * CR or LF that a writer left outside quotes shows up as a broken row; quotes out of place are an error.
 */
export function readCsv(text: string): string[][] {
  if (text !== "" && !text.endsWith("\r\n")) throw new Error("Last row does not end with CRLF");
  return parse(text, { record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: true });
}
