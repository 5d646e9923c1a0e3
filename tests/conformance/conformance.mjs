// The official JavaScript client (@google/genai, pinned in tests/package.json) against
// a running fake-gemini. Usage: node conformance.mjs http://127.0.0.1:PORT
// Prints one `PASS js: step` or `FAIL js: step: why` line per step and `DONE js` at the end.

import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleGenAI, createPartFromUri } from '@google/genai';

const base = process.argv[2];
if (!base) {
  console.error('usage: node conformance.mjs BASE_URL');
  process.exit(2);
}
const shared = new URL('../../../shared/', import.meta.url);
const MODEL = 'gemini-2.5-flash';
const SOCKS_PROMPT = 'Show me the positions of the socks with the face';
const socks = readFileSync(new URL('samples/images/socks.jpg', shared));
const recorded = readFileSync(
  new URL('samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt', shared),
  'utf8',
);

const ai = new GoogleGenAI({ apiKey: 'conformance-key', httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
const work = mkdtempSync(join(tmpdir(), 'fake-gemini-conformance-js-'));
let failures = 0;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
  try {
    await body();
    console.log(`PASS js: ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL js: ${name}: ${error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : error}`);
  }
}

async function admin(path, body) {
  const response = await fetch(`${base}/__fake/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

const sha256Base64 = (bytes) => createHash('sha256').update(bytes).digest('base64');
const inlineImage = { inlineData: { mimeType: 'image/jpeg', data: socks.toString('base64') } };

await admin('reset', {});

let unaryText = '';
await step('generateContent with an inline image replays the recording', async () => {
  const response = await ai.models.generateContent({ model: MODEL, contents: [inlineImage, SOCKS_PROMPT] });
  unaryText = response.text;
  check(unaryText === recorded, `text differs: ${JSON.stringify(unaryText).slice(0, 120)}`);
  check(response.usageMetadata.promptTokenCount > 1000, 'usage has image tokens');
  check(response.candidates[0].finishReason === 'STOP', 'finishReason STOP');
});

await step('streaming delivers the same text over several chunks', async () => {
  const stream = await ai.models.generateContentStream({ model: MODEL, contents: [inlineImage, SOCKS_PROMPT] });
  let text = '';
  let chunks = 0;
  for await (const chunk of stream) {
    text += chunk.text ?? '';
    chunks += 1;
  }
  check(chunks > 1, `only ${chunks} chunk(s)`);
  check(text === recorded, 'streamed text differs from the recording');
});

await step('countTokens counts the image tiles and the text', async () => {
  const response = await ai.models.countTokens({ model: MODEL, contents: [inlineImage, 'hi'] });
  check(response.totalTokens === 4 * 258 + 1, `totalTokens ${response.totalTokens}`);
});

let imageFile;
await step('files.upload of an image, then generateContent with fileData', async () => {
  const path = join(work, 'socks.jpg');
  writeFileSync(path, socks);
  imageFile = await ai.files.upload({ file: path, config: { mimeType: 'image/jpeg', displayName: 'socks' } });
  check(imageFile.sha256Hash === sha256Base64(socks), 'sha256Hash of the image');
  check(imageFile.state === 'ACTIVE', `state ${imageFile.state}`);
  const response = await ai.models.generateContent({
    model: MODEL,
    contents: [createPartFromUri(imageFile.uri, imageFile.mimeType), SOCKS_PROMPT],
  });
  check(response.text === recorded, 'fileData answer differs from the recording');
});

let bigFile;
const big = randomFillSync(Buffer.alloc(20 * 1024 * 1024 + 123));
await step('a 20 MB upload in chunks keeps the hash', async () => {
  const path = join(work, 'big.mp4');
  writeFileSync(path, big);
  bigFile = await ai.files.upload({ file: path, config: { mimeType: 'video/mp4', displayName: 'big' } });
  check(bigFile.sha256Hash === sha256Base64(big), `sha256Hash ${bigFile.sha256Hash}`);
  check(bigFile.sizeBytes === String(big.length), `sizeBytes ${bigFile.sizeBytes}`);
  const report = await admin('report');
  const session = Object.values(report.uploads).find((upload) => upload.file === bigFile.name);
  check(session && session.chunks.length >= 3, 'sent in several chunks');
  check(session.overlapBytes === 0 && session.bytesReceived === big.length, 'no byte sent twice');
});

await step('files.get follows PROCESSING to ACTIVE', async () => {
  let file = await ai.files.get({ name: bigFile.name });
  for (let tries = 0; file.state === 'PROCESSING' && tries < 50; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    file = await ai.files.get({ name: bigFile.name });
  }
  check(file.state === 'ACTIVE', `state ${file.state}`);
  check(file.sha256Hash === sha256Base64(big), 'hash on get');
});

await step('files.list pages through every file', async () => {
  for (const name of ['a', 'b', 'c']) {
    const path = join(work, `${name}.txt`);
    writeFileSync(path, `file ${name}`);
    await ai.files.upload({ file: path, config: { mimeType: 'text/plain', displayName: name } });
  }
  const pager = await ai.files.list({ config: { pageSize: 2 } });
  const names = [];
  for await (const file of pager) names.push(file.name);
  check(names.length === 5, `listed ${names.length}`);
  check(new Set(names).size === 5, 'no duplicates');
  const report = await admin('report');
  const pages = report.requests.filter((request) => request.path.startsWith('/v1beta/files?') && request.path.includes('pageToken'));
  check(pages.length >= 2, `followed ${pages.length} page tokens`);
});

await step('files.delete removes the file', async () => {
  await ai.files.delete({ name: imageFile.name });
  let status = 0;
  try {
    await ai.files.get({ name: imageFile.name });
  } catch (error) {
    status = error.status;
  }
  check(status === 403, `get after delete answered ${status}`);
});

await step('an unknown model is a 404 ApiError', async () => {
  let status = 0;
  try {
    await ai.models.generateContent({ model: 'custom-gemini-2.0-flash', contents: 'hi' });
  } catch (error) {
    status = error.status;
  }
  check(status === 404, `status ${status}`);
});

rmSync(work, { recursive: true, force: true });
console.log('DONE js');
process.exit(failures === 0 ? 0 : 1);
