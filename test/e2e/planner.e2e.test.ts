/**
 * The enrolment-drive planner in Chromium on the demo data: 5 drives give 5 numbered markers and
 * a ranked list; the exported CSV has the plan; the print view shows the map and the table; and
 * the command the app shows, run with `npm run plan`'s code in Node, writes the identical CSV.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openApp, OUTPUT_DIR, screenPointOf, type RecordedPage } from './browser';

let browser: Browser;
let session: RecordedPage;
const baseUrl = inject('baseUrl');
const work = mkdtempSync(join(tmpdir(), 'atlas-plan-'));

beforeAll(async () => {
  ({ browser, session } = await openApp(baseUrl));
});

afterAll(async () => {
  await browser?.close();
});

/** Share of pixels in a PNG (decoded in the page) that are not near-white: ink on the paper. */
async function inkShare(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink++;
    return ink / (data.length / 4);
  }, png.toString('base64'));
}

/** Whether the map canvas shows the drive marker's teal next to a screen point. */
async function tealNear(page: Page, x: number, y: number): Promise<boolean> {
  return page.evaluate(
    ([px, py]) => {
      const source = document.querySelector('.map canvas.maplibregl-canvas') as HTMLCanvasElement;
      const rect = source.getBoundingClientRect();
      const scale = source.width / rect.width;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(source, 0, 0);
      // A ring 6–8 px out from the centre: inside the 11 px marker, clear of its white number.
      for (let a = 0; a < 16; a++) {
        for (const d of [6, 7, 8]) {
          const sx = Math.round((px - rect.left + d * Math.cos((a * Math.PI) / 8)) * scale);
          const sy = Math.round((py - rect.top + d * Math.sin((a * Math.PI) / 8)) * scale);
          const [r, g, b] = ctx.getImageData(sx, sy, 1, 1).data;
          if (r < 60 && g > 80 && g < 140 && b > 90 && b < 150) return true;
        }
      }
      return false;
    },
    [x, y],
  );
}

