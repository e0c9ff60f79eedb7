/** RFC 4180 CSV text (CRLF line ends), for exports such as the rejected rows of an import. */
/**
 * Text that Excel or WPS would run as a formula (=, +, @, a leading tab or CR, or - not starting
 * a number) gets a leading apostrophe: a station named "=HYPERLINK(…)" stays a name.
 */
function defuseFormula(text: string): string {
  return /^[=+@\t\r]|^-(?![\d.])/.test(text) ? `'${text}` : text;
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? defuseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
