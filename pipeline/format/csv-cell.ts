/**
 * CSV that is safe to open in a spreadsheet (OWASP, "CSV Injection"): a cell that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'`, so Excel,
 * LibreOffice and Sheets show it as text instead of evaluating it. File names, titles and cells
 * of a document are anyone's to write. A plain decimal number (`-12.5`, `-3588400`) is the one
 * exception: it holds nothing to evaluate, and prefixing it would turn the amounts of a negative
 * carry-over into text. Anything else after the sign (`-2+3`, `-1e3`) is prefixed.
 */
import type { Options } from 'csv-stringify';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-\d+(?:\.\d+)?$/;

/** The text of one cell as a spreadsheet will read it. */
export function spreadsheetSafe(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** Every CSV budgetlint writes: UTF-8 with BOM (Excel reads the Chinese), RFC 4180 with CRLF, header row, safe cells. */
export function csvOptions(columns: string[]): Options {
  return {
    header: true,
    columns,
    bom: true,
    record_delimiter: 'windows',
    // csv-stringify quotes a CRLF but not a lone CR, which readers take for a line end; a tab is quoted too.
    quoted_match: /[\r\t]/,
    cast: {
      string: (value) => spreadsheetSafe(value),
      // Numbers are numbers: a negative one is not a formula.
      number: (value) => String(value),
    },
  };
}
