/**
 * Importing through the real file input in Chromium: a GBK CSV with AMap (GCJ-02) coordinates
 * lands on the right districts; a broken file is refused with its reason and the data already
 * loaded stays.
 */
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as parquet from 'parquet-wasm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { writeXlsx } from '../../web/src/export/xlsxWriter';
import { densityRevision, openApp, OUTPUT_DIR, screenPointOf, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const fixture = (name: string) => join(process.cwd(), 'test/fixtures/import', name);

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('import through the file input', () => {
  it('imports a GBK CSV with GCJ-02 coordinates onto the right districts', async () => {
    const { page } = session;
    await page.locator('[data-testid="import-input"]').setInputFiles(fixture('pings_gbk_gcj02.csv'));
    const dialog = page.locator('[data-testid="mapping-dialog"]');
    await dialog.waitFor();
    expect(await page.textContent('[data-testid="detected-encoding"]')).toBe('GB18030');
    expect(await page.locator('[data-testid="import-crs"]').inputValue()).toBe('GCJ02');
    expect(await page.locator('[data-testid="import-kind"]').inputValue()).toBe('pings');
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('粤A12345');
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-dialog.png') });

    const revision = await densityRevision(page);
    await page.locator('[data-testid="import-start"]').click();
    await page.locator('[data-testid="import-report"]').waitFor();
    await waitForDensity(page, revision + 1);
    expect(await page.textContent('[data-testid="import-report"]')).toContain('导入 12 行到 pings，拒绝 0 行');
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('12');
    expect(await page.locator('[data-testid="demo-badge"]').count()).toBe(0);

    // Hexagon tooltips name the districts the converted points fall in (stations hidden: two sit on those points).
    await page.locator('[data-testid="overlay-stations"]').uncheck();
    const revisionHex = await densityRevision(page);
    await page.locator('[data-testid="mode-hexagons"]').check({ force: true });
    await waitForDensity(page, revisionHex + 1);
    const found: string[] = [];
    for (const [lon, lat] of [[113.361, 23.125], [113.3, 23.25], [113.384, 22.938]]) {
      const point = await screenPointOf(page, lon, lat);
      await page.mouse.move(point.x, point.y);
      const tooltip = page.locator('.atlas-tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 20_000 });
      found.push((await tooltip.innerText()).split('\n')[0]);
      await page.mouse.move(5, 5);
    }
    expect(found, found.join(' | ')).toEqual(['区: 天河区', '区: 白云区', '区: 番禺区']);
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-gbk-gcj02.png') });
  });

  it('imports a Parquet file with GCJ-02 columns, appending to the pings', async () => {
    const { page } = session;
    await page.locator('[data-testid="import-input"]').setInputFiles(fixture('pings_gcj02.parquet'));
    await page.locator('[data-testid="mapping-dialog"]').waitFor();
    expect(await page.textContent('[data-testid="detected-encoding"]')).toBe('Parquet');
    expect(await page.locator('[data-testid="import-crs"]').inputValue()).toBe('GCJ02');
    await page.getByText('追加到现有数据').click();
    const revision = await densityRevision(page);
    await page.locator('[data-testid="import-start"]').click();
    await waitForDensity(page, revision + 1);
    expect(await page.textContent('[data-testid="import-report"]')).toContain('pings_gcj02.parquet：导入 12 行到 pings，拒绝 0 行');
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('24');
    // Same plates, same salt: the appended pings belong to the same two drivers.
    expect(await page.textContent('[data-testid="filtered-drivers"]')).toBe('2');
  });

  it('refuses a binary file with its reason and keeps the loaded data', async () => {
    const { page } = session;
    await page.locator('[data-testid="import-input"]').setInputFiles(fixture('binary_junk.bin'));
    const error = page.locator('[data-testid="import-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('binary_junk.bin: byte 10 is NUL: this is a binary file, not text');
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('24');
  });

  it('imports a tab-separated heat grid and draws it as its own data source', async () => {
    const { page } = session;
    await page.locator('[data-testid="import-input"]').setInputFiles(fixture('heat_grid.tsv'));
    await page.locator('[data-testid="mapping-dialog"]').waitFor();
    expect(await page.locator('[data-testid="import-kind"]').inputValue()).toBe('heat');
    const revision = await densityRevision(page);
    await page.locator('[data-testid="import-start"]').click();
    await waitForDensity(page, revision + 1);
    expect(await page.locator('[data-testid="demand-source"]').inputValue()).toBe('heat_grid');
    // Weights 10+20+30 at 08 h and 1+2+3 at 20 h.
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('66');
    const before = await densityRevision(page);
    await page.locator('[data-testid="hour-to"]').fill('12');
    await waitForDensity(page, before + 1);
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('60');
    // The pings imported earlier are still there.
    const back = await densityRevision(page);
    await page.locator('[data-testid="demand-source"]').selectOption('pings');
    await waitForDensity(page, back + 1);
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('24');
  });

  it('imports the chosen sheet of an Excel workbook, and says why a sheet cannot be read', async () => {
    const { page } = session;
    const pingsBefore = await page.textContent('[data-testid="filtered-pings"]');
    // As colleagues send them: a notes sheet first, the data second, and an empty sheet.
    const workbook = writeXlsx([
      { name: '说明', rows: [['本表由外联组整理'], ['坐标为高德坐标']] },
      { name: '场地', rows: [['名称', '经度', '纬度'], ['白云物流园', 113.27, 23.2], ['天河客运站', 113.35, 23.17], ['番禺市场', 113.36, 22.95]] },
      { name: '空白', rows: [] },
      { name: '旧场地', rows: [['name', 'lng', 'lat'], ['Old depot', 113.2, 23.1]] },
    ]);
    await page.locator('[data-testid="import-input"]').setInputFiles({ name: '场地清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(workbook) });
    await page.locator('[data-testid="mapping-dialog"]').waitFor();
    const sheet = page.locator('[data-testid="import-sheet"]');
    // The notes sheet (one column) is passed over for the first table.
    expect(await sheet.inputValue()).toBe('场地');
    expect(await sheet.locator('option').allTextContents()).toEqual(['说明', '场地', '空白', '旧场地']);
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('白云物流园');
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-xlsx-sheet.png') });

    // Sheets that cannot be imported say why, and the sheet under review stays.
    const errors = page.locator('[data-testid="import-error"]').filter({ hasText: '场地清单.xlsx' });
    await sheet.selectOption('空白');
    await errors.first().waitFor();
    expect(await errors.first().textContent()).toContain('the sheet "空白" is empty');
    await sheet.selectOption('说明');
    await errors.nth(1).waitFor();
    expect(await errors.nth(1).textContent()).toContain('line 1 has 1 column');
    expect(await sheet.inputValue()).toBe('场地');

    // Back and forth: the preview follows the chosen sheet.
    const preview = (text: string) => page.waitForFunction((t) => document.querySelector('[data-testid="import-preview"]')?.textContent?.includes(t), text);
    await sheet.selectOption('旧场地');
    await preview('Old depot');
    await sheet.selectOption('场地');
    await preview('白云物流园');
    // The columns of the sheet are guessed from its header.
    expect(await page.locator('[data-testid="role-1"]').inputValue()).toBe('lon');
    expect(await page.locator('[data-testid="role-2"]').inputValue()).toBe('lat');
    await page.locator('[data-testid="import-kind"]').selectOption('venues');
    await page.locator('[data-testid="import-start"]').click();
    await page.locator('[data-testid="import-report"]').filter({ hasText: '场地清单.xlsx' }).waitFor();
    expect(await page.textContent('[data-testid="import-report"]')).toContain('场地清单.xlsx：导入 3 行到 venues，拒绝 0 行');
    // The pings are untouched.
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe(pingsBefore);
  });

  it('cancels a big import midway and keeps the data loaded before', async () => {
    const { page } = session;
    // ~3 M rows, ~130 MB: long enough to cancel while DuckDB reads and checks it.
    const path = join(tmpdir(), 'atlas-big-import.csv');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      out.write('driver,time,lon,lat\n');
      let chunk = '';
      for (let i = 0; i < 3_000_000; i++) {
        chunk += `D${i % 5000},2026-11-17 ${String(i % 24).padStart(2, '0')}:00:00,${(113.2 + (i % 1000) / 5000).toFixed(5)},${(23.0 + (i % 997) / 5000).toFixed(5)}\n`;
        if (chunk.length > 1 << 20) {
          out.write(chunk);
          chunk = '';
        }
      }
      out.end(chunk, () => resolve());
    });
    const pingsBefore = await page.textContent('[data-testid="filtered-pings"]');
    await page.locator('[data-testid="import-input"]').setInputFiles(path);
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="import-start"]').click();
    await page.locator('[data-testid="import-stage"]').waitFor();
    // The file is read in slices: the bar moves by bytes read, and the cancel comes midway.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-percent')) > 0, null, { timeout: 60_000, polling: 50 });
    const progress = page.locator('[data-testid="import-progress"]');
    expect(Number(await progress.getAttribute('data-percent'))).toBeLessThan(100);
    await page.locator('[data-testid="mapping-dialog"] .dialog').screenshot({ path: join(OUTPUT_DIR, 'import-progress.png') });
    expect(await progress.textContent()).toMatch(/^\d+% · 已读 \d+ \/ 1\d\d MB · [\d,]+ 行$/);
    await page.locator('[data-testid="import-cancel"]').click();
    const error = page.locator('[data-testid="import-error"]', { hasText: 'atlas-big-import.csv' });
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('atlas-big-import.csv: import cancelled; nothing was changed');
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ state: 'detached' });
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe(pingsBefore);
    expect(await page.textContent('[data-testid="table-rows"]')).toContain('heat_grid 6');
  });

  it('cancels a Parquet import between its row groups and keeps the data loaded before', async () => {
    const { page } = session;
    // 2.4 M pings in row groups of 400 k: the import reads them in three batches.
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
    expect(await page.textContent('[data-testid="detected-encoding"]')).toBe('Parquet');
    await page.locator('[data-testid="import-start"]').click();
    // Progress counts rows of the whole file; the cancel comes after the first batch.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-percent')) > 0, null, { timeout: 120_000, polling: 50 });
    const progress = page.locator('[data-testid="import-progress"]');
    expect(Number(await progress.getAttribute('data-percent'))).toBeLessThan(100);
    expect(await progress.textContent()).toMatch(/ \/ 2,400,000 行/);
    await page.locator('[data-testid="import-cancel"]').click();
    const error = page.locator('[data-testid="import-error"]', { hasText: 'atlas-big-import.parquet' });
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toContain('atlas-big-import.parquet: import cancelled; nothing was changed');
    await page.locator('[data-testid="mapping-dialog"]').waitFor({ state: 'detached' });
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe(pingsBefore);
  });

  it('keeps imported data across a reload, and clears it on request', async () => {
    const { page } = session;
    await page.reload();
    await waitForDensity(page, 1);
    await page.locator('[data-testid="import-report"]').first().waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'import-after-reload.png') });
    // The work comes back as it was left: the imported pings shown, hours 0–12, and the
    // imported heat grid one choice away.
    expect(await page.locator('[data-testid="demand-source"]').inputValue()).toBe('pings');
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('24');
    const revision = await densityRevision(page);
    await page.locator('[data-testid="demand-source"]').selectOption('heat_grid');
    await waitForDensity(page, revision + 1);
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('60');
    expect(await page.locator('[data-testid="demo-badge"]').count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForEvent('load'), page.locator('[data-testid="clear-imports"]').click()]);
    await waitForDensity(page, 1);
    expect(Number((await page.textContent('[data-testid="filtered-pings"]'))!.replace(/\D/g, ''))).toBeGreaterThan(900_000);
    expect(await page.locator('[data-testid="demo-badge"]').count()).toBe(1);
    expect(await page.locator('[data-testid="import-report"]').count()).toBe(0);
  });

  it('made no request outside localhost', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});
