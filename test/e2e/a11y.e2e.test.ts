/**
 * Accessible and linkable (issue 9): axe-core finds no serious or critical WCAG 2 A/AA problem in
 * either language; the main controls are reachable with Tab and a plan can be made from the
 * keyboard; a link carries the view and filters (never data) and opens the same view.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openRecordedPage, waitForDensity, type RecordedPage } from './browser';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const LINK = '#map=11.00/23.13000/113.32000&h=7-9&d=1-5&layer=hexagons&metric=drivers&hex=1000&src=pings';

beforeAll(async () => {
  browser = await launchChromium();
  session = await openRecordedPage(browser);
  await session.page.goto(baseUrl + LINK);
  await waitForDensity(session.page, 1);
});

afterAll(async () => {
  await browser?.close();
});

/** axe-core runs through the DevTools protocol, which the page's CSP does not govern. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

describe('a link opens the same view', () => {
  it('applies the view and filters in the address, and keeps the address in step', async () => {
    const { page } = session;
    expect(await page.inputValue('[data-testid="hex-size"]')).toBe('1000');
    const zoom = await page.evaluate(() => (window as unknown as { __atlasMap: { getZoom: () => number } }).__atlasMap.getZoom());
    expect(zoom).toBeCloseTo(11, 1);
    const shown = (await page.textContent('[data-testid="filtered-pings"]'))!;
    expect(Number(shown.replace(/,/g, ''))).toBeLessThan(1_026_646);
    expect(await page.evaluate(() => location.hash)).toContain('h=7-9&d=1-5&layer=hexagons');
    await page.locator('[data-testid="hex-size"]').selectOption('500');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('hex=500');
  });
});

describe('accessibility', () => {
  it('has no serious or critical WCAG 2 A/AA violations, in Chinese and in English', async () => {
    const { page } = session;
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-testid="lang-switch"]').click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('[data-testid="lang-switch"]').click();
  });

  it('reaches the main controls with Tab and makes a plan from the keyboard', async () => {
    const { page } = session;
    await page.locator('[data-testid="lang-switch"]').focus();
    const reached = new Set<string>();
    for (let i = 0; i < 250 && !reached.has('plan-run'); i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
      if (id) reached.add(id);
    }
    for (const id of ['project-save', 'import-choose', 'coverage-enabled', 'plan-k', 'plan-run']) expect(reached, id).toContain(id);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) >= 1, null, { timeout: 120_000 });
    expect(await page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(8);
  });
});
