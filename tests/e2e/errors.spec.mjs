// What a person sees when things go wrong, and that model text is never HTML.
import { test, expect } from '@playwright/test';
import { addExample, openDemo } from './support/demo.mjs';
import { KEYED_EMULATOR_KEY, KEYED_EMULATOR_URL, reset } from './support/emulator.mjs';

test.beforeEach(async () => {
  await reset();
});

async function useKey(page, key) {
  const panel = page.locator('details.connection');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
  await page.getByLabel('API key (optional)').fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
}

test('a bad key shows a clear alert', async ({ page }) => {
  await openDemo(page, KEYED_EMULATOR_URL);
  await useKey(page, 'AIzaWrongWrongWrongWrong9876');
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The API key was not accepted');
  await expect(alert).toContainText('API key not valid');
});

test('the key is kept for the tab, shown by its last 4 characters, and never in the URL', async ({ page }) => {
  await openDemo(page, KEYED_EMULATOR_URL);
  const key = `${KEYED_EMULATOR_KEY}`;
  await useKey(page, key);
  await expect(page.locator('details.connection')).toContainText(key.slice(-4));
  expect(await page.locator('body').innerText()).not.toContain(key);
  expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(key);
  expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(key);

  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(urls.some((url) => url.includes(key))).toBe(false);
});

test('an unsupported file shows a clear alert', async ({ page }) => {
  await openDemo(page);
  const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
  await page.getByLabel('Add images').setInputFiles({ name: 'spinner.gif', mimeType: 'image/gif', buffer: gif });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('not supported');
  await expect(alert).toContainText('spinner.gif');
  await expect(page.getByRole('list', { name: 'Added files' })).toHaveCount(0);
});

test('an unreadable image shows a clear alert', async ({ page }) => {
  await openDemo(page);
  const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really a png')]);
  await page.getByLabel('Add images').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: broken });
  await expect(page.getByRole('alert')).toContainText('cannot be read');
});

test('an unreachable emulator explains how to start one', async ({ page }) => {
  await openDemo(page, 'http://127.0.0.1:9');
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach the server');
});

test('model text is shown as text, never turned into HTML', async ({ page }) => {
  // No quotes inside, so that it reads the same in the raw JSON answer.
  const hostile = '<img src=x onerror=window.__pwned=1>';
  const text = '```json\n' + JSON.stringify([{ box_2d: [100, 100, 600, 600], label: hostile }]) + '\n```';
  const event = { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }] };
  await page.route('**/*:streamGenerateContent*', async (route) => {
    if (route.request().method() === 'OPTIONS') return route.continue();
    await route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'access-control-allow-origin': '*' },
      body: `data: ${JSON.stringify(event)}\r\n\r\n`,
    });
  });
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveAttribute('data-state', 'done');

  await expect(page.getByRole('list', { name: 'Detections' })).toContainText(hostile);
  await expect(page.getByLabel('Answer').first()).toContainText(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
