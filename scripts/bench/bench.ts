/**
 * The whole benchmark, side by side: 1 M / 5 M / 10 M-ping Parquet and CSV files imported through
 * the real app in headless Chromium (file input → mapping dialog → import report), the hour-filter
 * re-aggregation and redraw on them, coverage with 200 stations, the planner (greedy and exact)
 * and network isochrones through their panels, and the same import and aggregate SQL on native
 * DuckDB on the same files in the same run, for ratios. Peak memory of the tab from /proc.
 *   npm run bench [-- --sizes 1,5,10 --runs 3]     (sizes in millions of pings)
 *   npm run bench -- --smoke                         (tiny files, one run: checks the harness)
 *   npm run bench -- --sizes 22 --runs 1 --no-write  (a ~1 GB CSV, printed only; add --no-panels)
 */
import { openAsBlob, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { build, preview } from 'vite';
import type { Page } from 'playwright-core';
import { densityRevision, launchChromium, openRecordedPage, screenPointOf, waitForDensity } from '../../test/e2e/browser';
import { HEAT_CELL_DEG, hexCellsSql } from '../../web/src/density/densityQueries';
import { heatCellsFromCubeSql, PingCube, totalsFromCubeSql } from '../../web/src/density/pingCube';
import { ALL_WEEKDAYS } from '../../web/src/density/densityFilter';
import { planFromGuess } from '../../web/src/ingest/importPlan';
import { prepareImport } from '../../web/src/ingest/prepareImport';
import { previewSourceTable } from '../../web/src/ingest/prepareTableImport';
import { runImport, TABLE_INPUT } from '../../web/src/ingest/runImport';
import { openNativeSqlRunner } from '../lib/nativeDuckDb';
import { ensureBenchData, fileMB, writeBenchStations, type BenchFiles } from './benchData';
import { startMemorySampler } from './memorySampler';
import { machine, median, writeBenchmark } from './report';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const smoke = process.argv.includes('--smoke');
/** Measure without touching BENCHMARKS.md (e.g. a one-off 1 GB file). */
const noWrite = smoke || process.argv.includes('--no-write');
const sizes = smoke ? [20_000] : (arg('sizes') ?? '1,5,10').split(',').map((m) => Math.round(Number(m) * 1_000_000));
const runs = smoke ? 1 : Number(arg('runs') ?? 3);
/** Bigger files take longer; they get fewer runs so the whole bench stays under 20 minutes. */
const runsFor = (rows: number) => (rows <= 1_000_000 ? runs : rows <= 5_000_000 ? Math.min(runs, 2) : 1);
const FILTER_HOURS = [6, 9, 12, 15];
const HEX_SIZE_M = 500;
const NANSHAN = 'test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz';

type Samples = Record<string, number[]>;
const push = (samples: Samples, key: string, value: number) => (samples[key] ??= []).push(value);
const since = (t: number) => performance.now() - t;

/** Records the page's long main-thread tasks, to show whether an import ever froze the page. */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
}
const longestTask = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    const longest = Math.max(0, ...w.__longTasks);
    w.__longTasks = [];
    return longest;
  });

async function importThroughApp(page: Page, path: string, expectedRows?: number): Promise<number> {
  const reports = await page.locator('[data-testid="import-report"]').count();
  const started = performance.now();
  await page.locator('[data-testid="import-input"]').setInputFiles(path);
  const start = page.locator('[data-testid="import-start"]');
  await start.waitFor({ timeout: 600_000 });
  await start.click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="import-report"]').length > n, reports, { timeout: 1_200_000, polling: 100 });
  const ms = since(started);
  const text = (await page.locator('[data-testid="import-report"]').first().textContent()) ?? '';
  if (expectedRows !== undefined && !text.replace(/[,，]/g, '').includes(String(expectedRows))) throw new Error(`${path}: unexpected report "${text}"`);
  return ms;
}

const autosaveRevision = (page: Page) => page.getAttribute('[data-testid="autosave-status"]', 'data-revision').then(Number);

/**
 * Lets the app finish what follows a change (redraw, then the autosave that stores it) so timings
 * do not overlap: waits for a snapshot newer than `savedBefore`, the revision before the change.
 */
async function settle(page: Page, savedBefore: number) {
  await page.waitForFunction(
    (before) => {
      const status = document.querySelector('[data-testid="autosave-status"]');
      return status?.getAttribute('data-phase') === 'saved' && Number(status.getAttribute('data-revision')) > before;
    },
    savedBefore,
    { timeout: 600_000, polling: 250 },
  );
  await page.waitForTimeout(500);
}

