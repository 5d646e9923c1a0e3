// Detect on an example: the boxes drawn on the canvas sit where the replayed real
// answer puts them.
import { test, expect } from './support/fixtures.mjs';
import { addExample, answerItems, answerText, canvasPixels, finishedOverlay, hexToRgb, near, openDemo } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

test('detected boxes on an example are drawn where the replayed answer puts them', async ({ page }) => {
  const errors = await openDemo(page);
  await addExample(page, 'cupcakes.png');
  // Labels off, so that label backgrounds do not cover box edges.
  await page.getByRole('button', { name: 'Detect' }).click();
  const canvas = await finishedOverlay(page);
  await page.getByLabel('Labels', { exact: true }).uncheck();

  const items = answerItems(await answerText(page));
  expect(items.length).toBeGreaterThan(5);
  const list = page.getByRole('list', { name: 'Detections' });
  await expect(list.getByRole('listitem')).toHaveCount(items.length);
  const colors = await list.getByRole('listitem').evaluateAll((rows) => rows.map((r) => r.dataset.color));

  const width = Number(await canvas.getAttribute('data-image-width'));
  const height = Number(await canvas.getAttribute('data-image-height'));
  // Middle of the left, right and bottom edges of every box, in image pixels, with the
  // direction across the edge: the renderer strokes just outside the box.
  const edges = items.flatMap((item) => {
    const [ymin, xmin, ymax, xmax] = item.box_2d.map((v) => v / 1000);
    const [x0, x1, y0, y1] = [xmin * width, xmax * width, ymin * height, ymax * height];
    return [[x0, (y0 + y1) / 2, 1, 0], [x1, (y0 + y1) / 2, 1, 0], [(x0 + x1) / 2, y1, 0, 1]];
  });
  const OFFSETS = [-3, -2, -1, 0, 1, 2, 3];
  const points = edges.flatMap(([x, y, dx, dy]) => OFFSETS.map((d) => [x + d * dx, y + d * dy]));
  const pixels = await canvasPixels(canvas, points);
  let matching = 0;
  edges.forEach((_, i) => {
    const color = hexToRgb(colors[Math.floor(i / 3)]);
    const across = pixels.slice(i * OFFSETS.length, (i + 1) * OFFSETS.length);
    if (across.some((pixel) => near(pixel, color, 30))) matching += 1;
  });
  // Boxes overlap, so a few edges lie under another box's line.
  expect(matching / edges.length).toBeGreaterThan(0.85);
  expect(errors).toEqual([]);
});

test('hovering a detection highlights it and the canvas hit-test finds it back', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  const canvas = await finishedOverlay(page);
  const items = answerItems(await answerText(page));
  const list = page.getByRole('list', { name: 'Detections' });
  const first = list.getByRole('listitem').first();

  await first.hover();
  await expect(first).toHaveClass(/active/);

  // Hover the middle of the first box on the canvas: its list item lights up.
  const box = await canvas.boundingBox();
  const [ymin, xmin, ymax, xmax] = items[0].box_2d;
  await page.mouse.move(0, 0);
  await page.mouse.move(box.x + ((xmin + xmax) / 2000) * box.width, box.y + ((ymin + ymax) / 2000) * box.height);
  await expect(list.locator('.detection.active')).toHaveCount(1);
});

test('the annotated PNG and the detections JSON can be exported', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await finishedOverlay(page);

  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('socks-annotated.png');
  const bytes = await streamBytes(await png.createReadStream());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  // The export is at the image's own size (640 x 482), whatever the screen's pixel ratio.
  expect(bytes.readUInt32BE(16)).toBe(640);
  expect(bytes.readUInt32BE(20)).toBe(482);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const doc = JSON.parse((await streamBytes(await json.createReadStream())).toString());
  expect(doc.width).toBe(640);
  expect(doc.detections.length).toBeGreaterThan(0);
  // The core's one detection shape (Detection::to_json): pixel boxes as {x, y, width, height}.
  expect(doc.detections[0].pixelBox.width).toBeGreaterThan(0);
  expect(doc.detections[0].box_2d).toHaveLength(4);
  expect(doc.detections[0].mask.kind).toBe('none');
});

async function streamBytes(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
