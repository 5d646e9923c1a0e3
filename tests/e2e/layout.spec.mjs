// The page on a desktop and on a phone: nothing overflows, the overlay fits the screen.
// Screenshots go to the test's output folder, or to $SCREENSHOT_DIR (docs/ refreshes the
// README's pictures: SCREENSHOT_DIR=docs scripts/suites/e2e.sh).
import { expect, pageErrors, test } from './support/fixtures.mjs';
import { addExample, finishedOverlay, openDemo } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 960 }, deviceScaleFactor: 1 },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

test.beforeEach(async () => {
  await resetAll();
});

for (const size of SIZES) {
  test(`the segmented example fits a ${size.name} screen`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ ...size, baseURL: testInfo.project.use.baseURL });
    const errors = pageErrors(context);
    const page = await context.newPage();
    await openDemo(page);
    await addExample(page, 'cupcakes.png');
    await page.getByRole('button', { name: 'Segment' }).click();
    const canvas = await finishedOverlay(page);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await canvas.boundingBox();
    expect(box.width).toBeGreaterThan(size.viewport.width * 0.4);
    expect(box.x + box.width).toBeLessThanOrEqual(size.viewport.width);
    // Touch targets of the task bar are at least 32 px high.
    const detect = await page.getByRole('button', { name: 'Detect' }).boundingBox();
    expect(detect.height).toBeGreaterThanOrEqual(32);

    if (size.name === 'desktop') {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('list', { name: 'Detections' }).getByRole('listitem').nth(3).hover();
    } else {
      // A run scrolls the results into view on a phone; show the card from its top.
      await page.locator('.result').evaluate((card) => card.scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -60));
    }
    const dir = process.env.SCREENSHOT_DIR ?? testInfo.outputDir;
    await page.screenshot({ path: `${dir}/demo-${size.name}.png` });
    await context.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });
}
