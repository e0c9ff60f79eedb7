/**
 * Each of the app's three workers (planner, isochrone, Parquet) terminated mid-call from the page,
 * as a crash would end it: the call in flight fails with an error naming the worker, the UI says
 * so, and the same action run again works on a fresh worker. The page exposes the worker clients
 * as `window.__atlasWorkers` (web/src/workers/rpc.ts) for exactly this.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as parquet from 'parquet-wasm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { densityRevision, openApp, screenPointOf, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const OSM_XML = join(process.cwd(), 'test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz');
const PARQUET = join(process.cwd(), 'test/fixtures/import/pings_gcj02.parquet');

type WorkerName = 'planner' | 'isochrone' | 'parquet';
type PageWithWorkers = { __atlasWorkers: Record<WorkerName, { pending: number; generation: number; terminate(reason?: string): void }>; __terminated?: Promise<number> };

/**
 * Watches the named worker from inside the page and terminates it as soon as it has a call in
 * flight (polled every few milliseconds, so even a call of a few hundred ms is caught). Returns a
 * function that waits for the kill and gives the number of calls it cut short.
 */
async function terminateWhenBusy(page: Page, name: WorkerName): Promise<() => Promise<number>> {
  await page.evaluate((worker) => {
    const scope = window as unknown as PageWithWorkers;
    const deadline = Date.now() + 60_000;
    scope.__terminated = new Promise<number>((resolve, reject) => {
      const tick = () => {
        const client = scope.__atlasWorkers[worker];
        if (client.pending > 0) {
          const cut = client.pending;
          client.terminate();
          resolve(cut);
        } else if (Date.now() > deadline) reject(new Error(`no ${worker} call started within 60 s`));
        else setTimeout(tick, 0);
      };
      tick();
    });
  }, name);
  return () => page.evaluate(() => (window as unknown as PageWithWorkers).__terminated!);
}