describe('enrolment-drive planner', () => {
  let appCsv = '';

  it('plans 5 drives: 5 ranked sites in the panel and 5 numbered markers on the map', async () => {
    const { page } = session;
    await page.locator('[data-testid="plan-k"]').fill('5');
    await page.locator('[data-testid="plan-drives"]').fill('5');
    await page.locator('[data-testid="plan-run"]').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) >= 1, null, { timeout: 120_000 });
    expect(await page.locator('[data-testid="plan-error"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(5);
    expect(await page.getAttribute('[data-testid="plan-result"]', 'data-sites')).toBe('5');
    expect(await page.locator('[data-testid="plan-schedule"] tbody tr').count()).toBe(5);
    const headline = (await page.textContent('[data-testid="plan-headline"]'))!;
    expect(headline).toMatch(/^5 个地点可接触 [\d,]+ \/ [\d,]+ 名司机/);

    // Download the CSV: it is what the panel lists.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="plan-export-csv"]').click()]);
    appCsv = readFileSync((await download.path())!, 'utf8');
    const lines = appCsv.replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('排名,地点,类型,区,经度,纬度,覆盖司机,新增司机,覆盖定位点,目标增益,最佳时段,原因（新增最多的网格）');
    expect(lines).toHaveLength(6);
    const rows = lines.slice(1).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')));
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5]);
    const panelDrivers = await page.locator('[data-testid="plan-sites"] tbody tr td:nth-child(3)').allTextContents();
    expect(rows.map((r) => Number(r[6]))).toEqual(panelDrivers.map((d) => Number(d.replace(/,/g, ''))));
    // New drivers are positive and the best slots are real weekday/hour windows.
    for (const r of rows) {
      expect(Number(r[7])).toBeGreaterThan(0);
      expect(r[10]).toMatch(/^周[一二三四五六日] \d\d:00–\d\d:00$/);
    }
    writeFileSync(join(work, 'app.csv'), appCsv);

    // The print view frames the plan; afterwards every site's marker is on the map.
    await page.locator('[data-testid="plan-print"]').click();
    await page.locator('[data-testid="print-view"]').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'plan-print-view.png'), fullPage: true });
    await page.locator('[data-testid="print-close"]').click();
    await page.screenshot({ path: join(OUTPUT_DIR, 'plan-map.png') });
    for (const r of rows) {
      const { x, y } = await screenPointOf(page, Number(r[4]), Number(r[5]));
      expect(await tealNear(page, x, y), `marker for site ${r[0]} at ${r[4]}, ${r[5]}`).toBe(true);
    }
  });

  it('opens a print view with the map image and the ranked table', async () => {
    const { page } = session;
    await page.locator('[data-testid="plan-print"]').click();
    const view = page.locator('[data-testid="print-view"]');
    await view.waitFor();
    expect(await page.locator('[data-testid="print-sites"] tbody tr').count()).toBe(5);
    expect(await page.locator('[data-testid="print-schedule"] tbody tr').count()).toBe(5);
    const mapWidth = await page.locator('[data-testid="print-map"]').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(mapWidth).toBeGreaterThan(300);
    // As printed: A4 media, only the plan on the page.
    await page.emulateMedia({ media: 'print' });
    const table = await page.locator('[data-testid="print-sites"]').screenshot({ path: join(OUTPUT_DIR, 'plan-print-table.png') });
    const mapImage = await page.locator('[data-testid="print-map"]').screenshot();
    const whole = await page.screenshot({ path: join(OUTPUT_DIR, 'plan-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // The table has text and rules; the map image is not blank; the side panel is not printed.
    expect(await inkShare(page, table)).toBeGreaterThan(0.03);
    expect(await inkShare(page, mapImage)).toBeGreaterThan(0.05);
    expect(await inkShare(page, whole)).toBeGreaterThan(0.02);
    const firstRow = await page.locator('[data-testid="print-sites"] tbody tr').first().textContent();
    expect(firstRow).toContain(appCsv.split('\r\n')[1].split(',')[1].replace(/^"/, ''));
    await page.locator('[data-testid="print-close"]').click();
  });

  it('the command shown by the app reproduces the same CSV with npm run plan', async () => {
    const { page } = session;
    await page.locator('[data-testid="plan-command-toggle"]').click();
    const command = (await page.textContent('[data-testid="plan-command"]'))!;
    expect(command.startsWith('npm run plan -- ')).toBe(true);
    const args = command.replace('npm run plan -- ', '').split(' ');
    const out = join(work, 'cli.csv');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/plan.ts', ...args, '--csv', out], { stdio: 'pipe' });
    expect(readFileSync(out, 'utf8')).toBe(appCsv);
  });

  it('solves exactly with HiGHS in the worker (time-limited), and cancels a long solve', async () => {
    const { page } = session;
    const revision = Number(await page.getAttribute('[data-testid="planner-panel"]', 'data-revision'));
    await page.locator('[data-testid="plan-k"]').fill('3');
    await page.locator('[data-testid="plan-solver"]').selectOption('exact');
    await page.locator('[data-testid="plan-time-limit"]').fill('4');
    await page.locator('[data-testid="plan-run"]').click();
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) > r, revision, { timeout: 120_000 });
    const solver = (await page.textContent('[data-testid="plan-solver-report"]'))!;
    // Proved optimal, or stopped at the limit with the bound HiGHS proved (or none); never worse than the greedy.
    expect(solver).toMatch(/精确求解 (已证明最优|到达时限（上界 [\d,]+）|到达时限（上界未知：[^）]+）)，\d+ 毫秒；贪心与之相差 \d+\.\d\d%/);
    expect(await page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(3);

    // A 600 s solve, cancelled while it runs: the panel is idle again and keeps the last plan.
    await page.locator('[data-testid="plan-time-limit"]').fill('600');
    await page.locator('[data-testid="plan-run"]').click();
    await page.locator('[data-testid="plan-progress"]').filter({ hasText: '正在求解' }).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="plan-cancel"]').click();
    await expect.poll(() => page.locator('[data-testid="plan-run"]').isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('[data-testid="plan-error"]').count()).toBe(0);
    expect(await page.locator('[data-testid="plan-sites"] tbody tr').count()).toBe(3);
    await page.locator('[data-testid="plan-solver"]').selectOption('greedy');
  });

  it('keeps drives out of an area drawn on the map', async () => {
    const { page } = session;
    // Exclude a box around the current top site.
    const top = await page.evaluate(() => JSON.parse(localStorage.getItem('atlas.lastPlan')!).sites[0] as { lon: number; lat: number; id: string });
    await page.locator('[data-testid="plan-exclude"]').click();
    for (const [dx, dy] of [[-0.03, -0.03], [0.03, -0.03], [0.03, 0.03], [-0.03, 0.03]]) {
      const { x, y } = await screenPointOf(page, top.lon + dx, top.lat + dy);
      await page.mouse.click(x, y);
    }
    await page.locator('[data-testid="plan-exclude-done"]').click();
    expect(await page.textContent('[data-testid="plan-exclude-clear"]')).toContain('1');
    const revision = Number(await page.getAttribute('[data-testid="planner-panel"]', 'data-revision'));
    await page.locator('[data-testid="plan-run"]').click();
    await page.waitForFunction((r) => Number(document.querySelector('[data-testid="planner-panel"]')?.getAttribute('data-revision')) > r, revision, { timeout: 120_000 });
    const sites = await page.evaluate(() => JSON.parse(localStorage.getItem('atlas.lastPlan')!).sites as { lon: number; lat: number; id: string }[]);
    expect(sites.length).toBe(3);
    for (const site of sites) expect(Math.abs(site.lon - top.lon) < 0.03 && Math.abs(site.lat - top.lat) < 0.03, site.id).toBe(false);
    await page.screenshot({ path: join(OUTPUT_DIR, 'plan-exclusion.png') });
    await page.locator('[data-testid="plan-exclude-clear"]').click();
  });

  it('made no request off this machine and raised no errors', () => {
    expect(session.foreignRequests).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
