/**
 * A real OSM road network (Shenzhen Nanshan) loaded through the file input: the worker parses it,
 * the map moves there, and a station added on the map gets a network isochrone drawn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { countMapPixels, openApp, OUTPUT_DIR, screenPointOf, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const PBF = join(process.cwd(), 'test/fixtures/osm/shenzhen_nanshan_bbox.osm.pbf');

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('network isochrones', () => {
  it('loads a gzipped OSM extract and draws the isochrone of a station added on it', async () => {
    const { page } = session;
    await page.locator('[data-testid="coverage-enabled"]').check();
    await page.locator('[data-testid="coverage-pings"]').waitFor({ timeout: 120_000 });
    const shareWithoutNetwork = await page.textContent('[data-testid="coverage-pings"]');
    await page.locator('[data-testid="network-input"]').setInputFiles(join(process.cwd(), 'test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz'));
    const status = page.locator('[data-testid="network-status"]');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toContain('18,996 个节点');

    // Add a station in the middle of the network; its isochrone follows the roads.
    await page.locator('[data-testid="station-add"]').click();
    const point = await screenPointOf(page, 113.95, 22.54);
    await page.mouse.click(point.x, point.y);
    const isochrone = page.locator('[data-testid="isochrone-status"]');
    await isochrone.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="isochrone-status"]')?.getAttribute('data-reached')) > 0, null, { timeout: 60_000 });
    expect(await isochrone.textContent()).toMatch(/^1 个站点接入路网/);
    // The isochrone's teal fill is on the canvas.
    const tealPixels = await countMapPixels(page, 'teal');
    await page.screenshot({ path: join(OUTPUT_DIR, 'network-isochrone.png') });
    expect(tealPixels).toBeGreaterThan(1000);
    // Coverage is recomputed with the network: the Guangzhou demo stations are off this Shenzhen
    // network and keep their circles, and the new Shenzhen station reaches no Guangzhou ping, so
    // the share is the one without a network.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="status-bar"]')?.getAttribute('data-coverage-revision')) >= 3, null, { timeout: 120_000 });
    expect(await page.textContent('[data-testid="coverage-pings"]')).toBe(shareWithoutNetwork);
    expect(session.consoleErrors).toEqual([]);
  });

  it('loads the same network as OSM PBF and reaches the same road nodes', async () => {
    const { page } = session;
    const isochrone = page.locator('[data-testid="isochrone-status"]');
    const reachedFromXml = Number(await isochrone.getAttribute('data-reached'));
    expect(reachedFromXml).toBeGreaterThan(100);
    // Loaded over the XML one: the station's reach is computed again on the PBF's graph, and the
    // same roads give the same reached nodes.
    const status = page.locator('[data-testid="network-status"]');
    // Chosen in the import panel like any other file: an OSM extract goes to the coverage tools.
    await page.locator('[data-testid="import-input"]').setInputFiles(PBF);
    await page.waitForFunction(() => document.querySelector('[data-testid="network-status"]')?.textContent?.includes('shenzhen_nanshan_bbox.osm.pbf'));
    expect(await status.textContent()).toContain('18,996 个节点');
    await isochrone.waitFor({ timeout: 60_000 });
    expect(Number(await isochrone.getAttribute('data-reached'))).toBe(reachedFromXml);

    // A cut file says why, and no isochrone is left standing for it.
    await page.locator('[data-testid="network-input"]').setInputFiles({ name: 'cut.osm.pbf', mimeType: 'application/octet-stream', buffer: readFileSync(PBF).subarray(0, 60_000) });
    await page.waitForFunction(() => document.querySelector('[data-testid="network-status"]')?.textContent?.includes('cut.osm.pbf'));
    expect(await status.textContent()).toMatch(/cut\.osm\.pbf: truncated OSM PBF: blob 3 needs/);
    expect(await isochrone.count()).toBe(0);
    // Neither file was taken for points.
    expect(await page.locator('[data-testid="mapping-dialog"]').count()).toBe(0);
    expect(await page.locator('[data-testid="import-error"]').count()).toBe(0);
    expect(session.consoleErrors).toEqual([]);
  });
});
