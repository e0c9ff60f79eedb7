import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { refuseBaseTableWrite, sqlWords } from '../../../web/src/sql/sqlGuard';
import { coordinateColumns } from '../../../web/src/sql/resultLayer';
import { openWasmDuckDb } from '../wasmDuckDb';

describe('base tables are read-only in the console', () => {
  const refused = [
    'DROP TABLE pings',
    'drop table if exists "pings";',
    '/* tidy */ DELETE FROM stations WHERE kind = \'x\'',
    'UPDATE heat_grid SET weight = 0',
    'INSERT INTO charging_stations SELECT * FROM charging_stations',
    'ALTER TABLE pings RENAME TO old',
    'CREATE OR REPLACE TABLE pings AS SELECT 1',
    'CREATE TABLE stations (id INT)',
    'SELECT 1; DROP TABLE pings',
    'TRUNCATE pings',
  ];
  for (const sql of refused) it(`refuses: ${sql}`, () => expect(refuseBaseTableWrite(sql, false)).toMatch(/is a base table and is read-only/));

  const allowed = [
    'SELECT * FROM pings LIMIT 10',
    "SELECT 'drop table pings' AS joke",
    '-- DROP TABLE pings\nSELECT count(*) FROM pings',
    'CREATE TABLE my_pings AS SELECT * FROM pings WHERE hour = 8',
    'CREATE TEMP VIEW busy AS SELECT * FROM stations',
    'DROP TABLE my_pings',
    'WITH x AS (SELECT * FROM pings) SELECT count(*) FROM x',
  ];
  for (const sql of allowed) it(`allows: ${sql.replace(/\n/g, ' ')}`, () => expect(refuseBaseTableWrite(sql, false)).toBeNull());

  it('allows everything once unlocked', () => expect(refuseBaseTableWrite('DROP TABLE pings', true)).toBeNull());

  it('tokenizes quoted identifiers with doubled quotes and skips doubled quotes in strings', () => {
    expect(sqlWords(`SELECT "a""b", 'it''s' FROM t`)).toEqual(['select', 'a"b', 'from', 't']);
  });
});

describe('results that can be drawn', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
  });
  const columnsOf = (sql: string) => {
    const table = conn.query(sql);
    const columns = table.schema.fields.map((f) => ({ name: f.name, numeric: ['Float', 'Int', 'Decimal'].some((t) => String(f.type).startsWith(t)) }));
    return { columns, sample: table.toArray().slice(0, 50).map((r) => r.toJSON()) };
  };

  it('finds lon/lat by name, in English or Chinese', () => {
    const a = columnsOf('SELECT 113.3::DOUBLE AS lng, 23.1::DOUBLE AS lat, 5 AS n');
    expect(coordinateColumns(a.columns, a.sample)).toEqual({ lon: 'lng', lat: 'lat' });
    const b = columnsOf('SELECT 113.3::DOUBLE AS 经度, 23.1::DOUBLE AS 纬度');
    expect(coordinateColumns(b.columns, b.sample)).toEqual({ lon: '经度', lat: '纬度' });
  });

  it('finds coordinates by their values, and refuses tables without them', () => {
    const a = columnsOf('SELECT 42 AS n, 113.3::DOUBLE AS a, 23.1::DOUBLE AS b');
    expect(coordinateColumns(a.columns, a.sample)).toEqual({ lon: 'a', lat: 'b' });
    const b = columnsOf('SELECT 8 AS hour, 1200 AS pings');
    expect(coordinateColumns(b.columns, b.sample)).toBeNull();
  });
});
