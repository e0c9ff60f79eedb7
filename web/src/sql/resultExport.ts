/**
 * A query result as files: CSV (all rows, UTF-8 with BOM for Excel), XLSX (up to Excel's row
 * limit) and Parquet (through the Parquet worker). Values come straight from the Arrow columns:
 * 64-bit integers as exact text, timestamps as ISO-like local text, nothing rounded by JSON.
 */
import type { Table } from 'apache-arrow';
import { toCsv } from '../export/csvWriter';
import { writeXlsx, type CellValue } from '../export/xlsxWriter';

/** Excel's row limit, header included. */
export const XLSX_MAX_ROWS = 1_048_576;

function cell(value: unknown, type: string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  if (/^Timestamp/.test(type) && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace('Z', '');
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return String(value);
}

/** Header and rows of a result as plain cells (at most `limit` rows). */
export function resultCells(table: Table, limit = Infinity): { header: string[]; rows: CellValue[][] } {
  const fields = table.schema.fields;
  const header = fields.map((f) => f.name);
  const columns = fields.map((f) => table.getChild(f.name)!);
  const types = fields.map((f) => String(f.type));
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
