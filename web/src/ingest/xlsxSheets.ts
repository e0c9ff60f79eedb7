/**
 * Excel workbooks (.xlsx) as CSV text for the importer: the first sheet that looks like a table, or
 * a chosen one. An .xlsx is a zip of XML parts; this reads the workbook's sheet list, the shared strings,
 * the number formats (to tell a date cell from a number) and the sheet's cells, with fflate and
 * plain string scanning (no DOM, so it runs in Node tests and workers alike). Excel dates are
 * serial days in local wall-clock time; they become "YYYY-MM-DD HH:MM:SS" text.
 */
import { strFromU8, unzipSync } from 'fflate';
import { ImportError } from './prepareImport';

/** The zip magic "PK\3\4". */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/** Old binary .xls and password-protected .xlsx files are OLE compound files. */
function isCompoundFile(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
}

export function isSpreadsheetName(fileName: string): boolean {
  return /\.(xlsx|xlsm|xls)$/i.test(fileName);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()],
  );
}

function attr(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescapeXml(match[1]) : null;
}

/** All text runs of an <si> or <is> element, joined (rich text comes in several runs). */
function textOf(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += unescapeXml(m[1]);
  return text;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style index, whether its number format shows a date or time. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*>/g)) custom.set(Number(attr(m[0], 'numFmtId')), attr(m[0], 'formatCode') ?? '');
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\s[^>]*?\/?>/g)].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    // A custom format with date or time letters outside quotes and [colour] brackets.
    const code = (custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '');
    return /[ymdhs]/i.test(code) && !/^[#0.,%\s]*$/.test(code);
  });
}

function serialToText(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function csvQuote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function sheetRows(sheetXml: string, shared: string[], dates: boolean[]): string[][] {
  const rows: string[][] = [];
  for (const rowMatch of sheetXml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const row: string[] = [];
    let next = 0;
    for (const cellMatch of rowMatch[1].matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${cellMatch[1]}>`;
      const inner = cellMatch[2] ?? '';
      const ref = attr(tag, 'r');
      const index = ref ? columnIndex(ref) : next;
      next = index + 1;
      const type = attr(tag, 't');
      const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(raw)] ?? '';
      else if (type === 'inlineStr') value = textOf(inner);
      else if (type === 'b') value = raw === '1' ? 'true' : 'false';
      else if (type === 'str' || type === 'e') value = raw === undefined ? '' : unescapeXml(raw);
      else if (raw !== undefined) {
        const n = Number(raw);
        value = dates[Number(attr(tag, 's') ?? 0)] && Number.isFinite(n) ? serialToText(n) : raw;
      }
      while (row.length < index) row.push('');
      row[index] = value;
    }
    rows.push(row);
  }
  // Trailing empty rows (formatting only) are not data.
  while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
  return rows;
}

export interface XlsxSheet {
  sheetNames: string[];
  sheet: string;
  csv: string;
  rows: number;
}

/** One sheet of a workbook as CSV text: `sheet` by name or index, else the first that looks like a table. */
export function readXlsxSheet(fileName: string, bytes: Uint8Array, sheet?: string | number): XlsxSheet {
  if (isCompoundFile(bytes)) throw new ImportError(fileName, 'an old .xls or a password-protected workbook: save it from Excel/WPS as .xlsx (unprotected) or CSV');
  if (!isZip(bytes)) throw new ImportError(fileName, 'not an Excel .xlsx workbook (it is not a zip archive)');
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => f.name.startsWith('xl/') });
  } catch (error) {
    throw new ImportError(fileName, `the workbook is damaged (${String(error)})`);
  }
  const text = (name: string) => (parts[name] ? strFromU8(parts[name]) : undefined);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw new ImportError(fileName, 'not an Excel workbook (no xl/workbook.xml inside)');
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\s[^>]*>/g)) {
    const target = attr(m[0], 'Target') ?? '';
    rels.set(attr(m[0], 'Id') ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map((m) => ({ name: attr(m[0], 'name') ?? '', path: rels.get(attr(m[0], 'r:id') ?? '') ?? '' }));
  if (sheets.length === 0) throw new ImportError(fileName, 'the workbook has no sheets');
  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1]));
  const dates = dateStyles(text('xl/styles.xml'));
  const read = (s: { name: string; path: string }) => sheetRows(text(s.path) ?? '', shared, dates);
  let chosen: { name: string; path: string } | undefined;
  let rows: string[][] = [];
  if (sheet !== undefined) {
    chosen = typeof sheet === 'number' ? sheets[sheet] : sheets.find((s) => s.name === sheet);
    if (!chosen) throw new ImportError(fileName, `no sheet "${sheet}" (the sheets are: ${sheets.map((s) => s.name).join(', ')})`);
    rows = read(chosen);
  } else {
    // A notes or cover sheet often comes first: prefer the first sheet whose first row has two or
    // more columns (a table with coordinates needs at least lon and lat), else the first with data.
    let firstWithData: { sheet: { name: string; path: string }; rows: string[][] } | undefined;
    for (const s of sheets) {
      rows = read(s);
      chosen = s;
      if (rows.length > 0 && rows[0].filter((v) => v !== '').length >= 2) break;
      if (rows.length > 0) firstWithData ??= { sheet: s, rows };
      rows = [];
    }
    if (rows.length === 0 && firstWithData) ({ sheet: chosen, rows } = firstWithData);
  }
  if (rows.length === 0) throw new ImportError(fileName, `the sheet "${chosen!.name}" is empty`);
  const width = Math.max(...rows.map((r) => r.length));
  const csv = rows.map((r) => Array.from({ length: width }, (_, i) => csvQuote(r[i] ?? '')).join(',')).join('\n') + '\n';
  return { sheetNames: sheets.map((s) => s.name), sheet: chosen!.name, csv, rows: rows.length };
}
