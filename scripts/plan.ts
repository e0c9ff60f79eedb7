/**
 * Enrolment-drive plans from the command line, on the same code as the app (DuckDB-WASM, the
 * same SQL, the same solvers), so plans can be batch-run and compared:
 *
 *   npm run plan -- --k 8 --minutes 15 --mode ebike --hours 7-10 --weekdays 1-5 \
 *     [--pings pings.parquet|pings.csv | --heat grid.csv] [--stations stations.csv] [--venues venues.csv] \
 *     [--out plan.json] [--csv plan.csv] [--xlsx plan.xlsx] [--geojson plan.geojson] [--lang zh-CN|en]
 *
 * Without --pings, the shipped demo week; without --stations, the shipped demo stations. CSV
 * inputs go through the app's importer (encodings, Chinese headers, GCJ-02/BD-09 all handled).
 * Venues need columns id, name, lon, lat in WGS-84. The app's planner panel shows the exact
 * command for its current plan.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as parquet from 'parquet-wasm';
import { pingsFromStagingSql, registeredFileName, stationsFromCsvSql, chargingStationsFromCsvSql } from '../web/src/db/schema';
import { SHIPPED_FILES } from '../web/src/db/loadShippedData';
import { planFromGuess } from '../web/src/ingest/importPlan';
import { isParquet, prepareImport } from '../web/src/ingest/prepareImport';
import { prepareTableImport } from '../web/src/ingest/prepareTableImport';
import { runImport, csvBytesInput, TABLE_INPUT } from '../web/src/ingest/runImport';
import type { SqlRunner } from '../web/src/db/sqlRunner';
import type { Locale } from '../web/src/i18n/messages';
import { planSettingsFromArgs } from '../web/src/planner/planArgs';
import { planToCsv, planToGeoJson, planToXlsx } from '../web/src/planner/planExport';
import { runPlan } from '../web/src/planner/runPlan';
import { openWasmSqlRunner } from './lib/wasmDuckDbNode';
import { nodePlanEnvironment, shippedDistricts } from './lib/nodePlanEnvironment';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Driver ids are hashed on import as in the app; a fixed salt keeps CLI runs comparable. */
const CLI_SALT = 'outreach-atlas-cli';

async function importFile(runner: SqlRunner, path: string, expectKind: 'pings' | 'heat' | 'stations'): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  const name = path.split('/').pop() ?? path;
  const prepared = isParquet(bytes.subarray(0, 4)) ? await prepareTableImport(runner, name, parquet.readParquet(bytes).intoIPCStream(), bytes.length) : prepareImport(name, bytes);
  const plan = { ...planFromGuess(prepared), kind: expectKind, hashDriverIds: expectKind === 'pings' };
  const report = await runImport(runner, plan, prepared.format === 'csv' ? csvBytesInput(bytes, prepared.encoding) : TABLE_INPUT, { salt: CLI_SALT });
  console.error(`${name}: ${report.accepted} rows loaded into ${report.table}${report.rejected ? `, ${report.rejected} rejected` : ''}`);
}

export async function planFromCommandLine(argv: string[]): Promise<void> {
  const { settings, rest } = planSettingsFromArgs(argv);
  const { runner } = await openWasmSqlRunner();
  const shipped = (path: string) => join(ROOT, path);
  // Demand: the shipped demo week as the app loads it, or the user's file through the importer.
  if (rest.heat) {
    await importFile(runner, rest.heat, 'heat');
    settings.source = 'heat_grid';
  } else if (rest.pings) await importFile(runner, rest.pings, 'pings');
  else {
    await runner.insertArrowIpc('pings_staging', parquet.readParquet(new Uint8Array(readFileSync(shipped(SHIPPED_FILES.demoPings)))).intoIPCStream());
    await runner.run(pingsFromStagingSql('pings_staging'));
  }
  await runner.registerFile(registeredFileName('charging.csv'), new Uint8Array(readFileSync(shipped(SHIPPED_FILES.chargingStations))));
  await runner.run([chargingStationsFromCsvSql(registeredFileName('charging.csv'))]);
  if (rest.stations) await importFile(runner, rest.stations, 'stations');
  else {
    await runner.registerFile(registeredFileName('stations.csv'), new Uint8Array(readFileSync(shipped(SHIPPED_FILES.demoStations))));
    await runner.run([stationsFromCsvSql(registeredFileName('stations.csv'))]);
  }
  if (rest.venues) {
    await runner.registerFile(registeredFileName('venues.csv'), new Uint8Array(readFileSync(rest.venues)));
    await runner.run([`CREATE TABLE venues AS SELECT id::VARCHAR AS id, name::VARCHAR AS name, lon::DOUBLE AS lon, lat::DOUBLE AS lat FROM read_csv('${registeredFileName('venues.csv')}', header = true)`]);
  }
  const env = nodePlanEnvironment(runner, shippedDistricts(ROOT));
  const plan = await runPlan(env, settings, (phase, progress) => {
    if (!progress) console.error(`… ${phase}`);
  });
  const locale: Locale = rest.lang === 'en' ? 'en' : 'zh-CN';
  const json = JSON.stringify(plan, null, 2);
  if (rest.out) writeFileSync(rest.out, json);
  if (rest.csv) writeFileSync(rest.csv, planToCsv(plan, locale));
  if (rest.xlsx) writeFileSync(rest.xlsx, planToXlsx(plan, locale));
  if (rest.geojson) writeFileSync(rest.geojson, planToGeoJson(plan));
  if (!rest.out && !rest.csv && !rest.xlsx && !rest.geojson) process.stdout.write(planToCsv(plan, locale));
  const s = plan.solver;
  console.error(
    `${plan.sites.length} sites reach ${plan.reached.drivers} of ${plan.demand.drivers} drivers; greedy ${s.greedyMs} ms` +
      (s.exactStatus ? `, exact ${s.exactStatus} in ${s.exactMs} ms (greedy gap ${s.greedyGapPct?.toFixed(2)} %)` : ''),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  planFromCommandLine(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
