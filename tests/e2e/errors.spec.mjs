// What a person sees when things go wrong, and that model text is never HTML.
import { test, expect } from './support/fixtures.mjs';
import { addExample, answerWith, openConnectionPanel, openDemo } from './support/demo.mjs';
import { KEYED_EMULATOR_KEY, KEYED_EMULATOR_URL, armFaults, configure, expectFaultsFired, resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

async function useKey(page, key) {
  await openConnectionPanel(page);
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

test('a Gemini key is never sent to an emulator, and a link cannot point the page elsewhere', async ({ page }) => {
  const geminiKey = 'AIzaGeminiOnlyKey000000000000000001';
  await openDemo(page);
  // Keep a Gemini API key, then go back to the emulator.
  await openConnectionPanel(page);
  await page.getByText('Gemini API', { exact: true }).click();
  await page.getByLabel('API key', { exact: true }).fill(geminiKey);
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.locator('details.connection > summary')).toContainText('0001');
  await openConnectionPanel(page);
  await page.getByText('Local emulator', { exact: true }).click();
  await expect(page.locator('details.connection > summary')).toContainText('Local emulator');

  const sent = [];
  page.on('request', (request) => {
    const key = request.headers()['x-goog-api-key'];
    if (key) sent.push(key);
  });
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveAttribute('data-state', 'done');
  expect(sent.length).toBeGreaterThan(0);
  expect(sent).not.toContain(geminiKey);

  // A crafted link naming another host is ignored.
  await page.goto('/?emulator=' + encodeURIComponent('https://evil.example'));
  await expect(page.locator('details.connection > summary')).not.toContainText('evil.example');
});

test('a proxy URL edited by hand in storage is checked again when the page loads', async ({ page }) => {
  await openDemo(page);
  const reopenWithProxy = async (url) => {
    await page.evaluate((url) => {
      localStorage.setItem('gemini-vision-demo.mode', 'gemini');
      localStorage.setItem('gemini-vision-demo.api-base-url', url);
    }, url);
    await page.goto('/');
    await openConnectionPanel(page);
  };
  const summary = page.locator('details.connection > summary');
  const baseUrl = page.getByLabel('Base URL (optional: your proxy)');

  await reopenWithProxy('javascript:alert(1)//');
  await expect(summary).toContainText('Gemini API');
  await expect(summary).toContainText('no key yet');
  await expect(baseUrl).toHaveValue('');

  await reopenWithProxy('  https://proxy.example.com/gemini/  ');
  await expect(summary).toContainText('via proxy.example.com');
  await expect(baseUrl).toHaveValue('https://proxy.example.com/gemini');
});

test('a quota error shows a clear alert', async ({ page }) => {
  // The client retries a 429 for about a minute (Retry-After is not readable across
  // origins, so it backs off on its own): a quota that stays exhausted is reported then.
  await armFaults({ kind: 'status', status: 429, target: 'generate', sticky: true });
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('alert')).toContainText('Quota exceeded or too many requests', { timeout: 120_000 });
  await expectFaultsFired();
});

test('an answer blocked by safety filters shows a clear alert', async ({ page }) => {
  await armFaults({ kind: 'safetyBlock' });
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The answer was blocked');
  await expect(alert).toContainText('SAFETY');
  await expectFaultsFired();
});

test('a request over the server\'s size limit shows a clear alert', async ({ page }) => {
  await configure({ maxRequestBytes: 200_000 });
  await openDemo(page);
  await addExample(page, 'cupcakes.png');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('alert')).toContainText('The request is too large');
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
  await answerWith(page, '```json\n' + JSON.stringify([{ box_2d: [100, 100, 600, 600], label: hostile }]) + '\n```');
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect(page.getByRole('img', { name: 'Result overlay' })).toHaveAttribute('data-state', 'done');

  await expect(page.getByRole('list', { name: 'Detections' })).toContainText(hostile);
  await expect(page.getByLabel('Answer').first()).toContainText(hostile);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
