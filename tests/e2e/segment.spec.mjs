// Segment a dropped synthetic image: the mask is drawn over the red square and nowhere else.
import { test, expect } from './support/fixtures.mjs';
import { addExample, answerWith, canvasPixels, finishedOverlay, near, openDemo } from './support/demo.mjs';
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
  // Waits for the example to be added: Segment before that would run on nothing.
  await addExample(page, 'cupcakes.png');
  await page.getByRole('button', { name: 'Segment' }).click();
  const canvas = await finishedOverlay(page);
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem')).not.toHaveCount(0);
  const masks = await canvas.evaluate((element) => Number(element.dataset.masks ?? 0));
  expect(masks).toBeGreaterThan(0);
});

test('masks that cannot be read are named on the card, with the models to try', async ({ page }) => {
  // What Gemini 2.5 sometimes answers: mask tokens that no public decoder reads.
  await answerWith(page, JSON.stringify([
    { box_2d: [100, 100, 500, 500], label: 'cupcake', mask: '<start_of_mask><seg_12><seg_40><seg_7>' },
  ]));
  await openDemo(page);
  await addExample(page, 'cupcakes.png');
  await page.getByRole('button', { name: 'Segment' }).click();
  await finishedOverlay(page);
  const note = page.locator('.result .mask-note');
  await expect(note).toContainText('cannot be read');
  await expect(note).toContainText('<start_of_mask>');
  await expect(note).toContainText('gemini-robotics-er-1.6-preview');
  // The box is still listed and drawn.
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem')).toHaveCount(1);
});

test('Segment switches a model that does not segment to one that does, with thinking off', async ({ page }) => {
  const urls = [];
  page.on('request', (request) => {
    if (request.url().includes('GenerateContent')) urls.push(request.url());
  });
  await openDemo(page);
  await addExample(page, 'cupcakes.png');
  await page.locator('details.settings > summary').click();
  const model = page.getByLabel('Model', { exact: true });
  await model.fill('gemini-3-pro-preview');
  await model.press('Tab');
  await page.getByRole('button', { name: 'Segment' }).click();
  await finishedOverlay(page);
  await expect(model).toHaveValue('gemini-2.5-flash');
  expect(urls.some((url) => url.includes('/models/gemini-2.5-flash:streamGenerateContent'))).toBe(true);
});
