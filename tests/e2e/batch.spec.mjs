// Batch Mode: 20 generated images submitted as one job to the emulator, watched to
// SUCCEEDED, each result's box drawn over its own image in the gallery; the job is
// listed again after a reload and its results load from the list.
import { test, expect } from './support/fixtures.mjs';
import { openDemo } from './support/demo.mjs';
import { EMULATOR_URL, armFaults, configure, expectFaultsFired, report, resetAll } from './support/emulator.mjs';
import { pngWithRect } from './support/synthetic.mjs';
import { readFile } from 'node:fs/promises';

test.beforeEach(async () => {
  await resetAll();
});

const COUNT = 20;
const SIZE = 160;
const CELL = SIZE / 4;

/** Image i: white, with a red square in cell i % 16 of a 4 x 4 grid. */
function image(i) {
  const cell = i % 16;
  const rect = { x: (cell % 4) * CELL + 8, y: Math.floor(cell / 4) * CELL + 8, w: CELL - 16, h: CELL - 16 };
  return { name: `cell-${String(i).padStart(2, '0')}.png`, mimeType: 'image/png', buffer: pngWithRect(SIZE, SIZE, rect) };
}

/** Each tile's name and the grid cell of its first box's centre (from the drawn box). */
async function tileCells(page) {
  const tiles = page.getByRole('list', { name: 'Batch results' }).getByRole('listitem');
  return tiles.evaluateAll((items) =>
    items.map((item) => {
      const box = item.querySelector('.batch-box');
      const name = item.querySelector('.batch-name')?.textContent ?? '';
      if (!box) return { key: item.dataset.key, name, cell: null };
      const pct = (v) => parseFloat(v);
      const cy = pct(box.style.top) + pct(box.style.height) / 2;
      const cx = pct(box.style.left) + pct(box.style.width) / 2;
      return { key: item.dataset.key, name, cell: Math.floor(cy / 25) * 4 + Math.floor(cx / 25) };
    }),
  );
}

test('a batch of 20 images runs to SUCCEEDED, fills the gallery by key, and is listed after a reload', async ({ page }) => {
  await openDemo(page);
  await page.locator('details.batch > summary').click();
  await page.locator('#batch-images').setInputFiles(Array.from({ length: COUNT }, (_, i) => image(i)));
  await expect(page.getByText(`${COUNT} images in the batch`)).toBeVisible();
  await page.locator('#batch-task').selectOption('Detect');
  await page.getByRole('button', { name: 'Submit batch' }).click();

  const job = page.getByRole('status', { name: 'Batch job' });
  await expect(job).toHaveAttribute('data-state', 'SUCCEEDED', { timeout: 60_000 });
  await expect(job).toContainText(`${COUNT} succeeded \u00b7 0 failed \u00b7 0 pending \u00b7 ${COUNT} requests`);
  const tiles = page.getByRole('list', { name: 'Batch results' }).getByRole('listitem');
  await expect(tiles).toHaveCount(COUNT);
  // Every tile shows its own image (joined by key), with one box over its red square.
  await expect(tiles.locator('img')).toHaveCount(COUNT);
  const cells = await tileCells(page);
  expect(cells.map((c) => c.name).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => image(i).name));
  for (const { key, name, cell } of cells) {
    const index = Number(name.slice(5, 7));
    expect(key.endsWith(name), key).toBe(true);
    expect(cell, name).toBe(index % 16);
  }
  await expect(tiles.locator('.batch-box')).toHaveCount(COUNT);

  // The batch view with its results, for docs/demo-batch.png (not an assertion).
  const section = page.locator('details.batch');
  await tiles.last().scrollIntoViewIfNeeded();
  await page
    .waitForFunction(() => [...document.querySelectorAll('.batch-thumb img')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 5_000 })
    .catch(() => {});
  await section.screenshot({ path: test.info().outputPath('demo-batch.png') });

  // "Export all" saves every result in the core's detection shape, pixels included.
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all (JSON)' }).click();
  const exported = JSON.parse(await readFile(await (await saved).path(), 'utf8'));
  expect(exported.images).toHaveLength(COUNT);
  for (const entry of exported.images) {
    expect(entry.key.endsWith(entry.image)).toBe(true);
    expect([entry.width, entry.height]).toEqual([SIZE, SIZE]);
    expect(entry.detections).toHaveLength(1);
    expect(entry.detections[0].box_2d).toHaveLength(4);
  }

  // A tile opens into the full result card, its overlay drawn.
  await page.getByRole('button', { name: 'Open cell-05.png' }).click();
  await expect(page.locator('article.result .result-title')).toHaveText('cell-05.png');
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem')).toHaveCount(1);

  // After a reload the job is listed (from batches.list), and its results load from it.
  const name = await job.locator('code').textContent();
  await openDemo(page);
  await page.locator('details.batch > summary').click();
  const listed = page.getByRole('list', { name: 'Recent batch jobs' }).locator(`li[data-name="${name}"]`);
  await expect(listed).toHaveAttribute('data-state', 'SUCCEEDED');
  await expect(listed).toContainText(`Detect \u00b7 ${COUNT} images`);
  await listed.getByRole('button').click();
  await expect(tiles).toHaveCount(COUNT);
  const reloaded = await tileCells(page);
  for (const { name, cell } of reloaded) expect(cell, name).toBe(Number(name.slice(5, 7)) % 16);
});

