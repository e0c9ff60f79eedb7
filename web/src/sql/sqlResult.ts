/** A query result shaped for the grid, the chart, exports and — when it has coordinates — the map. */
import type { Table } from 'apache-arrow';
import { coordinateColumns, type CoordinateColumns } from './resultLayer';

export interface SqlResult {
  /** The whole result, for the grid, the chart and exports. */
  table: Table;
  columns: string[];
  rows: Record<string, unknown>[];
  rowCount: number;
  ms: number;
  coordinates: CoordinateColumns | null;
  /** Interleaved WGS-84 positions of the result rows, when it has coordinates. */
  positions: Float64Array | null;
}

const PREVIEW_ROWS = 500;

function isNumericType(type: unknown): boolean {
  return /^(Float|Int|Uint|Decimal)/.test(String(type));
}

export function shapeResult(table: Table, ms: number): SqlResult {
  const columns = table.schema.fields.map((f) => f.name);
  const rows = table.toArray().slice(0, PREVIEW_ROWS).map((r) => r.toJSON() as Record<string, unknown>);
  const coordinates = coordinateColumns(
    table.schema.fields.map((f) => ({ name: f.name, numeric: isNumericType(f.type) })),
    rows.slice(0, 100),
  );
  let positions: Float64Array | null = null;
  if (coordinates) {
    const lon = table.getChild(coordinates.lon)!.toArray() as ArrayLike<number>;
    const lat = table.getChild(coordinates.lat)!.toArray() as ArrayLike<number>;
    positions = new Float64Array(table.numRows * 2);
    for (let i = 0; i < table.numRows; i++) {
      positions[2 * i] = Number(lon[i]);
      positions[2 * i + 1] = Number(lat[i]);
    }
  }
  return { table, columns, rows, rowCount: table.numRows, ms, coordinates, positions };
}
