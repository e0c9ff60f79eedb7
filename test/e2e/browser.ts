/**
 * Shared harness for the browser tests: Debian's Chromium (never a downloaded browser), a fresh
 * temporary profile (Playwright's default), and a recorder of every request so tests can prove nothing leaves localhost.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const OUTPUT_DIR = join(process.cwd(), 'test-output');
mkdirSync(OUTPUT_DIR, { recursive: true });

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RecordedPage {
  context: BrowserContext;
  page: Page;
  /** URLs requested from any host other than localhost/127.0.0.1. */
  foreignRequests: string[];
  consoleErrors: string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

export async function openRecordedPage(browser: Browser): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  // Recorded at the context so requests from workers count too.
  context.on('request', (request) => {
    if (!isLocalUrl(request.url())) foreignRequests.push(request.url());
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, foreignRequests, consoleErrors };
}

/** Waits until the app has loaded its data and drawn at least `minRevision` density results. */
export async function waitForDensity(page: Page, minRevision: number, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (min) => {
      const bar = document.querySelector('[data-testid="status-bar"]');
      return bar !== null && Number(bar.getAttribute('data-revision')) >= min;
    },
    minRevision,
    { timeout },
  );
}

export async function densityRevision(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="status-bar"]', 'data-revision'));
}

/** Colour classes the tests count on the map canvas; the offline basemap uses none of them. */
export type PixelClass = 'warm' | 'teal' | 'green';

/**
 * Counts map-canvas pixels of a colour class after the next frames have rendered: 'warm' is the
 * density palette's orange to dark red, 'teal' the network isochrone's fill, 'green' SQL results.
 */
export async function countMapPixels(page: Page, pixelClass: PixelClass): Promise<number> {
  return page.evaluate(async (kind) => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const source = document.querySelector('.map canvas.maplibregl-canvas') as HTMLCanvasElement;
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d')!;
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      const match =
        kind === 'warm' ? r > 170 && b < 140 && r - g > 40 : kind === 'teal' ? g - r > 40 && b - r > 30 : g > 120 && g - r > 80 && g - b > 30;
      if (match) count++;
    }
    return count;
  }, pixelClass);
}

export const countDensityPixels = (page: Page) => countMapPixels(page, 'warm');

/** Where a WGS-84 point is on screen (the map draws in WGS-84 unless a GCJ-02 basemap is set). */
export async function screenPointOf(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([x, y]) => {
    const map = (window as unknown as { __atlasMap: { project: (p: [number, number]) => { x: number; y: number }; getCanvas: () => HTMLCanvasElement } }).__atlasMap;
    const rect = map.getCanvas().getBoundingClientRect();
    const p = map.project([x, y]);
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, [lon, lat]);
}

/** A fresh browser on the app, with the demo data loaded and drawn. */
export async function openApp(baseUrl: string): Promise<{ browser: Browser; session: RecordedPage }> {
  const browser = await launchChromium();
  const session = await openRecordedPage(browser);
  await session.page.goto(baseUrl);
  await waitForDensity(session.page, 1);
  return { browser, session };
}