async function scrubHours(page: Page, samples: Samples, prefix: string) {
  for (const [mode, key] of [['heatmap', 'heat'], ['hexagons', 'hex']] as const) {
    if (mode === 'hexagons') {
      const revision = await densityRevision(page);
      await page.locator('[data-testid="mode-hexagons"]').check({ force: true });
      await waitForDensity(page, revision + 1, 600_000);
    } else {
      const heat = page.locator('[data-testid="mode-heatmap"]');
      if (!(await heat.isChecked())) {
        const revision = await densityRevision(page);
        await heat.check({ force: true });
        await waitForDensity(page, revision + 1, 600_000);
      }
    }
    for (const hour of FILTER_HOURS) {
      const revision = await densityRevision(page);
      const started = performance.now();
      await page.locator('[data-testid="hour-from"]').fill(String(hour));
      await waitForDensity(page, revision + 1, 600_000);
      push(samples, `${prefix}${key}RedrawMs`, since(started));
      push(samples, `${prefix}${key}AggregateMs`, Number(await page.textContent('[data-testid="aggregate-ms"]')));
    }
  }
  await page.locator('[data-testid="hour-from"]').fill('0');
}

async function browserRuns(url: string, files: BenchFiles[], stationsCsv: string, samples: Samples, memory: Record<string, number>) {
  const browser = await launchChromium();
  const sampler = startMemorySampler();
  try {
    for (const file of files) {
      const n = file.rows;
      for (let run = 0; run < runsFor(n); run++) {
        const { page, context, consoleErrors } = await openRecordedPage(browser);
        await watchLongTasks(page);
        await page.goto(url);
        await waitForDensity(page, 1, 300_000);
        // The first autosave (the demo's million pings, encoded in the Parquet worker) follows the
        // first draw, and each import is followed by its own: an import started under one would
        // queue behind it. Both imports start with the app idle.
        await settle(page, 0);
        sampler.reset();
        await longestTask(page);
        let saved = await autosaveRevision(page);
        push(samples, `parquet${n}Ms`, await importThroughApp(page, resolve(file.parquet), n));
        push(samples, `parquet${n}LongestTaskMs`, await longestTask(page));
        await settle(page, saved);
        await longestTask(page);
        const drawnBefore = await densityRevision(page);
        saved = await autosaveRevision(page);
        push(samples, `csv${n}Ms`, await importThroughApp(page, resolve(file.csv), n));
        push(samples, `csv${n}LongestTaskMs`, await longestTask(page));
        // The first draw after an import waits for the pings cube to be rebuilt.
        await waitForDensity(page, drawnBefore + 1, 600_000);
        push(samples, `cube${n}Ms`, Number(await page.getAttribute('[data-testid="aggregate-ms"]', 'data-cube-build-ms')));
        await settle(page, saved);
        memory[`peakRenderer${n}MiB`] = Math.max(memory[`peakRenderer${n}MiB`] ?? 0, sampler.peak().renderersMiB);
        memory[`peakChromium${n}MiB`] = Math.max(memory[`peakChromium${n}MiB`] ?? 0, sampler.peak().totalMiB);
        await scrubHours(page, samples, `b${n}`);
        if (run === 0 && file === files[0] && !process.argv.includes('--no-panels')) await panelsOnce(page, stationsCsv, samples);
        if (consoleErrors.length) console.warn(`console errors at ${n} rows: ${consoleErrors.slice(0, 3).join(' | ')}`);
        await context.close();
      }
    }
  } finally {
    sampler.stop();
    await browser.close();
  }
}

/** Coverage with 200 stations, the planner and network isochrones, on the first file's pings. */
async function panelsOnce(page: Page, stationsCsv: string, samples: Samples) {
  const saved = await autosaveRevision(page);
  await importThroughApp(page, resolve(stationsCsv), 200);
  await settle(page, saved);
  const coverageRevision = () => page.getAttribute('[data-testid="status-bar"]', 'data-coverage-revision').then(Number);
  let started = performance.now();
  await page.locator('[data-testid="coverage-enabled"]').check();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="status-bar"]')?.getAttribute('data-coverage-revision')) >= 1, null, { timeout: 600_000, polling: 50 });
  push(samples, 'coverage200Ms', since(started));
  // The planner: greedy, then exact with a 30 s limit.
  const plannerRevision = () => page.getAttribute('[data-testid="planner-panel"]', 'data-revision').then(Number);
  await page.locator('[data-testid="plan-k"]').fill('10');
  for (const solver of ['greedy', 'exact'] as const) {
    await page.locator('[data-testid="plan-solver"]').selectOption(solver);
    if (solver === 'exact') await page.locator('[data-testid="plan-time-limit"]').fill('30');
    const before = await plannerRevision();
    started = performance.now();
    await page.locator('[data-testid="plan-run"]').click();
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) > r, before, { timeout: 600_000, polling: 50 });
    push(samples, `plan${solver}Ms`, since(started));
  }
  // Network isochrones: the Nanshan OSM extract, then one station added on it.
  started = performance.now();
  await page.locator('[data-testid="network-input"]').setInputFiles(resolve(NANSHAN));
  await page.locator('[data-testid="network-status"]').waitFor({ timeout: 600_000 });
  push(samples, 'networkLoadMs', since(started));
  const before = await coverageRevision();
  await page.locator('[data-testid="station-add"]').click();
  const point = await screenPointOf(page, 113.95, 22.54);
  started = performance.now();
  await page.mouse.click(point.x, point.y);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="isochrone-status"]')?.getAttribute('data-reached')) > 0, null, { timeout: 600_000, polling: 50 });
  push(samples, 'isochroneMs', since(started));
  await page.waitForFunction((r) => Number(document.querySelector('[data-testid="status-bar"]')?.getAttribute('data-coverage-revision')) > r, before, { timeout: 600_000, polling: 50 });
  push(samples, 'coverageWithNetworkMs', since(started));
}