const generation = (page: Page, name: WorkerName) => page.evaluate((worker) => (window as unknown as PageWithWorkers).__atlasWorkers[worker].generation, name);
const planRevision = async (page: Page) => Number(await page.getAttribute('[data-testid="planner-panel"]', 'data-revision'));

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('a worker terminated mid-call', () => {
  it('planner: the exact solve fails with "planner worker stopped", and the next plan solves on a new worker', async () => {
    const { page } = session;
    await page.locator('[data-testid="plan-k"]').fill('3');
    await page.locator('[data-testid="plan-solver"]').selectOption('exact');
    await page.locator('[data-testid="plan-time-limit"]').fill('600');
    await page.locator('[data-testid="plan-run"]').click();
    await page.locator('[data-testid="plan-progress"]').filter({ hasText: '正在求解' }).waitFor({ timeout: 60_000 });
    const terminated = await terminateWhenBusy(page, 'planner');
    expect(await terminated()).toBe(1);

    const error = page.locator('[data-testid="plan-error"]');
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain('planner worker stopped: terminated');
    await expect.poll(() => page.locator('[data-testid="plan-run"]').isEnabled(), { timeout: 10_000 }).toBe(true);

    // Run again (a short limit): a new worker solves it and the error is gone.
    const revision = await planRevision(page);
    await page.locator('[data-testid="plan-time-limit"]').fill('3');
    await page.locator('[data-testid="plan-run"]').click();
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) > r, revision, { timeout: 120_000 });
    expect(await page.locator('[data-testid="plan-error"]').count()).toBe(0);
    expect(await page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(3);
    expect(await generation(page, 'planner')).toBe(1);
    await page.locator('[data-testid="plan-solver"]').selectOption('greedy');
  });

  it('isochrone: a load and a reach cut short each say "isochrone worker stopped", and loading the network again works', async () => {
    const { page } = session;
    await page.locator('[data-testid="coverage-enabled"]').check();
    await page.locator('[data-testid="coverage-pings"]').waitFor({ timeout: 120_000 });
    const status = page.locator('[data-testid="network-status"]');

    // The load (parsing ~19 k nodes of OSM XML in the worker) is killed while it runs.
    let terminated = await terminateWhenBusy(page, 'isochrone');
    await page.locator('[data-testid="network-input"]').setInputFiles(OSM_XML);
    expect(await terminated()).toBe(1);
    await page.waitForFunction(() => document.querySelector('[data-testid="network-status"]')?.textContent?.includes('worker stopped'), null, { timeout: 10_000 });
    expect(await status.textContent()).toContain('shenzhen_nanshan_bbox.osm.xml.gz: isochrone worker stopped: terminated');

    // The same file again loads on a new worker; the demo stations' reach is computed on it.
    await page.locator('[data-testid="network-input"]').setInputFiles(OSM_XML);
    await page.waitForFunction(() => document.querySelector('[data-testid="network-status"]')?.textContent?.includes('18,996'), null, { timeout: 60_000 });
    const isochrone = page.locator('[data-testid="isochrone-status"]');
    await isochrone.waitFor({ timeout: 60_000 });

    // A station added on the network: its reach is killed in flight, and the panel says so.
    terminated = await terminateWhenBusy(page, 'isochrone');
    await page.locator('[data-testid="station-add"]').click();
    const point = await screenPointOf(page, 113.95, 22.54);
    await page.mouse.click(point.x, point.y);
    expect(await terminated()).toBe(1);
    expect(await generation(page, 'isochrone')).toBe(2);
    await page.waitForFunction(() => document.querySelector('[data-testid="network-status"]')?.textContent?.includes('worker stopped'), null, { timeout: 10_000 });
    expect(await status.textContent()).toContain('shenzhen_nanshan_bbox.osm.xml.gz: isochrone worker stopped: terminated');

    // Loading the network again: a new worker reaches the roads from the added station.
    await page.locator('[data-testid="network-input"]').setInputFiles(OSM_XML);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="isochrone-status"]')?.getAttribute('data-reached')) > 0, null, { timeout: 60_000 });
    expect(await isochrone.textContent()).toMatch(/^1 个站点接入路网/);
    expect(await status.textContent()).toContain('18,996');
    expect(await status.textContent()).not.toContain('worker stopped');
  });

  it('parquet: an import cut short between row groups says "parquet worker stopped", changes nothing, and the next Parquet import works', async () => {
    const { page } = session;
    // 2.4 M pings in row groups of 400 k: the import reads them batch by batch, one read always in flight.
    const n = 2_400_000;
    const hours = Array.from({ length: 24 }, (_, h) => `2026-11-17 ${String(h).padStart(2, '0')}:00:00`);
    const table = tableFromArrays({
      driver: Int32Array.from({ length: n }, (_, i) => i % 5000),
      time: Array.from({ length: n }, (_, i) => hours[i % 24]),
      lon: Float64Array.from({ length: n }, (_, i) => 113.2 + (i % 1000) / 5000),
      lat: Float64Array.from({ length: n }, (_, i) => 23.0 + (i % 997) / 5000),
    });
    const properties = new parquet.WriterPropertiesBuilder().setMaxRowGroupSize(400_000).build();
    const bytes = parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
    const pingsBefore = await page.textContent('[data-testid="filtered-pings"]');

    await page.locator('[data-testid="import-input"]').setInputFiles({ name: 'atlas-big-import.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-start"]').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-percent')) > 0, null, { timeout: 120_000, polling: 50 });
    const terminated = await terminateWhenBusy(page, 'parquet');
    expect(await terminated()).toBeGreaterThanOrEqual(1);

    // Whichever read it hit (the one in flight, or the next one on a handle the dead worker held).
    const error = page.locator('[data-testid="import-error"]', { hasText: 'atlas-big-import.parquet' });
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('atlas-big-import.parquet: parquet worker stopped: ');
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ state: 'detached' });
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe(pingsBefore);

    // Another Parquet file imports on a new worker.
    await page.locator('[data-testid="import-input"]').setInputFiles(PARQUET);
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ timeout: 60_000 });
    const revision = await densityRevision(page);
    await page.locator('[data-testid="import-start"]').click();
    await waitForDensity(page, revision + 1);
    expect(await page.textContent('[data-testid="import-report"]')).toContain('pings_gcj02.parquet：导入 12 行到 pings，拒绝 0 行');
    expect(await generation(page, 'parquet')).toBe(1);
  });

  it('made no request outside localhost', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});
