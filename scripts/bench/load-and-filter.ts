/**
 * Measures, in headless Chromium through the real app: page load to the first drawn heat layer,
 * the demo ingest (fetch, Parquet decode, DuckDB insert), and the time-filter re-aggregation as
 * the app reports it. Medians of several runs go to BENCHMARKS.md and benchmarks/*.json.
 *   npm run bench:load [-- --runs 5]
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { densityRevision, launchChromium, openRecordedPage, waitForDensity } from '../../test/e2e/browser';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  await build({ configFile: 'vite.config.ts', configLoader: 'bundle', logLevel: 'warn' });
  const server = await preview({ configFile: 'vite.config.ts', configLoader: 'bundle', preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}/`;
  const browser = await launchChromium();
  const samples: Record<string, number[]> = { firstHeatMs: [], fetchMs: [], decodeMs: [], insertMs: [], heatAggregateMs: [], hexAggregateMs: [] };
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
    await context.close();
  }
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));

  const result = {
    date: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) },
    browser: 'Debian Chromium, headless, SwiftShader (software WebGL)',
    runs,
    rows,
    medians: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))])),
    samples,
  };
  mkdirSync('benchmarks', { recursive: true });
  writeFileSync(join('benchmarks', 'load-and-filter.json'), JSON.stringify(result, null, 2) + '\n');
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
    '',
  ].join('\n');
  const path = 'BENCHMARKS.md';
  const header = '# Benchmarks\n\nFigures are medians measured on the machine named under each table; rerun the command to refresh a section.\n\n';
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const marker = '## Load and time filter';
  const start = existing.indexOf(marker);
  const next = start >= 0 ? existing.indexOf('\n## ', start + marker.length) : -1;
  const updated = start < 0 ? existing + table : existing.slice(0, start) + table + (next >= 0 ? existing.slice(next + 1) : '');
  writeFileSync(path, updated);
  console.log(table);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
