/**
 * Measures, in headless Chromium through the real app: page load to the first drawn heat layer,
 * the demo ingest (fetch, Parquet decode, DuckDB insert), the time-filter re-aggregation as
 * the app reports it, and a 100 k-row SQL result from Ctrl+Enter to the rendered grid. Medians of several runs go to BENCHMARKS.md and benchmarks/*.json.
 *   npm run bench:load [-- --runs 5]
 */
import { machine, median, writeBenchmark } from './report';
import { build, preview } from 'vite';
import { densityRevision, launchChromium, openRecordedPage, waitForDensity } from '../../test/e2e/browser';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

async function main() {
  await build({ configFile: 'vite.config.ts', configLoader: 'bundle', logLevel: 'warn' });
  const server = await preview({ configFile: 'vite.config.ts', configLoader: 'bundle', preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}/`;
  const browser = await launchChromium();
  const samples: Record<string, number[]> = { firstHeatMs: [], fetchMs: [], decodeMs: [], insertMs: [], heatAggregateMs: [], hexAggregateMs: [], sql100kMs: [], sql100kQueryMs: [] };
  let rows = 0;
  for (let run = 0; run < runs; run++) {
    const { page, context } = await openRecordedPage(browser);
    const started = Date.now();
    await page.goto(url);
    await waitForDensity(page, 1);
    samples.firstHeatMs.push(Date.now() - started);
    const timings = (await page.evaluate(() => (window as unknown as { __atlasTimings: Record<string, number> }).__atlasTimings)) as Record<string, number>;
    for (const key of ['fetchMs', 'decodeMs', 'insertMs']) samples[key].push(timings[key]);
    rows = timings.rows;
    // Scrub the hour window: each step is one filtered re-aggregation in DuckDB.
    for (const [mode, key] of [['heatmap', 'heatAggregateMs'], ['hexagons', 'hexAggregateMs']] as const) {
      if (mode === 'hexagons') {
        const revision = await densityRevision(page);
        await page.locator('[data-testid="mode-hexagons"]').check({ force: true });
        await waitForDensity(page, revision + 1);
      }
      for (const hour of [6, 9, 12, 15]) {
        const revision = await densityRevision(page);
        await page.locator('[data-testid="hour-from"]').fill(String(hour));
        await waitForDensity(page, revision + 1);
        samples[key].push(Number(await page.textContent('[data-testid="aggregate-ms"]')));
      }
    }
    // The analyst's console: a 100 k-row result, run and rendered (virtualised grid).
    const editor = page.locator('[data-testid="sql-editor"]');
    await editor.fill('SELECT * FROM pings LIMIT 100000');
    const sqlStarted = Date.now();
    await editor.press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="sql-grid"]')?.getAttribute('data-rows') === '100000', null, { timeout: 60_000 });
    samples.sql100kMs.push(Date.now() - sqlStarted);
    samples.sql100kQueryMs.push(Number(await page.getAttribute('[data-testid="sql-summary"]', 'data-ms')));
    await context.close();
  }
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    browser: 'Debian Chromium, headless, SwiftShader (software WebGL)',
    runs,
    rows,
    medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))])),
    samples,
  };
  const table = [
    `## Load and time filter (\`npm run bench:load\`)`,
    '',
    `${result.date.slice(0, 10)} · ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGiB} GiB · ${result.browser} · ${rows.toLocaleString('en')} demo pings · median of ${runs} runs (filter steps: ${runs * 4} each)`,
    '',
    '| step | median ms |',
    '| --- | ---: |',
    `| page load → first heat layer drawn | ${result.medians.firstHeatMs} |`,
    `| demo Parquet fetch | ${result.medians.fetchMs} |`,
    `| Parquet → Arrow decode (parquet-wasm, worker) | ${result.medians.decodeMs} |`,
    `| Arrow → DuckDB table \`pings\` (with hour/weekday) | ${result.medians.insertMs} |`,
    `| hour-filter re-aggregation, heat cells | ${result.medians.heatAggregateMs} |`,
    `| hour-filter re-aggregation, 500 m hexagons with distinct drivers | ${result.medians.hexAggregateMs} |`,
    `| SQL: \`SELECT * FROM pings LIMIT 100000\`, Ctrl+Enter → grid rendered | ${result.medians.sql100kMs} |`,
    `| … of which the query in the DuckDB worker (to Arrow) | ${result.medians.sql100kQueryMs} |`,
    '',
  ].join('\n');
  writeBenchmark('load-and-filter.json', result, '## Load and time filter', table);
  console.log(table);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
