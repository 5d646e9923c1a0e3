// The other tasks and several images at once.
import { test, expect } from './support/fixtures.mjs';
import { addExample, answerWith, finishedOverlay, openDemo, recordGenerateBodies } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

test('several images are answered side by side, one card each', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'cupcakes.png');
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  const canvases = page.getByRole('img', { name: 'Result overlay' });
  await expect(canvases).toHaveCount(2);
  for (const canvas of await canvases.all()) await expect(canvas).toHaveAttribute('data-state', 'done');
  await expect(page.locator('.result-title')).toHaveText(['cupcakes.png', 'socks.jpg']);
  // Side by side on a desktop: the two cards share a row.
  const [a, b] = await page.locator('.result').all();
  expect(Math.abs((await a.boundingBox()).y - (await b.boundingBox()).y)).toBeLessThan(2);
});

test('points are listed and drawn', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Point' }).click();
  const canvas = await finishedOverlay(page);
  const items = page.getByRole('list', { name: 'Detections' }).getByRole('listitem');
  await expect(items.first()).toContainText('point');
  expect(Number(await canvas.getAttribute('data-drawn'))).toBeGreaterThan(0);
});

test('3D boxes are listed and drawn', async ({ page }) => {
  // In Gemini's convention (as the AI Studio spatial applet reads it) y points away from
  // the camera and z up. The emulator puts depth in z instead, so this answer is given.
  await answerWith(page, JSON.stringify([
    { label: 'sugar pot', box_3d: [0.1, 1.2, -0.1, 0.3, 0.3, 0.3, 0, 0, 20] },
    { label: 'cloth', box_3d: [-0.3, 1.5, -0.2, 0.4, 0.3, 0.05, 0, 0, -10] },
  ]));
  await openDemo(page);
  await addExample(page, 'spill.jpg');
  await page.getByRole('button', { name: '3D boxes' }).click();
  const canvas = await finishedOverlay(page);
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem').first()).toContainText('3D box');
  expect(Number(await canvas.getAttribute('data-drawn'))).toBe(2);
  await expect(page.locator('.warnings')).toHaveCount(0);
});

test('a caption streams in as prose', async ({ page }) => {
  await openDemo(page);
  await addExample(page, 'cupcakes.png');
  await page.getByRole('button', { name: 'Caption' }).click();
  const answer = page.getByLabel('Answer');
  await expect(answer).not.toBeEmpty();
  await expect(page.locator('.result .badge')).toHaveText('Done');
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveCount(0);
});

test('an edited prompt is what gets sent', async ({ page }) => {
  const bodies = await recordGenerateBodies(page);
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Point' }).click();
  await finishedOverlay(page);
  await page.getByLabel('Prompt').fill('Point to the sock with a face.');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.locator('.result .badge')).toContainText('found');
  const sent = await bodies();
  expect(sent).toHaveLength(2);
  expect(sent[1]).toContain('Point to the sock with a face.');
  expect(sent[0]).not.toContain('Point to the sock with a face.');
});
