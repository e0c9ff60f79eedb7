/**
 * The analyst workspace in Chromium: a query returns the right number of rows in the virtualised
 * grid, exports as CSV, a lon/lat result goes on the map and can be restyled and removed, DROP
 * TABLE pings is refused while locked, a long query is cancelled and the next one works, errors
 * leave the app working; completion, the schema browser and saved queries work. The time to run
 * and render a 100 k-row result is written to test-output/sql-100k.json (not asserted).
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
    expect(await page.getAttribute('[data-testid="sql-grid"]', 'data-rows')).toBe('24');
    expect(await page.textContent('[data-testid="sql-result"] tbody tr:not([aria-hidden]) td')).toBe('0');
    // Scrolled to the end, the grid shows the last hour.
    await page.locator('[data-testid="sql-grid"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator('[data-testid="sql-result"] tbody tr:not([aria-hidden])').last().locator('td').first().textContent()).toBe('23');
  });

  it('exports the result as CSV with every row', async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="sql-export-csv"]').click()]);
    const lines = readFileSync((await download.path())!, 'utf8').replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('hour,pings');
    expect(lines).toHaveLength(25);
    expect(lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0)).toBe(1_026_646);
    expect(lines[24].startsWith('23,')).toBe(true);
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
    // Restyled purple, the green goes; removed, the layer is gone and the box unticked.
    await page.locator('[data-testid="sql-colour-7b2cbf"]').click();
    await page.locator('[data-testid="sql-layer-size"]').fill('6');
    await page.waitForTimeout(300);
    expect(await countGreen(page)).toBeLessThan(greenBefore + 100);
    await page.screenshot({ path: join(OUTPUT_DIR, 'sql-on-map-styled.png') });
    await page.locator('[data-testid="sql-layer-remove"]').click();
    expect(await page.locator('[data-testid="sql-show-on-map"]').isChecked()).toBe(false);
  });

  it('cancels a long query, and the next query works', async () => {
    const { page } = session;
    await page.locator('[data-testid="sql-editor"]').fill('SELECT sum(i * i) FROM range(20000000000) t(i)');
    await page.locator('[data-testid="sql-editor"]').press('Control+Enter');
    await page.locator('[data-testid="sql-timer"]').waitFor();
    await page.waitForTimeout(1500);
    // The page stays responsive while it runs: the timer keeps moving.
    const t1 = await page.textContent('[data-testid="sql-timer"]');
    await page.waitForTimeout(400);
    expect(await page.textContent('[data-testid="sql-timer"]')).not.toBe(t1);
    await page.locator('[data-testid="sql-cancel"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sql-run"]')?.hasAttribute('disabled') === false, null, { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sql-error"]')).toBe('cancelled');
    await runSql(page, 'SELECT 42 AS answer');
    expect(await page.textContent('[data-testid="sql-result"] tbody td')).toBe('42');
  });

  it('completes table names, browses the schema and keeps saved queries and history', async () => {
    const { page } = session;
    const editor = page.locator('[data-testid="sql-editor"]');
    await editor.fill('SELECT * FROM charg');
    await editor.press('Control+Space');
    const completion = page.locator('.cm-tooltip-autocomplete');
    await completion.waitFor();
    expect(await completion.textContent()).toContain('charging_stations');
    await editor.press('Escape');
    await page.locator('[data-testid="schema-browser"] > summary').click();
    await page.locator('[data-testid="schema-table-stations"]').click();
    expect(await editor.textContent()).toBe('SELECT * FROM stations LIMIT 100');
    await page.locator('[data-testid="sql-run"]').click();
    await expect.poll(() => page.getAttribute('[data-testid="sql-summary"]', 'data-rows')).toBe('27');
    await page.locator('[data-testid="sql-save-name"]').fill('全部站点');
    await page.locator('[data-testid="sql-save"]').click();
    await editor.fill('SELECT 1');
    await page.locator('[data-testid="sql-saved"]').selectOption({ label: '全部站点' });
    expect(await editor.textContent()).toBe('SELECT * FROM stations LIMIT 100');
    const history = await page.locator('[data-testid="sql-history"] option').allTextContents();
    expect(history).toContain('SELECT 42 AS answer');
  });

  it('runs and renders a 100 k-row result, and the grid reaches its last row', async () => {
    const { page } = session;
    await page.locator('[data-testid="sql-editor"]').fill('SELECT * FROM pings LIMIT 100000');
    const started = Date.now();
    await page.locator('[data-testid="sql-editor"]').press('Control+Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="sql-grid"]')?.getAttribute('data-rows') === '100000', null, { timeout: 60_000 });
    const shownMs = Date.now() - started;
    const rowsInDom = await page.locator('[data-testid="sql-result"] tbody tr:not([aria-hidden])').count();
    expect(rowsInDom).toBeLessThan(60);
    await page.locator('[data-testid="sql-grid"]').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => page.locator('[data-testid="sql-result"] tbody tr:not([aria-hidden])').count()).toBeGreaterThan(5);
    const queryMs = Number((await page.getAttribute('[data-testid="sql-summary"]', 'data-ms')) ?? NaN);
    writeFileSync(join(OUTPUT_DIR, 'sql-100k.json'), JSON.stringify({ rows: 100_000, runAndRenderMs: shownMs, queryMs, rowsInDom }, null, 2));
  });

  it('refuses DROP TABLE pings while locked and keeps the data', async () => {
    const { page } = session;
    await runSql(page, 'DROP TABLE pings');
    expect(await page.textContent('[data-testid="sql-error"]')).toMatch(/基础数据表只读[\s\S]*Base tables are read-only/);
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
