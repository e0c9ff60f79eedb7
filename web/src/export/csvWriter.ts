/**
 * RFC 4180 CSV text (CRLF line ends) for every CSV the app writes: query results, stations, plans
 * and the rejected rows of an import. Every field goes through `defuseFormula`, so a cell the user
 * or a shared file typed can never reach Excel, WPS or LibreOffice as a live formula.
 */

/** Text that is exactly a decimal number, as String(number) or a DECIMAL column writes it. */
const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * What spreadsheets take as the start of a formula: = + - @ (the OWASP list; `-` and `+` because
 * `-1+cmd|' /C calc'!A0` is a formula, not a number), also after leading spaces, tabs, line breaks
 * or other control characters, which some importers trim before they look (LibreOffice with
 * "trim spaces", Excel for a leading tab or CR). The full-width ＝＋－＠ are included too: Chinese
 * input methods type them, and an apostrophe costs less than finding out which WPS build reads them.
 */
const FORMULA_START = /^[\s\u0000-\u001f]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/**
 * A cell as a spreadsheet must show it: text that would start a formula gets a leading
 * apostrophe (shown as text by every spreadsheet; a station named "=HYPERLINK(…)" stays a name),
 * a leading tab or CR likewise. Text that is exactly a number (-12.5, 1e-7) stays as is:
 * spreadsheets read it as that number, not as a formula, so numeric columns stay numeric.
 * Idempotent: a defused cell starts with the apostrophe and is left alone the second time.
 */
export function defuseFormula(text: string): string {
  if (PLAIN_NUMBER.test(text)) return text;
  return FORMULA_START.test(text) || /^[\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers too: String(-12.5) is a plain number and passes; String(-Infinity) is not and is defused.
  const text = defuseFormula(String(value));
  // `;` and tab are quoted as well: a spreadsheet that splits on them (a locale whose list
  // separator is `;`) must not cut "a;=1+1" into a new cell that starts a formula.
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 fields of CSV text (a leading BOM dropped); quotes and line breaks inside quotes kept. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.push([...row, field]);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * CSV text kept from elsewhere (an import report's rejected rows, restored from a project file or
 * the autosave, possibly written by an older version or by hand) re-written through csvField, so
 * it is defused like a CSV written now. Unchanged for CSV this module wrote.
 */
export function defuseCsv(text: string): string {
  const rows = parseCsv(text);
  return rows.length === 0 ? '' : rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
