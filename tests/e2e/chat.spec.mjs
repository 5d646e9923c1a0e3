// Follow-up questions: a card's first turn is a chat (ai.chats), so a follow-up is sent
// with the image and the first answer in its history, and its answer is shown as text.
import { test, expect } from './support/fixtures.mjs';
import { addExample, openDemo, recordGenerateBodies } from './support/demo.mjs';
import { resetAll } from './support/emulator.mjs';

test.beforeEach(async () => {
  await resetAll();
});

test('a follow-up question goes in the same chat, with the image in its history', async ({ page }) => {
  const bodies = await recordGenerateBodies(page);
  await openDemo(page);
  await addExample(page, 'socks.jpg');
  await page.getByRole('button', { name: 'Caption' }).click();
  await expect(page.locator('.result .badge')).toHaveText('Done', { timeout: 60_000 });
  const firstAnswer = await page.getByLabel('Answer').first().textContent();
  expect(firstAnswer.length).toBeGreaterThan(0);

  await page.getByLabel('Follow-up question', { exact: true }).fill('What colour is the left sock?');
  await page.getByRole('button', { name: 'Ask', exact: true }).click();
  const reply = page.getByLabel('Follow-up answer').first();
  await expect(reply).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.getByLabel('Follow-up questions')).toContainText('What colour is the left sock?');

  const sent = (await bodies()).map((text) => JSON.parse(text));
  expect(sent).toHaveLength(2);
  const [first, second] = sent;
  expect(first.contents).toHaveLength(1);
  // The user's turn, the model's (one content per streamed chunk, as the SDK records
  // them), the question.
  const roles = second.contents.map((c) => c.role);
  expect(roles[0]).toBe('user');
  expect(roles.at(-1)).toBe('user');
  const model = second.contents.slice(1, -1);
  expect(model.length).toBeGreaterThan(0);
  expect(model.every((c) => c.role === 'model')).toBe(true);
  expect(model.flatMap((c) => c.parts).map((p) => p.text ?? '').join('')).toBe(firstAnswer);
  // The image is sent again, from the chat's history, as the same inline part.
  const image = second.contents[0].parts[0].inlineData;
  expect(image.mimeType).toBe('image/jpeg');
  expect(image.data).toBe(first.contents[0].parts[0].inlineData.data);
  expect(second.contents.at(-1).parts).toEqual([{ text: 'What colour is the left sock?' }]);
});
