// The older JavaScript client (@google/generative-ai, pinned in tests/package.json), whose
// GoogleAIFileManager uploads in one multipart request, against a running fake-gemini.
// Usage: node legacy.mjs http://127.0.0.1:PORT
// Prints one `PASS legacy: step` or `FAIL legacy: step: why` line per step and `DONE legacy`.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { GoogleAIFileManager } from '@google/generative-ai/server';

const base = process.argv[2];
const shared = new URL('../../../shared/', import.meta.url);
const socks = readFileSync(new URL('samples/images/socks.jpg', shared));
const recorded = readFileSync(
  new URL('samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt', shared),
  'utf8',
);
const options = { baseUrl: base, apiVersion: 'v1beta' };
const files = new GoogleAIFileManager('conformance-key', options);
const model = new GoogleGenerativeAI('conformance-key').getGenerativeModel({ model: 'gemini-2.5-flash' }, options);
let failures = 0;
let uploaded;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
  try {
    await body();
    console.log(`PASS legacy: ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL legacy: ${name}: ${error && error.message}`);
  }
}

await step('a multipart upload keeps the hash', async () => {
  const answer = await files.uploadFile(socks, { mimeType: 'image/jpeg', displayName: 'socks' });
  uploaded = answer.file;
  check(uploaded.sha256Hash === createHash('sha256').update(socks).digest('base64'), 'sha256Hash');
  check(uploaded.displayName === 'socks', 'displayName');
});

await step('generateContent with the uploaded file replays the recording', async () => {
  const result = await model.generateContent([
    { fileData: { fileUri: uploaded.uri, mimeType: uploaded.mimeType } },
    'Show me the positions of the socks with the face',
  ]);
  check(result.response.text() === recorded, 'text differs from the recording');
});

await step('getFile, listFiles and deleteFile', async () => {
  const file = await files.getFile(uploaded.name);
  check(file.name === uploaded.name, 'getFile');
  const list = await files.listFiles({ pageSize: 100 });
  check(list.files.some((entry) => entry.name === uploaded.name), 'listFiles');
  await files.deleteFile(uploaded.name);
  let failed = false;
  try {
    await files.getFile(uploaded.name);
  } catch {
    failed = true;
  }
  check(failed, 'getFile after deleteFile must fail');
});

console.log('DONE legacy');
process.exit(failures === 0 ? 0 : 1);
