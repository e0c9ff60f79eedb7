/**
 * Coverage in Chromium on the demo data: the shares shown equal an independent brute-force
 * computation in Node (every ping against every station), and a hypothetical station placed in a
 * gap raises coverage by exactly what the same computation predicts; discarding restores it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as parquet from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import { toLocalMetres } from '../../web/src/density/localProjection';
import { defaultReach, reachRadiusM } from '../../web/src/coverage/travelModes';
import { openApp, OUTPUT_DIR, screenPointOf, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');

// The demo data, read independently of the app.
const pings = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'))).intoIPCStream());
const pingX = new Float64Array(pings.numRows);
const pingY = new Float64Array(pings.numRows);
{
  const lon = pings.getChild('lon')!.toArray() as Float64Array;
  const lat = pings.getChild('lat')!.toArray() as Float64Array;
  for (let i = 0; i < pings.numRows; i++) [pingX[i], pingY[i]] = toLocalMetres(lon[i], lat[i]);
}
const stationCoords = readFileSync('data/demo/union_stations_demo_synthetic.csv', 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  .map((cells) => toLocalMetres(Number(cells[3]), Number(cells[4])));

/** Share of pings within `radius` of any station: the brute-force reference. */
function bruteForceShare(stations: [number, number][], radius: number): number {
  let covered = 0;
  const r2 = radius * radius;
  for (let i = 0; i < pingX.length; i++) {
    for (const [sx, sy] of stations) {
      const dx = pingX[i] - sx;
      const dy = pingY[i] - sy;
      if (dx * dx + dy * dy <= r2) {
        covered++;
        break;
      }
    }
  }
  return covered / pingX.length;
}

async function waitForCoverage(page: Page, min: number) {
  await page.waitForFunction((m) => Number(document.querySelector('[data-testid="status-bar"]')?.getAttribute('data-coverage-revision')) >= m, min, { timeout: 120_000 });
}
const coverageRevision = async (page: Page) => Number(await page.getAttribute('[data-testid="status-bar"]', 'data-coverage-revision'));
const shownShare = async (page: Page) => Number((await page.textContent('[data-testid="coverage-pings"]'))!.replace('%', '')) / 100;

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('15-minute coverage', () => {
  const radius = reachRadiusM(defaultReach('ebike', 15));

  it('shows the share of pings within e-bike reach, equal to a brute-force check', async () => {
    const { page } = session;
    await page.locator('[data-testid="coverage-enabled"]').check();
    await waitForCoverage(page, 1);
    const expected = bruteForceShare(stationCoords, radius);
    expect(await shownShare(page)).toBeCloseTo(expected, 3);
    expect(await page.locator('[data-testid="coverage-districts"] tbody tr').count()).toBeGreaterThanOrEqual(9);
    expect(await page.locator('[data-testid="gap-list"] li').count()).toBe(8);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage.png') });
  });

  it('raises coverage by the computed amount when a station is placed in a gap, and discard restores it', async () => {
    const { page } = session;
    const before = await shownShare(page);
    await page.locator('[data-testid="whatif-place"]').click();
    // 江南果菜批发市场, left without a station on purpose.
    const point = await screenPointOf(page, 113.262, 23.197);
    const revision = await coverageRevision(page);
    await page.mouse.click(point.x, point.y);
    await waitForCoverage(page, revision + 1);
    const placed = page.locator('[data-testid="whatif-points"] li').first();
    const lon = Number(await placed.getAttribute('data-lon'));
    const lat = Number(await placed.getAttribute('data-lat'));
    expect(Math.abs(lon - 113.262)).toBeLessThan(0.01);
    const expected = bruteForceShare([...stationCoords, toLocalMetres(lon, lat)], radius);
    const after = await shownShare(page);
    expect(after).toBeCloseTo(expected, 3);
    expect(after - before).toBeGreaterThan(0.01);
    expect(await page.textContent('[data-testid="coverage-delta"]')).toContain(`+${((after - before) * 100).toFixed(1)}`);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-whatif.png') });

    const discard = await coverageRevision(page);
    await page.locator('[data-testid="whatif-discard"]').click();
    await waitForCoverage(page, discard + 1);
    expect(await shownShare(page)).toBe(before);
  });

  it('keeps the station, undo takes it back, redo restores it, and a reload keeps it', async () => {
    const { page } = session;
    const before = await shownShare(page);
    expect(await page.textContent('[data-testid="station-count"]')).toBe('27');
    await page.locator('[data-testid="whatif-place"]').click();
    const point = await screenPointOf(page, 113.292, 23.098);
    const revision = await coverageRevision(page);
    await page.mouse.click(point.x, point.y);
    await waitForCoverage(page, revision + 1);
    const placed = page.locator('[data-testid="whatif-points"] li').first();
    const station = toLocalMetres(Number(await placed.getAttribute('data-lon')), Number(await placed.getAttribute('data-lat')));
    const withStation = bruteForceShare([...stationCoords, station], radius);
    expect(await shownShare(page)).toBeCloseTo(withStation, 3);

    await page.locator('[data-testid="whatif-keep"]').click();
    await expect.poll(() => page.textContent('[data-testid="station-count"]'), { timeout: 30_000 }).toBe('28');
    await expect.poll(() => shownShare(page), { timeout: 60_000 }).toBeCloseTo(withStation, 3);

    await page.locator('[data-testid="station-undo"]').click();
    await expect.poll(() => page.textContent('[data-testid="station-count"]'), { timeout: 30_000 }).toBe('27');
    await expect.poll(() => shownShare(page), { timeout: 60_000 }).toBe(before);

    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => page.textContent('[data-testid="station-count"]'), { timeout: 30_000 }).toBe('28');

    await page.reload();
    await waitForDensity(page, 1);
    expect(await page.textContent('[data-testid="station-count"]')).toBe('28');
    await page.locator('[data-testid="coverage-enabled"]').check();
    await waitForCoverage(page, 1);
    expect(await shownShare(page)).toBeCloseTo(withStation, 3);
    await page.screenshot({ path: join(OUTPUT_DIR, 'coverage-after-reload.png') });
  });
});
