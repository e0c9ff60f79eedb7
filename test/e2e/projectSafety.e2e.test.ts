/**
 * A project file cannot run SQL (issue 22, acceptance 5), in Chromium: a colleague's .atlas with
 * SQL in a column type is refused with a message naming the file and the column; the demo pings,
 * the stations and the set of tables are as they were, no table `pwned` exists and extension
 * autoloading is still off.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { strToU8, zipSync } from 'fflate';
import * as parquet from 'parquet-wasm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { openApp, type RecordedPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
let session: RecordedPage;

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

async function sql(page: Page, text: string): Promise<string[][]> {
  await page.locator('[data-testid="sql-editor"]').fill(text);
  await page.locator('[data-testid="sql-run"]').click();
  await page.locator('[data-testid="sql-summary"]').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sql-cancel"]'));
  return page.locator('[data-testid="sql-result"] tbody tr').evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent ?? '')));
}

/** Shaped so that, pasted into the swap statement as it was, it ran: a table made, the rest valid SQL. */
const TYPE = 'VARCHAR FROM project_stations; CREATE TABLE pwned(x INT); SELECT NULL::VARCHAR';

/** A .atlas as a colleague might send it: one stations table, the column `name` typed with SQL. */
function craftedProject(): Uint8Array {
  const stations = tableFromArrays({ id: ['X1'], name: ['假站'], kind: ['司机之家'], lon: Float64Array.of(113.3), lat: Float64Array.of(23.1), address: ['天河'], hours: ['24h'], synthetic: [false] });
  const bytes = parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(stations, 'stream')));
  const columns = ['id', 'name', 'kind', 'lon', 'lat', 'address', 'hours', 'synthetic'].map((name) => ({
    name,
    type: name === 'name' ? TYPE : name === 'lon' || name === 'lat' ? 'DOUBLE' : name === 'synthetic' ? 'BOOLEAN' : 'VARCHAR',
  }));
  const manifest = { format: 'outreach-atlas-project', version: 1, savedAt: '2026-11-25T00:00:00Z', revision: 5, tables: [{ name: 'stations', rows: 1, file: 'tables/stations.parquet', columns }], state: {} };
  return zipSync({ 'project.json': strToU8(JSON.stringify(manifest)), 'tables/stations.parquet': [bytes, { level: 0 }] });
}

const TABLES_SQL = `SELECT table_name, estimated_size FROM duckdb_tables() WHERE table_name IN ('pings','heat_grid','stations','venues','charging_stations') ORDER BY 1`;
/** Every table and view, the app's derived ones included. */
const ALL_SQL = `SELECT schema_name || '.' || table_name FROM duckdb_tables() UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1`;

describe('a crafted project file', () => {
  it('with SQL in a column type is refused by name and reason, and nothing in the page changes', async () => {
    const { page } = session;
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
    const before = {
      tables: await sql(page, TABLES_SQL),
      all: await sql(page, ALL_SQL),
      stations: await page.textContent('[data-testid="station-count"]'),
      autoload: await sql(page, "SELECT current_setting('autoload_known_extensions')::VARCHAR"),
    };
    expect(before.tables.map((r) => r[0])).toEqual(['charging_stations', 'pings', 'stations']);
    expect(before.autoload).toEqual([['false']]);

    await page.locator('[data-testid="project-open"]').setInputFiles({ name: '同事的项目.atlas', mimeType: 'application/zip', buffer: Buffer.from(craftedProject()) });
    await expect
      .poll(() => page.textContent('[data-testid="project-error"]'))
      .toBe(`同事的项目.atlas: not opened, nothing was changed: table stations, column "name": the type "${TYPE}" is not a column type a project can carry`);

    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
    expect(await page.textContent('[data-testid="station-count"]')).toBe(before.stations);
    expect(await sql(page, TABLES_SQL)).toEqual(before.tables);
    expect(await sql(page, ALL_SQL)).toEqual(before.all);
    expect(await sql(page, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'pwned'")).toEqual([['0']]);
    expect(await sql(page, "SELECT current_setting('autoload_known_extensions')::VARCHAR")).toEqual(before.autoload);
    expect(await page.locator('[data-testid="stored-problems"]').count()).toBe(0);
    expect(session.foreignRequests).toEqual([]);
  });
});
