import { launchChromium, openRecordedPage, waitForDensity, screenPointOf } from '/work/main/test/e2e/browser';
const browser = await launchChromium();
const s = await openRecordedPage(browser);
const page = s.page;
page.on('console', (m) => { if (m.type() !== 'warning') console.log('console', m.type(), m.text().slice(0, 200)); });
await page.goto('http://127.0.0.1:5199/');
await waitForDensity(page, 1);
await page.locator('[data-testid="coverage-enabled"]').check();
await page.locator('[data-testid="coverage-pings"]').waitFor({ timeout: 60000 });
await page.waitForFunction(() => document.querySelector('[data-testid="autosave-status"]')?.getAttribute('data-phase') === 'saved', null, { timeout: 60000 });
console.log('first snapshot saved');
await page.locator('[data-testid="whatif-place"]').click();
const p = await screenPointOf(page, 113.292, 23.098);
await page.mouse.click(p.x, p.y);
await page.locator('[data-testid="whatif-keep"]').waitFor();
await page.locator('[data-testid="whatif-keep"]').click();
const st = async (label: string) => console.log(label, await page.textContent('[data-testid="station-count"]'), await page.getAttribute('[data-testid="autosave-status"]', 'data-phase'), await page.getAttribute('[data-testid="autosave-status"]', 'data-revision'), await page.evaluate(() => localStorage.getItem('atlas.stationEdits')?.slice(0, 80)));
for (let i = 0; i < 20; i++) { if ((await page.textContent('[data-testid="station-count"]')) === '28') break; await page.waitForTimeout(250); }
await st('kept');
await page.locator('[data-testid="station-undo"]').click();
for (let i = 0; i < 40; i++) { if ((await page.textContent('[data-testid="station-count"]')) === '27') break; await page.waitForTimeout(250); }
await st('undone');
await page.keyboard.press('Control+Shift+Z');
for (let i = 0; i < 40; i++) { if ((await page.textContent('[data-testid="station-count"]')) === '28') break; await page.waitForTimeout(250); }
await st('redone');
await page.reload();
await waitForDensity(page, 1);
await st('reloaded');
await page.waitForTimeout(3000);
await st('reloaded+3s');
console.log(s.consoleErrors, await page.getAttribute('[data-testid="autosave-status"]', 'data-restored'));
await browser.close();
