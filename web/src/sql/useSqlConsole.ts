/**
 * Runs the analyst's SQL in the DuckDB worker with a timer and cancel, guards the base tables, and
 * prepares a drawable layer when the result has coordinates.
 */
import { useCallback, useRef, useState } from 'react';
import type { Table } from 'apache-arrow';
import type { AtlasDb } from '../db/atlasDb';
import { coordinateColumns, type CoordinateColumns } from './resultLayer';
import { refuseBaseTableWrite } from './sqlGuard';

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

export function useSqlConsole(db: AtlasDb | null, onTablesChanged: () => void, onRan?: (sql: string) => void) {
  const [result, setResult] = useState<SqlResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState<number | null>(null);
  const cancelled = useRef(false);

  const run = useCallback(
    async (sql: string, unlocked: boolean) => {
      if (!db || !sql.trim()) return;
      const refusal = refuseBaseTableWrite(sql, unlocked);
      if (refusal) {
        setError(refusal);
        return;
      }
      const started = performance.now();
      cancelled.current = false;
      setRunning(started);
      setError(null);
      try {
        const table = await db.queryCancellable(sql);
        setResult(shapeResult(table, performance.now() - started));
        onRan?.(sql);
        if (/\b(create|drop|insert|update|delete|alter)\b/i.test(sql)) onTablesChanged();
      } catch (e) {
        setError(cancelled.current ? 'cancelled' : e instanceof Error ? e.message : String(e));
      } finally {
        setRunning(null);
      }
    },
    [db, onTablesChanged, onRan],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
    void db?.cancel();
  }, [db]);

  return { result, error, running, run, cancel, clear: () => setResult(null) };
}
