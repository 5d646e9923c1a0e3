// A 300 MB video goes through the File API: progress, faults survived, ACTIVE, answered.
import { test, expect } from './support/fixtures.mjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDemo } from './support/demo.mjs';
import { armFaults, configure, expectFaultsFired, report, resetAll } from './support/emulator.mjs';
import { writeMp4 } from './support/synthetic.mjs';

const SIZE = 300 * 1024 * 1024;
let dir;
let video;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gv-e2e-'));
  video = join(dir, 'holiday.mp4');
  await writeMp4(video, SIZE);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test.beforeEach(async () => {
  await resetAll();
});

async function askAboutVideo(page) {
  await page.getByLabel('Add images').setInputFiles(video);
  const files = page.getByRole('list', { name: 'Added files' });
  await expect(files.getByText('holiday.mp4')).toBeVisible();
  await expect(files).toContainText('MP4');
  await page.getByRole('button', { name: 'Ask anything' }).click();
  await page.getByLabel('Prompt').fill('What happens in this video?');
  await page.getByRole('button', { name: 'Run' }).click();
}

test('a 300 MB video uploads through a dropped connection and a 503, reaches ACTIVE, and is answered', async ({ page }) => {
  await armFaults([
    { kind: 'drop', afterBytes: 3_000_000, nth: 2, target: 'chunk' },
    { kind: 'status', status: 503, retryAfter: 0, nth: 4, target: 'chunk' },
  ]);
  await openDemo(page);
  await askAboutVideo(page);

  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 150_000 });
  await expect(page.locator('.upload-state')).toHaveText('ACTIVE', { timeout: 60_000 });
  await expect(page.getByLabel('Answer').first()).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);

  const received = await report();
  const uploads = Object.values(received.uploads);
  expect(uploads).toHaveLength(1);
  expect(uploads[0].status).toBe('final');
  expect(uploads[0].bytesCommitted).toBe(SIZE);
  const faulted = received.requests.filter((r) => r.faults.length > 0);
  expect(faulted.length).toBeGreaterThanOrEqual(2);
  await expectFaultsFired();

  // The files panel lists it as ACTIVE.
  await page.locator('details.files > summary').click();
  const table = page.getByRole('table', { name: 'Uploaded files' });
  await expect(table).toContainText('holiday.mp4');
  await expect(table).toContainText('ACTIVE');

  // Deleting it empties the panel.
  await page.getByRole('button', { name: 'Delete holiday.mp4' }).click();
  await expect(page.getByRole('table', { name: 'Uploaded files' })).toHaveCount(0);
});

test('cancelling an upload stops it and says so', async ({ page }) => {
  await configure({ latencyMs: 400 });
  await openDemo(page);
  await askAboutVideo(page);
  const cancel = page.getByRole('button', { name: 'Cancel upload' });
  await expect(cancel).toBeVisible();
  await cancel.click();
  await expect(page.locator('.result .badge')).toHaveText('Cancelled', { timeout: 30_000 });
  await expect(cancel).toHaveCount(0);
});

test('an upload cut by a page reload resumes where it stopped, through the library\'s record', async ({ page }) => {
  await configure({ latencyMs: 150 });
  await openDemo(page);
  await askAboutVideo(page);
  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(5);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  await configure({ latencyMs: 0 });
  await askAboutVideo(page);
  await expect(page.locator('.upload-foot')).toContainText('resumed where an earlier upload stopped', { timeout: 60_000 });
  await expect(page.locator('.upload-state')).toHaveText('ACTIVE', { timeout: 150_000 });
  // One session on the server, continued rather than started again.
  const uploads = Object.values((await report()).uploads);
  expect(uploads).toHaveLength(1);
  expect(uploads[0].status).toBe('final');
  expect(uploads[0].bytesCommitted).toBe(SIZE);
});
