// Segment a dropped synthetic image: the mask is drawn over the red square and nowhere else.
import { test, expect } from './support/fixtures.mjs';
import { canvasPixels, finishedOverlay, near, openDemo } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';
import { pngWithRect } from './support/synthetic.mjs';

const RED = [230, 20, 20];
const WHITE = [255, 255, 255];
const SQUARE = { x: 120, y: 90, w: 160, h: 160 };

test.beforeEach(async () => {
  await resetAll();
});

async function dropFile(page, name, mime, bytes) {
  const transfer = await page.evaluateHandle(
    ({ name, mime, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type: mime }));
      return transfer;
    },
    { name, mime, data: bytes.toString('base64') },
  );
  await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a dropped red square is segmented and its mask covers the square only', async ({ page }) => {
  await openDemo(page);
  await dropFile(page, 'red-square.png', 'image/png', pngWithRect(400, 340, SQUARE, RED));
  await expect(page.getByRole('list', { name: 'Added files' }).getByText('red-square.png')).toBeVisible();

  await page.getByRole('button', { name: 'Segment' }).click();
  const canvas = await finishedOverlay(page);
  await expect(page.getByRole('list', { name: 'Detections' })).toContainText('red square');

  // Labels and boxes off: only the mask layer is over the image.
  await page.getByLabel('Labels', { exact: true }).uncheck();
  await page.getByLabel('Boxes', { exact: true }).uncheck();
  const inside = [[200, 170], [140, 110], [260, 230]];
  const outside = [[30, 30], [370, 310], [200, 300]];
  let [a, b, c, d, e, f] = await canvasPixels(canvas, [...inside, ...outside]);
  for (const pixel of [a, b, c]) expect(near(pixel, RED, 12)).toBe(false);
  for (const pixel of [d, e, f]) expect(near(pixel, WHITE, 3)).toBe(true);

  // Masks off: the square is plain red again.
  await page.getByLabel('Masks', { exact: true }).uncheck();
  [a, b, c] = await canvasPixels(canvas, inside);
  for (const pixel of [a, b, c]) expect(near(pixel, RED, 3)).toBe(true);
});

test('the recorded segmentation of an example draws its masks', async ({ page }) => {
  await openDemo(page);
  await page.getByRole('button', { name: 'Add example cupcakes.png' }).click();
  await page.getByRole('button', { name: 'Segment' }).click();
  const canvas = await finishedOverlay(page);
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem')).not.toHaveCount(0);
  const masks = await canvas.evaluate((element) => Number(element.dataset.masks ?? 0));
  expect(masks).toBeGreaterThan(0);
});
