// What the settings put on the wire: per-task defaults, the structured-output option with
// the core's detection schema, and the request view that shows the library's preview.
import { test, expect } from './support/fixtures.mjs';
import { addExample, finishedOverlay, openConnectionPanel, openDemo, recordGenerateBodies } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

async function openSettings(page) {
  const details = page.locator('details.settings');
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

test('detection turns thinking off at temperature 0.5; a caption keeps the model default', async ({ page }) => {
  const bodies = await recordGenerateBodies(page);
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Detect' }).click();
  await finishedOverlay(page);
  await page.getByRole('button', { name: 'Caption' }).click();
  await expect(page.locator('.result .badge')).toHaveText('Done', { timeout: 60_000 });
  const [detect, caption] = (await bodies()).map((text) => JSON.parse(text));
  expect(detect.generationConfig.thinkingConfig).toEqual({ thinkingBudget: 0 });
  expect(detect.generationConfig.temperature).toBe(0.5);
  expect(detect.systemInstruction.parts[0].text).toContain('bounding boxes');
  expect(caption.generationConfig.thinkingConfig).toBeUndefined();
  expect(caption.generationConfig.temperature).toBe(0.5);
});

test('the structured-output option sends the detection schema, and the answer is drawn', async ({ page }) => {
  const bodies = await recordGenerateBodies(page);
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await openSettings(page);
  await page.getByLabel('Structured output (detection schema)').check();
  await page.getByRole('button', { name: 'Detect' }).click();
  await finishedOverlay(page);
  await expect(page.getByRole('list', { name: 'Detections' }).getByRole('listitem')).not.toHaveCount(0);
  const [body] = (await bodies()).map((text) => JSON.parse(text));
  const config = body.generationConfig;
  expect(config.responseMimeType).toBe('application/json');
  // detectionSchema(): {"boxes": [{box_2d, label}]}, the newest docs' form.
  expect(config.responseSchema.type).toBe('OBJECT');
  expect(config.responseSchema.properties.boxes.type).toBe('ARRAY');
  expect(config.responseSchema.properties.boxes.items.propertyOrdering).toEqual(['box_2d', 'label']);
  expect(config.responseSchema.properties.boxes.maxItems).toBe('25');
});

test('the request view is the library\'s preview of exactly what is sent', async ({ page }) => {
  const bodies = await recordGenerateBodies(page);
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.locator('details.request > summary').click();
  const view = page.locator('details.request');
  await expect(view).toContainText(':streamGenerateContent?alt=sse');
  await expect(view.locator('.route.inline')).toHaveText('inline');
  await expect(view.locator('pre.code')).toContainText('bytes of base64>');
  const previewed = JSON.parse(await view.locator('pre.code').textContent());

  await page.getByRole('button', { name: 'Run' }).click();
  await finishedOverlay(page);
  const [sent] = (await bodies()).map((text) => JSON.parse(text));
  // The same body, but for the base64 the preview elides.
  const placeholder = previewed.contents[0].parts[0].inlineData.data;
  expect(placeholder).toMatch(/^<\d+ bytes of base64>$/);
  expect(Number(placeholder.match(/\d+/)[0])).toBe(sent.contents[0].parts[0].inlineData.data.length);
  sent.contents[0].parts[0].inlineData.data = placeholder;
  expect(sent).toEqual(previewed);
});

test('with the real API, the model picker offers the models models.list returns', async ({ page }) => {
  // Google's API, answered here: the models this key may use.
  const listed = [];
  await page.route('https://generativelanguage.googleapis.com/**', async (route) => {
    const request = route.request();
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, OPTIONS' };
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (!new URL(request.url()).pathname.endsWith('/models')) return route.abort();
    listed.push(request.url());
    await route.fulfill({
      status: 200,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify({ models: [
        { name: 'models/gemini-9-vision-test', supportedGenerationMethods: ['generateContent', 'countTokens'] },
        { name: 'models/text-embedding-9', supportedGenerationMethods: ['embedContent'] },
      ] }),
    });
  });
  await openDemo(page);
  const options = page.locator('datalist#models option');
  await expect(options.first()).toHaveAttribute('value', 'gemini-2.5-flash');
  await openConnectionPanel(page);
  await page.getByText('Gemini API', { exact: true }).click();
  await page.getByLabel('API key', { exact: true }).fill('AIzaListModelsKey000000000000000000001');
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.locator('datalist#models option[value="gemini-9-vision-test"]')).toHaveCount(1);
  await expect(page.locator('datalist#models option[value="text-embedding-9"]')).toHaveCount(0);
  expect(listed[0]).toContain('pageSize=100');
});
