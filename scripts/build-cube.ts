/**
 * Past one machine: pre-aggregates raw pings (Parquet files or a partitioned folder, any size
 * native DuckDB can stream) into the cube the app loads as a heat grid:
 *   cell (the app's ~150 m heat cells) × hour × weekday → pings, drivers, weight.
 * Raw pings follow the app's convention: WGS-84 lon/lat, local wall-clock `ts` (UTC+8, no zone).
 *   npx tsx scripts/build-cube.ts --pings 'pings/**\/*.parquet' --out cube.parquet
 * Distinct drivers are per cell × hour × weekday; summing them over hours counts a driver once per
 * hour, which is why the app treats cube rows as weights, not drivers.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { resolve } from 'node:path';
import { HEAT_CELL_DEG } from '../web/src/density/densityQueries';

export interface CubeOptions {
  pings: string;
  out: string;
  cellDeg?: number;
}

export function cubeSql({ pings, out, cellDeg = HEAT_CELL_DEG }: CubeOptions): string {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const d = `${cellDeg}::DOUBLE`;
  return `COPY (
    SELECT ((floor(lon / ${d}) + 0.5) * ${d})::DOUBLE AS lon, ((floor(lat / ${d}) + 0.5) * ${d})::DOUBLE AS lat,
      hour(ts)::TINYINT AS hour, isodow(ts)::TINYINT AS weekday,
      count(*)::INTEGER AS pings, count(DISTINCT driver_id)::INTEGER AS drivers, sum(coalesce(weight, 1))::DOUBLE AS weight
    FROM read_parquet(${quote(pings)}, hive_partitioning = true, union_by_name = true)
    GROUP BY ALL ORDER BY hour, weekday, lon, lat
  ) TO ${quote(out)} (FORMAT parquet, COMPRESSION zstd)`;
}

export async function buildCube(options: CubeOptions): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(cubeSql(options));
  const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${options.out.replace(/'/g, "''")}')`);
  const rows = Number((count.getRowObjects()[0] as { n: number }).n);
  conn.closeSync();
  return { rows, ms: performance.now() - started };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const pings = arg('pings');
  const out = arg('out');
  if (!pings || !out) {
    console.error('usage: npx tsx scripts/build-cube.ts --pings <file, glob or folder/**/*.parquet> --out <cube.parquet> [--cell-deg 0.0015]');
    process.exit(2);
  }
  buildCube({ pings, out, cellDeg: arg('cell-deg') ? Number(arg('cell-deg')) : undefined })
    .then(({ rows, ms }) => console.log(`${rows.toLocaleString('en')} cube rows → ${out} in ${(ms / 1000).toFixed(1)} s`))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