/** The same import and aggregate SQL on native DuckDB, on the same files. */
async function nativeRuns(files: BenchFiles[], samples: Samples) {
  for (const file of files) {
    const n = file.rows;
    for (let run = 0; run < runsFor(n); run++) {
      const db = await openNativeSqlRunner('benchmarks/data/native-scratch');
      try {
        // Parquet: DuckDB's own reader fills import_source, then the app's import SQL.
        let started = performance.now();
        await db.run([`CREATE TABLE import_source AS SELECT * FROM read_parquet('${resolve(file.parquet)}')`]);
        const parquetPlan = planFromGuess(await previewSourceTable(db, 'bench.parquet', 0));
        const parquetReport = await runImport(db, parquetPlan, TABLE_INPUT, { salt: 'bench' });
        if (parquetReport.accepted !== n) throw new Error(`native import of ${file.parquet}: ${parquetReport.accepted} rows, expected ${n}`);
        push(samples, `native parquet${n}Ms`, since(started));
        // CSV: the app's slices and SQL, read from disk.
        const blob = await openAsBlob(file.csv);
        const headBytes = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
        const prepared = prepareImport('bench.csv', headBytes, blob.size);
        started = performance.now();
        const report = await runImport(db, planFromGuess(prepared), { format: 'csv', file: blob, encoding: prepared.encoding }, { salt: 'bench' });
        push(samples, `native csv${n}Ms`, since(started));
        if (report.accepted !== n) throw new Error(`native import of ${file.csv}: ${report.accepted} rows, expected ${n}`);
        // The app reads heat cells and totals through the pings cube: build it the same way.
        started = performance.now();
        await new PingCube(db, HEAT_CELL_DEG).ensure();
        push(samples, `native cube${n}Ms`, since(started));
        for (const hour of FILTER_HOURS) {
          const filter = { hourFrom: hour, hourTo: 23, weekdays: ALL_WEEKDAYS };
          // As the app's redraw: cells and totals, one after the other on one connection.
          const heat = [heatCellsFromCubeSql(filter), totalsFromCubeSql(filter)];
          const hex = [hexCellsSql(filter, HEX_SIZE_M), totalsFromCubeSql(filter)];
          for (const [key, statements] of [['heat', heat], ['hex', hex]] as const) {
            started = performance.now();
            for (const sql of statements) await db.query(sql);
            push(samples, `native b${n}${key}AggregateMs`, since(started));
          }
        }
      } finally {
        db.close();
      }
    }
  }
  rmSync('benchmarks/data/native-scratch', { recursive: true, force: true });
}

