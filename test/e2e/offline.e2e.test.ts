/**
 * Installable and offline (issue 9, acceptance 1): after one visit the service worker has cached
 * the whole app; with the network off a reload still shows the map with the demo week, and a
 * plan still runs. No request leaves this machine at any point.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { countDensityPixels, openApp, OUTPUT_DIR, waitForDensity, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

describe('offline after one visit', () => {
  it('is installable: a zh-CN manifest with an icon, and says when it can work offline', async () => {
    const { page } = session;
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]') as HTMLLinkElement;
      return (await fetch(link.href)).json();
    });
    expect(manifest).toMatchObject({ lang: 'zh-CN', short_name: '外联地图', display: 'standalone', start_url: './' });
    expect(manifest.icons.length).toBeGreaterThan(0);
    await page.locator('[data-testid="offline-status"][data-state="ready"]').waitFor({ timeout: 120_000 });
    expect(await page.textContent('[data-testid="offline-status"]')).toBe('可离线使用');
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find((k) => k.startsWith('atlas-'))!);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached.some((p) => p.endsWith('.parquet'))).toBe(true);
    expect(cached.some((p) => /duckdb-eh-.*\.wasm$/.test(p))).toBe(true);
    expect(cached.some((p) => /highs-.*\.wasm$/.test(p))).toBe(true);
    expect(cached.some((p) => /parquet_wasm_bg-.*\.wasm$/.test(p))).toBe(true);
  });

  it('reloads with the network off: map, demo data and a plan all work', async () => {
    const { page, context } = session;
    await context.setOffline(true);
    try {
      await page.reload();
      await waitForDensity(page, 1);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await page.textContent('[data-testid="filtered-pings"]')).toBe('1,026,646');
      expect(await countDensityPixels(page)).toBeGreaterThan(5000);
      await page.locator('[data-testid="plan-k"]').fill('3');
      await page.locator('[data-testid="plan-run"]').click();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) >= 1, null, { timeout: 120_000 });
      expect(await page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(3);
      await page.screenshot({ path: join(OUTPUT_DIR, 'offline-reload.png') });
    } finally {
      await context.setOffline(false);
    }
  });

  it('made no request off this machine and raised no errors', () => {
    expect(session.foreignRequests).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
