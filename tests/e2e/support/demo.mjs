// Driving the demo page: open it against the test emulator, add examples, run tasks.
import { expect } from '@playwright/test';
import { EMULATOR_URL } from './emulator.mjs';

/** Opens the demo pointed at `emulator` (the test emulator by default), with fresh storage. */
export async function openDemo(page, emulator = EMULATOR_URL) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`/?emulator=${encodeURIComponent(emulator)}`);
  await expect(page.getByRole('button', { name: 'Run' })).toBeVisible();
  return errors;
}

/** Adds an example image from the gallery and waits for its thumbnail. */
export async function addExample(page, file) {
  await page.getByRole('button', { name: `Add example ${file}` }).click();
  await expect(page.getByRole('list', { name: 'Added files' }).getByText(file)).toBeVisible();
}

/** The first result card's overlay canvas, once its final drawing is done. */
export async function finishedOverlay(page) {
  const canvas = page.getByRole('img', { name: 'Result overlay' }).first();
  await expect(canvas).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  return canvas;
}

/** The raw answer text of the first card (folded away for spatial tasks). */
export async function answerText(page) {
  return page.getByLabel('Answer').first().textContent();
}

/**
 * Records the bodies of generateContent requests in `window.__generateBodies` (the
 * client sends them as Blobs, which Playwright's request events do not show).
 */
export async function recordGenerateBodies(page) {
  await page.addInitScript(() => {
    window.__generateBodies = [];
    const original = window.fetch;
    window.fetch = async function (input, init) {
      const url = typeof input === 'string' ? input : input.url;
      if (url.includes('GenerateContent')) {
        if (init?.body instanceof Blob) window.__generateBodies.push(await init.body.text());
        else if (input instanceof Request) window.__generateBodies.push(await input.clone().text());
      }
      return original.call(this, input, init);
    };
  });
  return () => page.evaluate(() => window.__generateBodies);
}

/** Answers every streamGenerateContent request with one SSE event carrying `text`. */
export async function answerWith(page, text) {
  const event = { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }] };
  await page.route('**/*:streamGenerateContent*', async (route) => {
    if (route.request().method() === 'OPTIONS') return route.continue();
    await route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'access-control-allow-origin': '*' },
      body: `data: ${JSON.stringify(event)}\r\n\r\n`,
    });
  });
}

/**
 * Reads canvas pixels at image coordinates: [[x, y], ...] in the image's own pixels,
 * scaled to the canvas backing store (device pixel ratio).
 */
export async function canvasPixels(canvas, points) {
  return canvas.evaluate((element, points) => {
    const ctx = element.getContext('2d');
    const sx = element.width / Number(element.dataset.imageWidth);
    const sy = element.height / Number(element.dataset.imageHeight);
    return points.map(([x, y]) => {
      const px = Math.min(element.width - 1, Math.max(0, Math.round(x * sx)));
      const py = Math.min(element.height - 1, Math.max(0, Math.round(y * sy)));
      return Array.from(ctx.getImageData(px, py, 1, 1).data);
    });
  }, points);
}

/** `#rrggbb` -> [r, g, b]. */
export function hexToRgb(hex) {
  const value = parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Whether two colours are within `tolerance` on every channel. */
export function near(a, b, tolerance = 40) {
  return [0, 1, 2].every((i) => Math.abs(a[i] - b[i]) <= tolerance);
}

/** The JSON list in a model answer (fenced or not, maybe wrapped in {"boxes": ...}). */
export function answerItems(text) {
  const fenced = text.match(/```(?:json)?\s*([\s\S]*?)```/);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.search(/[[{]/);
  const parsed = JSON.parse(body.slice(start));
  return Array.isArray(parsed) ? parsed : parsed.boxes ?? Object.values(parsed).find(Array.isArray);
}

/** Opens the connection panel (a `<details>` in the header) if it is folded. */
export async function openConnectionPanel(page) {
  const panel = page.locator('details.connection');
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
}
