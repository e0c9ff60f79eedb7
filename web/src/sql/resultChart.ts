/**
 * A quick chart of two result columns: x as categories or numbers, y numeric. Bars for a handful
 * of rows, a line for many; long results are thinned to at most `maxPoints` evenly spaced rows.
 */
import type { Table } from 'apache-arrow';

export interface ChartSeries {
  kind: 'bar' | 'line';
  labels: string[];
  values: number[];
  max: number;
  min: number;
}

export const BAR_LIMIT = 40;

export function isNumericColumn(table: Table, name: string): boolean {
  const field = table.schema.fields.find((f) => f.name === name);
  return !!field && /^(Float|Int|Uint|Decimal)/.test(String(field.type));
}

export function chartSeries(table: Table, x: string, y: string, maxPoints = 400): ChartSeries | null {
  const xs = table.getChild(x);
  const ys = table.getChild(y);
  if (!xs || !ys || !isNumericColumn(table, y) || table.numRows === 0) return null;
  const step = Math.max(1, Math.ceil(table.numRows / maxPoints));
  const labels: string[] = [];
  const values: number[] = [];
  for (let i = 0; i < table.numRows; i += step) {
    const v = Number(ys.get(i));
    if (!Number.isFinite(v)) continue;
    labels.push(String(xs.get(i)));
    values.push(v);
  }
  if (values.length === 0) return null;
  return { kind: values.length <= BAR_LIMIT ? 'bar' : 'line', labels, values, max: Math.max(0, ...values), min: Math.min(0, ...values) };
}
