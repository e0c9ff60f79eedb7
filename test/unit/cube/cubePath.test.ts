/**
 * The cube path and the raw path give the same per-cell totals on the demo data: pings
 * pre-aggregated by native DuckDB (scripts/build-cube.ts) and imported as a heat grid draw the
 * same heat cells, for any hour/weekday filter, as the raw pings do.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { buildCube } from '../../../scripts/build-cube';
import { heatCellsSql } from '../../../web/src/density/densityQueries';
import type { DensityFilter } from '../../../web/src/density/densityFilter';
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { prepareTableImport } from '../../../web/src/ingest/prepareTableImport';
import { runImport, TABLE_INPUT } from '../../../web/src/ingest/runImport';
import { openWasmSqlRunner } from '../wasmDuckDb';

let conn: DuckDBConnection;
let cubeRows = 0;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'atlas-cube-')), 'cube.parquet');
  cubeRows = (await buildCube({ pings: 'data/demo/pings_week_demo_synthetic.parquet', out })).rows;
  const { runner, conn: c } = await openWasmSqlRunner();
  conn = c;
  // Raw path: the demo pings as the app loads them.
  const raw = parquet.readParquet(new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'))).intoIPCStream();
  conn.insertArrowFromIPCStream(raw, { name: 'pings_staging', create: true });
  for (const sql of pingsFromStagingSql('pings_staging')) conn.query(sql);
  // Cube path: through the app's own importer, as a user would drop the file.
  const bytes = new Uint8Array(readFileSync(out));
  const prepared = await prepareTableImport(runner, 'cube.parquet', parquet.readParquet(bytes).intoIPCStream(), bytes.length);
  expect(prepared.guess.kind).toBe('heat');
  const plan = { ...planFromGuess(prepared), roles: { ...prepared.guess.roles, weight: prepared.preview.header.indexOf('pings') } };
  const report = await runImport(runner, plan, TABLE_INPUT, { salt: 's' });
  expect(report).toMatchObject({ table: 'heat_grid', rejected: 0, accepted: cubeRows });
}, 180_000);

const filters: [string, DensityFilter][] = [
  ['the whole week', { hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] }],
  ['weekday mornings', { hourFrom: 8, hourTo: 10, weekdays: [1, 2, 3, 4, 5] }],
  ['weekend nights (wrapping midnight)', { hourFrom: 22, hourTo: 4, weekdays: [6, 7] }],
];

describe('cube path = raw path', () => {
  it('the cube is much smaller than the pings', () => {
    expect(cubeRows).toBeGreaterThan(1000);
    expect(cubeRows).toBeLessThan(1_026_646);
  });

  for (const [name, filter] of filters) {
    it(`per-cell totals agree for ${name}`, () => {
      const cells = (source: 'pings' | 'heat_grid') =>
        new Map(
          conn
            .query(`SELECT round(lon, 6) AS lon, round(lat, 6) AS lat, weight FROM (${heatCellsSql(filter, undefined, source)})`)
            .toArray()
            .map((r) => [`${r.lon},${r.lat}`, r.weight as number]),
        );
      const raw = cells('pings');
      const cube = cells('heat_grid');
      expect(cube.size).toBe(raw.size);
      let total = 0;
      for (const [cell, weight] of raw) {
        expect(cube.get(cell), cell).toBe(weight);
        total += weight;
      }
      expect(total).toBeGreaterThan(0);
    });
  }
});