function report(files: BenchFiles[], samples: Samples, memory: Record<string, number>, totalS: number) {
  const m = (key: string) => (samples[key]?.length ? Math.round(median(samples[key])) : NaN);
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(1) + '×' : '—');
  const rate = (rows: number, ms: number) => (Number.isFinite(ms) ? Math.round(rows / (ms / 1000)).toLocaleString('en') : '—');
  const rows: string[] = [];
  for (const f of files) {
    const n = f.rows;
    const label = `${(n / 1e6).toLocaleString('en')} M`;
    rows.push(
      `| ${label} | Parquet import (${fileMB(f.parquet).toFixed(0)} MB) | ${m(`parquet${n}Ms`)} | ${m(`native parquet${n}Ms`)} | ${ratio(m(`parquet${n}Ms`), m(`native parquet${n}Ms`))} | ${rate(n, m(`parquet${n}Ms`))} rows/s |`,
      `| ${label} | CSV import (${fileMB(f.csv).toFixed(0)} MB) | ${m(`csv${n}Ms`)} | ${m(`native csv${n}Ms`)} | ${ratio(m(`csv${n}Ms`), m(`native csv${n}Ms`))} | ${rate(n, m(`csv${n}Ms`))} rows/s |`,
      `| ${label} | pings cube (cell × hour × weekday) rebuilt after the import, before the first draw (as the page saw it: includes main-thread stalls, see below) | ${m(`cube${n}Ms`)} | ${m(`native cube${n}Ms`)} | ${ratio(m(`cube${n}Ms`), m(`native cube${n}Ms`))} | |`,
      `| ${label} | hour filter → heat cells aggregate | ${m(`b${n}heatAggregateMs`)} | ${m(`native b${n}heatAggregateMs`)} | ${ratio(m(`b${n}heatAggregateMs`), m(`native b${n}heatAggregateMs`))} | redraw ${m(`b${n}heatRedrawMs`)} ms |`,
      `| ${label} | hour filter → 500 m hexagons (distinct drivers) | ${m(`b${n}hexAggregateMs`)} | ${m(`native b${n}hexAggregateMs`)} | ${ratio(m(`b${n}hexAggregateMs`), m(`native b${n}hexAggregateMs`))} | redraw ${m(`b${n}hexRedrawMs`)} ms |`,
      `| ${label} | longest main-thread task during the Parquet / CSV import (see below) | ${m(`parquet${n}LongestTaskMs`)} / ${m(`csv${n}LongestTaskMs`)} | | | |`,
      `| ${label} | peak memory: tab (renderers) / all Chromium | ${memory[`peakRenderer${n}MiB`] ?? '—'} MiB / ${memory[`peakChromium${n}MiB`] ?? '—'} MiB | | | |`,
    );
  }
  const first = files[0].rows;
  const panels = [
    `| coverage of ${(first / 1e6).toLocaleString('en')} M pings by 200 stations (e-bike 15 min), toggle → panel | ${m('coverage200Ms')} |`,
    `| planner, greedy, k = 10, click → ranked sites | ${m('plangreedyMs')} |`,
    `| planner, exact (HiGHS, 30 s limit), k = 10 | ${m('planexactMs')} |`,
    `| Nanshan OSM road network (18,996 nodes) load → graph ready | ${m('networkLoadMs')} |`,
    `| one station's network isochrone, click → reached nodes | ${m('isochroneMs')} |`,
    `| coverage recomputed with the network | ${m('coverageWithNetworkMs')} |`,
  ];
  const result = { date: new Date().toISOString(), machine: machine(), browser: 'Debian Chromium, headless, SwiftShader (software WebGL)', runs, sizes, totalS, memory, medians: Object.fromEntries(Object.keys(samples).map((k) => [k, m(k)])), samples };
  const table = [
    '## Side by side (`npm run bench`)',
    '',
    `${result.date.slice(0, 10)} · ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGiB} GiB · ${result.browser} · native: @duckdb/node-api on the same files · runs: ${files.map((f) => `${f.rows / 1e6} M × ${runsFor(f.rows)}`).join(', ')} (filter steps: ${FILTER_HOURS.length} per run) · whole bench ${Math.round(totalS)} s`,
    '',
    'Imports go through the app: file input → mapping dialog → "start" → report (all checks, CRS, hashed driver ids, swap), each started with the app idle (the snapshot of the previous change stored). Native runs the same import SQL and the same aggregate SQL (cells, then the totals for the status bar, as a redraw does). The heat aggregate reads the pings cube, which the first draw after an import rebuilds.',
    '',
    'The long main-thread tasks are not the import: a Chrome trace of a 1 M CSV import shows each one as `GLES2::ReadPixels` in the compositor commit, waiting for SwiftShader (software WebGL, as on this GPU-less machine) to finish a frame of the map. The import runs in the DuckDB and Parquet workers. The cube rebuild is timed in the app from the start to the end of its statements, so a stall like that lands in it too; the native column is the rebuild alone.',
    '',
    '| pings | step | app in Chromium, median ms | native DuckDB, median ms | ratio | |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    '| through the panels (first size) | median ms |',
    '| --- | ---: |',
    ...panels,
    '',
  ].join('\n');
  if (!noWrite) writeBenchmark('bench.json', result, '## Side by side', table);
  console.log(table);
}

async function main() {
  const started = performance.now();
  const files = sizes.map((rows) => ensureBenchData(rows));
  for (const f of files) if (f.generatedS) console.log(`generated ${f.rows.toLocaleString('en')} pings in ${f.generatedS.toFixed(1)} s`);
  const stationsCsv = writeBenchStations();
  await build({ configFile: 'vite.config.ts', configLoader: 'bundle', logLevel: 'warn' });
  const server = await preview({ configFile: 'vite.config.ts', configLoader: 'bundle', preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const samples: Samples = {};
  const memory: Record<string, number> = {};
  try {
    await nativeRuns(files, samples);
    console.log('native done');
    await browserRuns(`http://127.0.0.1:${address.port}/`, files, stationsCsv, samples, memory);
  } finally {
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
  report(files, samples, memory, since(started) / 1000);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
