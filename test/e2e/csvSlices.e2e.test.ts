/**
 * CSV imports in Chromium keep every row across slice boundaries, where DuckDB-WASM takes each
 * slice's buffer over (registerFileBuffer transfers it to its worker). The app opens with
 * `?csvSliceBytes=65536` (see browserDeps), so files of a few hundred KB are read in five or six
 * slices: ASCII, UTF-8 with Chinese notes cut by every boundary, and GBK likewise import with 0
 * rejected and the checksum over driver, time, lon and lat of the generated rows; the same rows
 * as Parquet give the same checksum; a bad row in a later slice, past blank lines and a quoted
 * line break, is reported at its file line.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as parquet from 'parquet-wasm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { openApp, type RecordedPage } from './browser';
import { pingRows, pingsChecksum, PINGS_CHECKSUM_SQL, sliceCsv, type PingRow } from '../csvSliceData';

const SLICE = 64 * 1024;
const ROWS = 6000;

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const rows = pingRows(ROWS);

beforeAll(async () => {
  ({ browser, session } = await openApp(`${baseUrl}?csvSliceBytes=${SLICE}`));
});

afterAll(async () => {
  await browser?.close();
});

/** Imports a file through the file input as WGS-84 pings with driver ids kept; gives the report and the progress seen. */
async function importFile(page: Page, name: string, bytes: Uint8Array, encoding: string): Promise<{ report: string; percents: number[] }> {
  await page.locator('[data-testid="import-input"]').setInputFiles({ name, mimeType: name.endsWith('.parquet') ? 'application/octet-stream' : 'text/csv', buffer: Buffer.from(bytes) });
  await page.locator('[data-testid="mapping-dialog"]').waitFor();
  expect(await page.textContent('[data-testid="detected-encoding"]')).toBe(encoding);
  expect(await page.locator('[data-testid="import-kind"]').inputValue()).toBe('pings');
  await page.locator('[data-testid="import-crs"]').selectOption('WGS84');
  await page.locator('[data-testid="import-hash-ids"]').uncheck();
  // Every progress value the bar shows, to see the file go through in slices.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __percents: number[] }).__percents = seen;
    new MutationObserver(() => {
      const percent = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-percent');
      if (percent != null && seen.at(-1) !== Number(percent)) seen.push(Number(percent));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-percent'] });
  });
  await page.locator('[data-testid="import-start"]').click();
  const report = page.locator('[data-testid="import-report"]').filter({ hasText: name });
  await report.waitFor({ timeout: 120_000 });
  return { report: (await report.textContent())!, percents: await page.evaluate(() => (window as unknown as { __percents: number[] }).__percents) };
}

/** The checksum of the pings table, through the SQL console. */
async function checksum(page: Page, label: string): Promise<string> {
  await page.locator('[data-testid="sql-editor"]').fill(`SELECT '${label} ' || checksum AS k FROM (${PINGS_CHECKSUM_SQL})`);
  await page.locator('[data-testid="sql-editor"]').press('Control+Enter');
  const cell = page.locator('[data-testid="sql-result"] tbody tr:not([aria-hidden]) td').first();
  await expect.poll(async () => (await cell.textContent())?.startsWith(`${label} `), { timeout: 60_000 }).toBe(true);
  return (await cell.textContent())!.slice(label.length + 1);
}

const parquetOf = (source: PingRow[]) =>
  parquet.writeParquet(
    parquet.Table.fromIPCStream(
      tableToIPC(
        tableFromArrays({
          driver: Int32Array.from(source, (r) => r.driver),
          time: source.map((r) => r.time),
          lon: Float64Array.from(source, (r) => Number(r.lon)),
          lat: Float64Array.from(source, (r) => Number(r.lat)),
          note: source.map((r) => r.note),
        }),
        'stream',
      ),
    ),
  );

describe('CSV imports in slices keep every row', () => {
  const expected = pingsChecksum(rows);

  for (const [encoding, shown] of [
    ['ascii', 'UTF-8'],
    ['utf-8', 'UTF-8'],
    ['gbk', 'GB18030'],
  ] as const) {
    it(`${encoding}: ${ROWS} rows in slices of 64 KB, 0 rejected, every row there`, async () => {
      const { page } = session;
      const file = sliceCsv(rows, { encoding, sliceBytes: SLICE });
      expect(file.bytes.length).toBeGreaterThan(4 * SLICE);
      if (encoding !== 'ascii') {
        // Each read of the file ends inside a character of some note.
        for (let at = SLICE; at < file.bytes.length; at += SLICE) expect(file.insideCharacter.has(at), `byte ${at}`).toBe(true);
        expect(new TextDecoder(encoding).decode(file.bytes)).toContain(`,${file.rows[1].note}\n`);
      }
      const name = `slices_${encoding}.csv`;
      const { report, percents } = await importFile(page, name, file.bytes, shown);
      expect(report).toContain(`${name}：导入 ${ROWS.toLocaleString()} 行到 pings，拒绝 0 行`);
      expect(percents.filter((p) => p < 100).length, percents.join(' ')).toBeGreaterThanOrEqual(3);
      expect(await checksum(page, encoding)).toBe(expected);
    });
  }

  it('the same rows as Parquet give the same checksum', async () => {
    const { page } = session;
    const { report } = await importFile(page, 'slices.parquet', parquetOf(rows), 'Parquet');
    expect(report).toContain(`slices.parquet：导入 ${ROWS.toLocaleString()} 行到 pings，拒绝 0 行`);
    expect(await checksum(page, 'parquet')).toBe(expected);
  });

  it('reports a bad row in a later slice at its file line, past blank lines and a quoted line break', async () => {
    const { page } = session;
    const bad = 4000;
    const file = sliceCsv(rows, {
      encoding: 'ascii',
      sliceBytes: SLICE,
      extra: (i) => {
        if (i === 300 || i === 2500) return { before: '\n' };
        if (i === 1200) return { row: `1012,2026-11-17 08:00:00,113.2,23.1,"a note\nover two lines"` };
        if (i === bad) return { row: `1040,2026-11-17 08:00:00,abc,23.1,bad` };
        return undefined;
      },
    });
    const line = file.lines[bad];
    expect(line).toBe(bad + 2 + 3);
    const text = new TextDecoder().decode(file.bytes);
    expect(text.indexOf('1040,2026-11-17 08:00:00,abc')).toBeGreaterThan(2 * SLICE);
    const { report } = await importFile(page, 'slices_bad.csv', file.bytes, 'UTF-8');
    expect(report).toContain(`slices_bad.csv：导入 ${(ROWS - 1).toLocaleString()} 行到 pings，拒绝 1 行`);
    expect(report).toContain(`lon: 不是数字 × 1 — 第 ${line} 行 “abc”`);
  });

  it('made no request outside localhost', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});
