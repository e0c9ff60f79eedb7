/**
 * The foundation in a real browser: the app loads the shipped demo data offline, draws a
 * non-blank density layer, the hour filter re-aggregates (counts and pixels change), and no
 * request leaves localhost.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { countDensityPixels, densityRevision, launchChromium, openRecordedPage, OUTPUT_DIR, screenPointOf, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');

const readCount = async (testId: string) => Number((await session.page.textContent(`[data-testid="${testId}"]`))!.replace(/[^\d]/g, ''));

beforeAll(async () => {
  browser = await launchChromium();
  session = await openRecordedPage(browser);
});

afterAll(async () => {
  await browser?.close();
});

describe('Outreach Atlas in Chromium', () => {
  it('loads the demo data and draws the heat layer', async () => {
    const { page } = session;
    const started = Date.now();
    await page.goto(baseUrl);
    await waitForDensity(page, 1);
    const firstHeatMs = Date.now() - started;
    const timings = await page.evaluate(() => (window as unknown as { __atlasTimings: unknown }).__atlasTimings);
    writeFileSync(join(OUTPUT_DIR, 'timings.json'), JSON.stringify({ firstHeatMs, ...(timings as object) }, null, 2));

    expect(await page.textContent('h1')).toContain('外联地图');
    expect(await page.textContent('[data-testid="phase"]')).toBe('就绪');
    const tableRows = await page.textContent('[data-testid="table-rows"]');
    expect(tableRows).toMatch(/pings [\d,]{7,}/);
    expect(tableRows).toMatch(/charging_stations 3,191/);
    expect(await readCount('filtered-pings')).toBeGreaterThan(900_000);

    // The hour profile above the sliders has a bar per hour.
    await page.locator('[data-testid="hour-profile"] rect').first().waitFor();
    expect(await page.locator('[data-testid="hour-profile"] rect').count()).toBe(24);
    const pixels = await countDensityPixels(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'heatmap-all-day.png') });
    expect(pixels).toBeGreaterThan(2_000);
  });

  it('re-aggregates when the hour filter changes', async () => {
    const { page } = session;
    const allDayPings = await readCount('filtered-pings');
    const allDayPixels = await countDensityPixels(page);

    let revision = await densityRevision(page);
    await page.locator('[data-testid="hour-from"]').fill('2');
    await waitForDensity(page, revision + 1);
    revision = await densityRevision(page);
    await page.locator('[data-testid="hour-to"]').fill('4');
    await waitForDensity(page, revision + 1);
    expect(await page.textContent('[data-testid="hour-from-value"]')).toBe('02:00');

    const nightPings = await readCount('filtered-pings');
    expect(nightPings).toBeGreaterThan(0);
    expect(nightPings).toBeLessThan(allDayPings * 0.2);
    const nightPixels = await countDensityPixels(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'heatmap-02-04.png') });
    expect(nightPixels).not.toBe(allDayPixels);

    // Weekday filter: the weekend alone holds fewer pings than the whole week.
    revision = await densityRevision(page);
    await page.getByRole('button', { name: '全天' }).click();
    await waitForDensity(page, revision + 1);
    revision = await densityRevision(page);
    await page.getByRole('button', { name: '周末' }).click();
    await waitForDensity(page, revision + 1);
    const weekendPings = await readCount('filtered-pings');
    expect(weekendPings).toBeGreaterThan(0);
    expect(weekendPings).toBeLessThan(allDayPings);
  });

  it('draws hexagons with a legend and a district tooltip', async () => {
    const { page } = session;
    const revision = await densityRevision(page);
    await page.locator('[data-testid="mode-hexagons"]').check({ force: true });
    await waitForDensity(page, revision + 1);
    const legendText = await page.textContent('[data-testid="legend"]');
    expect(legendText).toContain('每个六边形的司机人数');
    expect(await countDensityPixels(page)).toBeGreaterThan(500);

    // Hover the wholesale area next to Guangzhou railway station (越秀/荔湾/白云 border).
    const point = await screenPointOf(page, 113.262, 23.197);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('.atlas-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
    const text = await tooltip.innerText();
    expect(text).toMatch(/区: .+区/);
    expect(text).toMatch(/司机: [\d,]+/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'hexagons.png') });
  });

  it('switches the UI to English', async () => {
    const { page } = session;
    await page.locator('[data-testid="lang-switch"]').click();
    expect(await page.textContent('h1')).toContain('Outreach Atlas');
    expect(await page.textContent('[data-testid="legend"]')).toContain('Drivers per hexagon');
    await page.screenshot({ path: join(OUTPUT_DIR, 'english.png') });
  });

  it('made no request outside localhost and broke no security policy', async () => {
    const violations = await session.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(session.foreignRequests).toEqual([]);
    expect(violations).toEqual([]);
    expect(session.consoleErrors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
