/**
 * The pings cube the heat layer reads gives exactly what the raw pings give (cells, totals and the
 * hour profile) for any filter, and it follows the pings: rebuilt after a replace or an append,
 * not otherwise, dropped with them, and invisible to anything that lists the user's tables.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { filteredTotalsSql, HEAT_CELL_DEG, heatCellsSql, pingsByHourSql } from '../../../web/src/density/densityQueries';
import type { DensityFilter } from '../../../web/src/density/densityFilter';
import { centresOf, heatCellsFromCubeSql, PING_CUBE, PingCube, pingsByHourFromCubeSql, totalsFromCubeSql, type CellCentres } from '../../../web/src/density/pingCube';
import { column } from '../../../web/src/db/arrowColumns';
import { pingsFromStagingSql, TABLE_COUNTS_SQL } from '../../../web/src/db/schema';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { openWasmSqlRunner } from '../wasmDuckDb';

let conn: DuckDBConnection;
let runner: SqlRunner;
let centres: CellCentres;

beforeAll(async () => {
  ({ runner, conn } = await openWasmSqlRunner());
  const raw = parquet.readParquet(new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'))).intoIPCStream();
  conn.insertArrowFromIPCStream(raw, { name: 'pings_staging', create: true });
  for (const sql of pingsFromStagingSql('pings_staging')) conn.query(sql);
  const cube = new PingCube(runner, HEAT_CELL_DEG);
  expect(await cube.ensure()).toBe(true);
  centres = await cube.centres();
}, 180_000);

const rows = (sql: string) => conn.query(sql).toArray().map((r) => ({ ...r }));

const filters: [string, DensityFilter][] = [
  ['the whole week', { hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] }],
  ['weekday mornings', { hourFrom: 8, hourTo: 10, weekdays: [1, 2, 3, 4, 5] }],
  ['weekend nights (wrapping midnight)', { hourFrom: 22, hourTo: 4, weekdays: [6, 7] }],
  ['one hour of one day', { hourFrom: 15, hourTo: 15, weekdays: [3] }],
  ['no weekday chosen', { hourFrom: 0, hourTo: 23, weekdays: [] }],
];

describe('cube = raw pings', () => {
  for (const [name, filter] of filters) {
    it(`heat cells, totals and hour profile agree for ${name}`, () => {
      const key = (lon: number, lat: number) => `${lon.toFixed(7)},${lat.toFixed(7)}`;
      const raw = new Map(rows(heatCellsSql(filter)).map((r) => [key(r.lon as number, r.lat as number), r.weight as number]));
      // The cube gives cell numbers; their centres come from the cube's cell table, as in the app.
      const fromCube = conn.query(heatCellsFromCubeSql(filter));
      const { lon, lat } = centresOf(column(fromCube, 'cell', Int32Array), centres);
      const weight = column(fromCube, 'weight', Float64Array);
      const cube = new Map(Array.from(weight, (w, i) => [key(lon[i], lat[i]), w]));
      expect(cube.size).toBe(raw.size);
      for (const [cell, weight] of raw) expect(cube.get(cell), cell).toBeCloseTo(weight, 6);
      expect(rows(totalsFromCubeSql(filter))).toEqual(rows(filteredTotalsSql(filter)));
      expect(rows(pingsByHourFromCubeSql(filter))).toEqual(rows(pingsByHourSql(filter)));
      if (filter.weekdays.length > 0) expect(raw.size).toBeGreaterThan(100);
    });
  }

  it('has fewer rows than the pings, in slot order', () => {
    // The demo week spreads 1 M pings over ~590 k cell-slots; denser data folds further.
    const [{ cube, pings }] = rows(`SELECT (SELECT count(*) FROM ${PING_CUBE})::INTEGER AS cube, (SELECT count(*) FROM pings)::INTEGER AS pings`);
    expect(cube).toBeLessThan(pings as number);
    const [{ unordered }] = rows(`SELECT count(*)::INTEGER AS unordered FROM (SELECT hour::INTEGER * 8 + weekday AS slot, lag(hour::INTEGER * 8 + weekday) OVER (ORDER BY rowid) AS before FROM ${PING_CUBE}) WHERE slot < before`);
    expect(unordered).toBe(0);
  });
});

describe('the cube follows the pings', () => {
  /** Counts the statements that rebuild the cube. */
  function counting(): { db: SqlRunner; builds: () => number } {
    let builds = 0;
    const db: SqlRunner = {
      ...runner,
      query: (sql) => runner.query(sql),
      run: async (statements) => {
        if (statements.some((s) => s.includes(`TABLE ${PING_CUBE}`))) builds++;
        return runner.run(statements);
      },
    };
    return { db, builds: () => builds };
  }
  const total = () => Number(rows(totalsFromCubeSql({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] }))[0].pings);

  it('rebuilds after a replace and an append, and only then', async () => {
    await runner.run(['CREATE TABLE pings_backup AS SELECT * FROM pings']);
    const { db, builds } = counting();
    const cube = new PingCube(db, HEAT_CELL_DEG);
    await cube.ensure();
    expect(builds()).toBe(1);
    // Nothing changed: no rebuild, also when redraws ask at the same time.
    await Promise.all([cube.ensure(), cube.ensure(), cube.ensure()]);
    expect(builds()).toBe(1);
    // Replaced by an import (staging table renamed over it): fewer pings.
    await runner.run(['CREATE TABLE import_ready AS SELECT * FROM pings_backup WHERE hour < 12', 'DROP TABLE pings', 'ALTER TABLE import_ready RENAME TO pings']);
    const morning = Number(rows('SELECT count(*)::INTEGER AS n FROM pings')[0].n);
    await cube.ensure();
    expect(builds()).toBe(2);
    expect(total()).toBe(morning);
    // Appended to.
    await runner.run(['INSERT INTO pings SELECT * FROM pings_backup WHERE hour >= 12']);
    await cube.ensure();
    expect(builds()).toBe(3);
    expect(total()).toBe(Number(rows('SELECT count(*)::INTEGER AS n FROM pings_backup')[0].n));
    await runner.run(['DROP TABLE pings_backup']);
  });

  it('is dropped with the pings, and never listed among the user tables', async () => {
    const tables = () => rows(TABLE_COUNTS_SQL).map((r) => r.name);
    expect(tables()).not.toContain('ping_cube');
    expect(tables()).not.toContain('driver_slots');
    const cube = new PingCube(runner, HEAT_CELL_DEG);
    expect(await cube.ensure()).toBe(true);
    await runner.run(['DROP TABLE pings']);
    expect(await cube.ensure()).toBe(false);
    expect(rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'atlas_derived'`)[0].n).toBe(0);
  });
});
