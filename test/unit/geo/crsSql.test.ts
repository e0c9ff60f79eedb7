import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { toWgs84 } from '../../../web/src/geo/crs';
import { CRS_MACROS_SQL, toWgs84Sql } from '../../../web/src/geo/crsSql';
import { openWasmDuckDb } from '../wasmDuckDb';

const csv = readFileSync('data/gz-ev-charging/guangzhou_ev_charging_stations.csv', 'utf8');

describe('CRS conversion in DuckDB SQL', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
    for (const sql of CRS_MACROS_SQL) conn.query(sql);
    const [header, ...lines] = csv.trim().split('\n');
    const cols = header.split(',');
    const at = (name: string) => cols.indexOf(name);
    const rows = lines.map((line, i) => {
      const c = line.split(',');
      return `(${i}, ${c[at('station_lg')]}, ${c[at('station_lt')]}, ${c[at('DB09_station_lg')]}, ${c[at('DB09_station_lt')]})`;
    });
    conn.query(`CREATE TABLE pts AS SELECT id, gcj_lon::DOUBLE AS gcj_lon, gcj_lat::DOUBLE AS gcj_lat, bd_lon::DOUBLE AS bd_lon, bd_lat::DOUBLE AS bd_lat
      FROM (VALUES ${rows.join(',')}) t(id, gcj_lon, gcj_lat, bd_lon, bd_lat)`);
  });

  for (const crs of ['GCJ02', 'BD09'] as const) {
    it(`${crs} → WGS-84 equals the TypeScript converter on 3,191 stations`, () => {
      const cols = crs === 'GCJ02' ? 'gcj_lon AS lon, gcj_lat AS lat' : 'bd_lon AS lon, bd_lat AS lat';
      const result = conn.query(`${toWgs84Sql(`(SELECT id, ${cols} FROM pts)`, crs, ['id'])} ORDER BY id`);
      const source = conn.query(`SELECT ${cols} FROM pts ORDER BY id`).toArray();
      const rows = result.toArray();
      expect(rows).toHaveLength(3191);
      let maxError = 0;
      rows.forEach((row, i) => {
        const [lon, lat] = toWgs84(crs, source[i].lon, source[i].lat);
        maxError = Math.max(maxError, Math.abs(row.lon - lon), Math.abs(row.lat - lat));
      });
      expect(maxError).toBeLessThan(1e-9);
    });
  }

  it('leaves WGS-84 and points outside China unchanged', () => {
    const rows = conn.query(toWgs84Sql(`(SELECT 1 AS id, -0.1276::DOUBLE AS lon, 51.5072::DOUBLE AS lat)`, 'GCJ02', ['id'])).toArray();
    expect(rows[0].lon).toBe(-0.1276);
    expect(rows[0].lat).toBe(51.5072);
    expect(toWgs84Sql('t', 'WGS84', ['a'])).toBe('SELECT a, lon, lat FROM t');
  });
});