test('a batch over the inline limit goes as a JSONL file, its upload shown, and comes back by key', async ({ page }) => {
  const count = 30;
  // `batchMaxInline` lowers the limit so that 30 small images make a file.
  await page.goto(`/?emulator=${encodeURIComponent(EMULATOR_URL)}&batchMaxInline=20000`);
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  await page.locator('details.batch > summary').click();
  await page.locator('#batch-images').setInputFiles(Array.from({ length: count }, (_, i) => image(i)));
  await page.getByRole('button', { name: 'Submit batch' }).click();

  await expect(page.getByRole('status', { name: 'Batch upload' })).toContainText('JSONL file uploaded');
  const job = page.getByRole('status', { name: 'Batch job' });
  await expect(job).toHaveAttribute('data-state', 'SUCCEEDED', { timeout: 60_000 });
  const { uploads } = await report();
  expect(Object.keys(uploads ?? {})).toHaveLength(1);
  const tiles = page.getByRole('list', { name: 'Batch results' }).getByRole('listitem');
  await expect(tiles).toHaveCount(count);
  const cells = await tileCells(page);
  for (const { name, cell } of cells) expect(cell, name).toBe(Number(name.slice(5, 7)) % 16);
});

test('a submission stopped while its JSONL file uploads creates no job and can be sent again', async ({ page }) => {
  // The file's chunk is held 5 s: the session exists and the bytes are on their way.
  await armFaults({ kind: 'slow', delayMs: 5_000, target: 'chunk' });
  await page.goto(`/?emulator=${encodeURIComponent(EMULATOR_URL)}&batchMaxInline=20000`);
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  await page.locator('details.batch > summary').click();
  await page.locator('#batch-images').setInputFiles(Array.from({ length: 30 }, (_, i) => image(i)));
  const stop = page.getByRole('button', { name: 'Stop submitting' });
  await expect(stop).toBeDisabled();
  await page.getByRole('button', { name: 'Submit batch' }).click();
  const sessions = async () => Object.values((await report()).uploads ?? {}).map((u) => u.status);
  await expect.poll(sessions).toEqual(['active']);
  await stop.click();
  await expect(page.getByRole('button', { name: 'Submit batch' })).toBeEnabled();
  await expect(stop).toBeDisabled();
  await expect(page.getByRole('status', { name: 'Batch job' })).toHaveCount(0);
  // The library cancelled the upload session, and no job was asked for.
  await expect.poll(sessions).toEqual(['cancelled']);
  await expectFaultsFired();
  const { requests } = await report();
  expect(requests.filter((r) => r.path.includes(':batchGenerateContent'))).toHaveLength(0);

  await page.getByRole('button', { name: 'Submit batch' }).click();
  await expect(page.getByRole('status', { name: 'Batch job' })).toHaveAttribute('data-state', 'SUCCEEDED', { timeout: 60_000 });
});

test('a pending job is cancelled from the page and listed as cancelled', async ({ page }) => {
  // A slow clock keeps the job PENDING long enough to cancel it.
  await configure({ batchPendingMs: 60_000 });
  try {
    await openDemo(page);
    await page.locator('details.batch > summary').click();
    await page.locator('#batch-images').setInputFiles(Array.from({ length: 5 }, (_, i) => image(i)));
    await page.getByRole('button', { name: 'Submit batch' }).click();
    const job = page.getByRole('status', { name: 'Batch job' });
    await expect(job).toHaveAttribute('data-state', 'PENDING');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await expect(job).toHaveAttribute('data-state', 'CANCELLED');
    const name = await job.locator('code').textContent();
    const listed = page.getByRole('list', { name: 'Recent batch jobs' }).locator(`li[data-name="${name}"]`);
    await expect(listed).toHaveAttribute('data-state', 'CANCELLED');
    await expect(page.getByRole('list', { name: 'Batch results' }).getByRole('listitem')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Cancel job' })).toBeDisabled();
  } finally {
    await configure({ batchPendingMs: 200 });
  }
});
