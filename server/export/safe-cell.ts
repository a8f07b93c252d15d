/**
 * Spreadsheet formula injection: a cell starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return may be run as a formula when the file is opened.
 * Following OWASP's CSV injection guidance, such a text cell gets a leading
 * apostrophe, which spreadsheets show as text
 * (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are
 * written as numbers and never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
