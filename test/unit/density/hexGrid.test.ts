import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { hexCellOf, hexCellSql, hexCentre, unitHexagonVertices } from '../../../web/src/density/hexGrid';
import { toLocalMetres } from '../../../web/src/density/localProjection';
import { openWasmDuckDb } from '../wasmDuckDb';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('hexagonal bins', () => {
  it('puts a hexagon centre in its own hexagon', () => {
    for (const [q, r] of [[0, 0], [3, -2], [-7, 11], [40, 25]]) {
      const [lon, lat] = hexCentre(q, r, 500);
      expect(hexCellOf(lon, lat, 500)).toEqual({ q, r });
    }
  });

  it('assigns every point to the nearest hexagon centre', () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const lon = 113.0 + random();
      const lat = 22.6 + random();
      const cell = hexCellOf(lon, lat, 500);
      const [x, y] = toLocalMetres(lon, lat);
      const own = toLocalMetres(...hexCentre(cell.q, cell.r, 500));
      const ownDist = Math.hypot(x - own[0], y - own[1]);
      // A point is never farther than the circumradius from its hexagon's centre…
      expect(ownDist).toBeLessThanOrEqual(500 + 1e-6);
      // …and no neighbouring centre is closer (Voronoi property of a hexagonal lattice).
      for (const [dq, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, -1], [-1, 1]]) {
        const other = toLocalMetres(...hexCentre(cell.q + dq, cell.r + dr, 500));
        expect(Math.hypot(x - other[0], y - other[1])).toBeGreaterThanOrEqual(ownDist - 1e-6);
      }
    }
  });

  it('has six unit vertices, pointy-top', () => {
    const vertices = unitHexagonVertices();
    expect(vertices).toHaveLength(6);
    for (const [x, y] of vertices) expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
    expect(vertices.some(([x, y]) => Math.abs(x) < 1e-12 && y > 0.999)).toBe(true);
  });
});

describe('hexagonal bins in DuckDB-WASM SQL', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
  });

  it('match the TypeScript binning for 5,000 random points', () => {
    const random = seeded(42);
    const rows: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const lon = 112.95 + random() * 1.1;
      const lat = 22.5 + random() * 1.4;
      rows.push(`(${i}, ${lon}, ${lat})`);
      const { q, r } = hexCellOf(lon, lat, 350);
      expected.push(`${i}:${q},${r}`);
    }
    conn.query(`CREATE OR REPLACE TABLE pts AS SELECT * FROM (VALUES ${rows.join(',')}) t(id, lon, lat)`);
    const result = conn.query(`SELECT id, q, r FROM ${hexCellSql('pts', 350, ['id'])} ORDER BY id`);
    const got = result.toArray().map((row) => `${row.id}:${row.q},${row.r}`);
    expect(got).toEqual(expected);
  });
});
