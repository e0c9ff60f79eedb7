/**
 * Issue 22, acceptance 1 and 3 in Chromium: the worst of the hostile corpus typed into the SQL
 * console, locked and unlocked, each refused with its reason in Chinese and English; the demo
 * pings stay 1,026,646, the engine stays locked, a reload starts the app as before, and no
 * request leaves localhost (a refused read_csv of a URL is never sent).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openApp, OUTPUT_DIR, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');

async function runSql(page: Page, sql: string) {
  await page.locator('[data-testid="sql-editor"]').fill(sql);
  await page.locator('[data-testid="sql-editor"]').press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="sql-run"]')?.hasAttribute('disabled') === false);
}

async function setUnlocked(page: Page, unlocked: boolean) {
  const box = page.locator('[data-testid="sql-unlock"]');
  if ((await box.isChecked()) !== unlocked) await box.setChecked(unlocked);
}

/** Each statement, and what its refusal says (zh, then en). */
const WORST: [string, RegExp][] = [
  ["SELECT $$'$$; DROP TABLE pings; --'", /第 2 条语句[\s\S]*基础数据表只读[\s\S]*Base tables are read-only/],
  ["SELECT E'\\''; DROP TABLE pings; --'", /基础数据表只读[\s\S]*Base tables are read-only/],
  ["ATTACH ':memory:' AS x; USE x", /挂载、卸载或切换数据库[\s\S]*attach, detach or switch databases/],
  ["SET memory_limit='1MB'", /数据库设置[\s\S]*database settings/],
  ['BEGIN TRANSACTION', /事务[\s\S]*transactions/],
  ["SELECT * FROM read_csv('https://example.com/x.csv')", /文件或网址[\s\S]*files or URLs/],
  ["COPY pings TO 'https://example.com/up.csv'", /文件或网址[\s\S]*files or URLs/],
  ["ATTACH 'https://example.com/db.duckdb' AS remote", /挂载、卸载或切换数据库[\s\S]*attach, detach or switch databases/],
  ['INSTALL httpfs', /扩展[\s\S]*extensions/],
  ['LOAD httpfs', /扩展[\s\S]*extensions/],
  ['CREATE TEMP VIEW pings AS SELECT 1 AS driver_id', /同名[\s\S]*hide the one the app uses/],
];

/** Refused even with base tables unlocked. */
const WORST_UNLOCKED: [string, RegExp][] = [
  ["SET memory_limit='1MB'", /database settings/],
  ['DROP SCHEMA atlas_derived CASCADE', /schemas/],
  ['DELETE FROM atlas_derived.ping_cube', /atlas_derived/],
  ["CREATE MACRO hour(ts) AS 0", /hide the one the app uses/],
  ["SELECT * FROM read_text('https://example.com/')", /files or URLs/],
  ['BEGIN TRANSACTION; DELETE FROM pings', /transactions/],
];

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('the SQL console cannot change the engine or reach out', () => {
  for (const [sql, refusal] of WORST) {
    it(`refuses, locked: ${sql}`, async () => {
      const { page } = session;
      await setUnlocked(page, false);
      await runSql(page, sql);
      await expect.poll(() => page.textContent('[data-testid="sql-error"]')).toMatch(refusal);
      expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
    });
  }

  for (const [sql, refusal] of WORST_UNLOCKED) {
    it(`refuses, unlocked: ${sql}`, async () => {
      const { page } = session;
      await setUnlocked(page, true);
      await runSql(page, sql);
      await expect.poll(() => page.textContent('[data-testid="sql-error"]')).toMatch(refusal);
      await setUnlocked(page, false);
      expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
    });
  }

  it('leaves the data and the lock as they were', async () => {
    const { page } = session;
    await runSql(page, 'SELECT count(*) AS n FROM pings');
    expect(await page.textContent('[data-testid="sql-result"] tbody td')).toBe('1026646');
    await runSql(page, `SELECT string_agg(name || '=' || value, ',' ORDER BY name) AS s FROM duckdb_settings()
      WHERE name IN ('enable_external_access', 'lock_configuration', 'autoload_known_extensions', 'autoinstall_known_extensions')`);
    expect(await page.textContent('[data-testid="sql-result"] tbody td')).toBe('autoinstall_known_extensions=false,autoload_known_extensions=false,enable_external_access=false,lock_configuration=true');
    await runSql(page, "SELECT string_agg(database_name, ',' ORDER BY database_name) AS s FROM duckdb_databases()");
    expect(await page.textContent('[data-testid="sql-result"] tbody td')).toBe('memory,system,temp');
    await page.screenshot({ path: join(OUTPUT_DIR, 'sql-lock.png') });
  });

  it('starts normally after a reload, with the same pings', async () => {
    const { page } = session;
    await page.reload();
    await waitForDensity(page, 1);
    expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
    expect(await page.locator('[data-testid="error"]').count()).toBe(0);
  });

  it('made no request outside localhost', () => {
    expect(session.foreignRequests).toEqual([]);
  });
});
