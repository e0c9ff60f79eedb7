/**
 * The analyst console in Chromium: a query returns the right number of rows, a lon/lat result
 * goes on the map, DROP TABLE pings is refused while locked, and errors leave the app working.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { countMapPixels, openApp, OUTPUT_DIR, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');

async function runSql(page: Page, sql: string) {
  await page.locator('[data-testid="sql-editor"]').fill(sql);
  await page.locator('[data-testid="sql-editor"]').press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="sql-run"]')?.hasAttribute('disabled') === false);
}

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('SQL console', () => {
  it('runs a query and shows the right number of rows', async () => {
    const { page } = session;
    await runSql(page, 'SELECT hour, count(*) AS pings FROM pings GROUP BY hour ORDER BY hour');
    await page.locator('[data-testid="sql-summary"]').waitFor();
    expect(await page.getAttribute('[data-testid="sql-summary"]', 'data-rows')).toBe('24');
    expect(await page.locator('[data-testid="sql-result"] tbody tr').count()).toBe(24);
  });

  it('puts a lon/lat result on the map', async () => {
    const { page } = session;
    await page.locator('[data-testid="overlay-stations"]').uncheck();
    await runSql(page, "SELECT lon, lat FROM stations UNION ALL SELECT lon, lat FROM charging_stations WHERE station_fast_cnt_is_missing IS NULL LIMIT 0");
    // That query fails (no such column): the error is shown, and the next query still works.
    expect(await page.textContent('[data-testid="sql-error"]')).toContain('station_fast_cnt_is_missing');
    await runSql(page, 'SELECT lon, lat, fast_chargers FROM charging_stations');
    expect(await page.getAttribute('[data-testid="sql-summary"]', 'data-rows')).toBe('3191');
    const greenBefore = await countGreen(page);
    await page.locator('[data-testid="sql-show-on-map"]').check();
    await page.waitForTimeout(500);
    const greenAfter = await countGreen(page);
    await page.screenshot({ path: join(OUTPUT_DIR, 'sql-on-map.png') });
    expect(greenAfter).toBeGreaterThan(greenBefore + 500);
  });

  it('refuses DROP TABLE pings while locked and keeps the data', async () => {
    const { page } = session;
    await runSql(page, 'DROP TABLE pings');
    expect(await page.textContent('[data-testid="sql-error"]')).toContain('"pings" is a base table and is read-only');
    await runSql(page, 'SELECT count(*) AS n FROM pings');
    expect(await page.textContent('[data-testid="sql-result"] tbody td')).toBe('1026646');
  });

  it('made no request outside localhost', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});

/** The result layer's green, which nothing else on the map uses. */
async function countGreen(page: Page): Promise<number> {
  return countMapPixels(page, 'green');
}
