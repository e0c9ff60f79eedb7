/**
 * A query result as files: CSV (all rows, UTF-8 with BOM for Excel), XLSX (up to Excel's row
 * limit) and Parquet (through the Parquet worker). Values come straight from the Arrow columns:
 * numbers stay numbers (so a spreadsheet can sum them), 64-bit integers and decimals a double would
 * round as exact text, timestamps as ISO-like local text, nothing rounded by JSON. Text is defused
 * against formulas by csvWriter; XLSX cells are inline strings, which spreadsheets never evaluate.
 */
import { DataType, type Table } from 'apache-arrow';
import { toCsv } from '../export/csvWriter';
import { writeXlsx, type CellValue } from '../export/xlsxWriter';

/** Excel's row limit, header included. */
export const XLSX_MAX_ROWS = 1_048_576;

/** Beyond this many significant digits a double (and Excel) would round: such values stay exact text. */
const EXACT_DIGITS = 15;

/**
 * A DECIMAL (and, in this engine, HUGEINT) value: Arrow gives the unscaled integer, e.g. 1.5 in
 * DECIMAL(2,1) as 15. Put the point back; a number when a double holds it exactly, else text.
 */
function decimalCell(value: unknown, scale: number): CellValue {
  const unscaled = String(value);
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${negative ? '-' : ''}${scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
  return digits.replace(/^0+/, '').replace(/0+$/, '').length <= EXACT_DIGITS ? Number(text) : text;
}

function cell(value: unknown, type: DataType): CellValue {
  if (value === null || value === undefined) return null;
  if (DataType.isDecimal(type)) return decimalCell(value, type.scale);
  // A number when exact (so XLSX has a number cell), else the exact digits as text.
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (DataType.isTimestamp(type) && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
  // A DATE arrives as epoch milliseconds; written as the day, as a timestamp is.
  if (DataType.isDate(type) && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** Header and rows of a result as plain cells (at most `limit` rows). */
export function resultCells(table: Table, limit = Infinity): { header: string[]; rows: CellValue[][] } {
  const fields = table.schema.fields;
  const header = fields.map((f) => f.name);
  const columns = fields.map((f) => table.getChild(f.name)!);
  const types = fields.map((f) => f.type);
  const count = Math.min(table.numRows, limit);
  const rows: CellValue[][] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = columns.map((column, c) => cell(column.get(i), types[c]));
  return { header, rows };
}

export function resultToCsv(table: Table): string {
  const { header, rows } = resultCells(table);
  return '\ufeff' + toCsv(header, rows);
}

export function resultToXlsx(table: Table, sheetName = 'result'): { bytes: Uint8Array; truncated: boolean } {
  const { header, rows } = resultCells(table, XLSX_MAX_ROWS - 1);
  return { bytes: writeXlsx([{ name: sheetName, rows: [header, ...rows] }]), truncated: table.numRows > XLSX_MAX_ROWS - 1 };
}
