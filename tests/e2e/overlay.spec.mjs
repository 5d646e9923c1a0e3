// The overlay toolbar: the 3D boxes' field-of-view slider redraws them (the renderer's
// fovDegrees), and the toolbar never covers a result card's title.
import { expect, pageErrors, test } from './support/fixtures.mjs';
import { addExample, answerWith, finishedOverlay, openDemo } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

test('the field-of-view slider redraws the 3D boxes', async ({ page }) => {
  await answerWith(page, JSON.stringify([
    { label: 'sugar pot', box_3d: [0.1, 1.2, -0.1, 0.3, 0.3, 0.3, 0, 0, 20] },
  ]));
  await openDemo(page);
  await addExample(page, 'spill.jpg');
  await page.getByRole('button', { name: '3D boxes' }).click();
  const canvas = await finishedOverlay(page);
  const slider = page.getByRole('slider', { name: 'Field of view' });
  await expect(slider).toHaveValue('60');
  const before = await canvas.evaluate((c) => c.toDataURL());
  await slider.fill('100');
  await expect(canvas).toHaveAttribute('data-fov', '100');
  await expect(page.locator('.overlay-controls')).toContainText('100\u00b0');
  const after = await canvas.evaluate((c) => c.toDataURL());
  expect(after).not.toBe(before);
});

test('a 2D task has no field-of-view slider', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await finishedOverlay(page);
  await expect(page.getByRole('slider', { name: 'Field of view' })).toHaveCount(0);
});

/** Whether the overlay toolbar and the first card's title overlap on screen. */
async function barCoversTitle(page) {
  return page.evaluate(() => {
    const bar = document.querySelector('.overlay-controls').getBoundingClientRect();
    const title = document.querySelector('.result-title').getBoundingClientRect();
    const apart = bar.bottom <= title.top || title.bottom <= bar.top
      || bar.right <= title.left || title.right <= bar.left;
    return !apart;
  });
}

for (const size of [
  { name: 'desktop', viewport: { width: 1440, height: 700 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
]) {
  test(`the overlay toolbar does not cover a card's title on a ${size.name}`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ ...size, baseURL: testInfo.project.use.baseURL });
    const errors = pageErrors(context);
    const page = await context.newPage();
    await openDemo(page);
    await addExample(page, 'socks.jpg');
    await addExample(page, 'cupcakes.png');
    await page.getByRole('button', { name: 'Detect' }).click();
    await finishedOverlay(page);
    expect(await barCoversTitle(page)).toBe(false);
    // Scrolled to each card (as a link or the results' reveal does): its title shows.
    for (const index of [0, 1]) {
      await page.locator('.result').nth(index).evaluate((card) => card.scrollIntoView({ block: 'start' }));
      const covered = await page.evaluate((index) => {
        const bar = document.querySelector('.overlay-controls').getBoundingClientRect();
        const title = document.querySelectorAll('.result-title')[index].getBoundingClientRect();
        return !(bar.bottom <= title.top || title.bottom <= bar.top || bar.right <= title.left || title.right <= bar.left);
      }, index);
      expect(covered, `card ${index}`).toBe(false);
    }
    await context.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });
}
