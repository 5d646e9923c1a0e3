// The official JavaScript client (@google/genai, pinned in tests/package.json) against
// a running fake-gemini: generateContent, streaming, countTokens and the File API.
// Usage: node conformance.mjs http://127.0.0.1:PORT (output: see harness.mjs).

import { createHash, randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleGenAI, createPartFromUri } from '@google/genai';
import { KEY, admin, check, rejection, runFlows, sample } from './harness.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: node conformance.mjs BASE_URL');
  process.exit(2);
}
const MODEL = 'gemini-2.5-flash';
const SOCKS_PROMPT = 'Show me the positions of the socks with the face';
const socks = sample('samples/images/socks.jpg');
const recorded = sample(
  'samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt',
  'utf8',
);

const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
const work = mkdtempSync(join(tmpdir(), 'fake-gemini-conformance-js-'));
const sha256Base64 = (bytes) => createHash('sha256').update(bytes).digest('base64');
const inlineImage = { inlineData: { mimeType: 'image/jpeg', data: socks.toString('base64') } };
const big = randomFillSync(Buffer.alloc(20 * 1024 * 1024 + 123));
const state = {};

await admin(base, 'reset', {});

await runFlows('js', [
  ['generateContent with a text prompt answers it', async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: 'why is the sky blue?' });
    check(response.text.includes('"why is the sky blue?"'), `text: ${response.text}`);
    check(response.usageMetadata.promptTokenCount === 5, `promptTokenCount ${response.usageMetadata.promptTokenCount}`);
    check(response.candidates[0].content.role === 'model', 'role model');
  }],
  ['generateContent with an inline image replays the recording', async () => {
    const response = await ai.models.generateContent({ model: MODEL, contents: [inlineImage, SOCKS_PROMPT] });
    check(response.text === recorded, `text differs: ${JSON.stringify(response.text).slice(0, 120)}`);
    check(response.usageMetadata.promptTokenCount > 1000, 'usage has image tokens');
    check(response.candidates[0].finishReason === 'STOP', 'finishReason STOP');
  }],
  ['streaming delivers the same text over several chunks', async () => {
    const stream = await ai.models.generateContentStream({ model: MODEL, contents: [inlineImage, SOCKS_PROMPT] });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.text ?? '';
      chunks += 1;
    }
    check(chunks > 1, `only ${chunks} chunk(s)`);
    check(text === recorded, 'streamed text differs from the recording');
  }],
  ['countTokens counts the image tiles and the text', async () => {
    const response = await ai.models.countTokens({ model: MODEL, contents: [inlineImage, 'hi'] });
    check(response.totalTokens === 4 * 258 + 1, `totalTokens ${response.totalTokens}`);
  }],
  ['files.upload of an image, then generateContent with fileData', async () => {
    const path = join(work, 'socks.jpg');
    writeFileSync(path, socks);
    state.image = await ai.files.upload({ file: path, config: { mimeType: 'image/jpeg', displayName: 'socks' } });
    check(state.image.sha256Hash === sha256Base64(socks), 'sha256Hash of the image');
    check(state.image.state === 'ACTIVE', `state ${state.image.state}`);
    const response = await ai.models.generateContent({
      model: MODEL,
      contents: [createPartFromUri(state.image.uri, state.image.mimeType), SOCKS_PROMPT],
    });
    check(response.text === recorded, 'fileData answer differs from the recording');
  }],
  ['a 20 MB upload in chunks keeps the hash', async () => {
    const path = join(work, 'big.mp4');
    writeFileSync(path, big);
    state.big = await ai.files.upload({ file: path, config: { mimeType: 'video/mp4', displayName: 'big' } });
    check(state.big.sha256Hash === sha256Base64(big), `sha256Hash ${state.big.sha256Hash}`);
    check(state.big.sizeBytes === String(big.length), `sizeBytes ${state.big.sizeBytes}`);
    const report = await admin(base, 'report');
    const session = Object.values(report.uploads).find((upload) => upload.file === state.big.name);
    check(session && session.chunks.length >= 3, 'sent in several chunks');
    check(session.overlapBytes === 0 && session.bytesReceived === big.length, 'no byte sent twice');
  }],
  ['files.get follows PROCESSING to ACTIVE', async () => {
    let file = await ai.files.get({ name: state.big.name });
    for (let tries = 0; file.state === 'PROCESSING' && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      file = await ai.files.get({ name: state.big.name });
    }
    check(file.state === 'ACTIVE', `state ${file.state}`);
    check(file.sha256Hash === sha256Base64(big), 'hash on get');
  }],
  ['files.list pages through every file', async () => {
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
    const report = await admin(base, 'report');
    const pages = report.requests.filter((request) => request.path.startsWith('/v1beta/files?') && request.path.includes('pageToken'));
    check(pages.length >= 2, `followed ${pages.length} page tokens`);
  }],
  ['files.delete removes the file', async () => {
    await ai.files.delete({ name: state.image.name });
    const error = await rejection(ai.files.get({ name: state.image.name }));
    check(error.status === 403, `get after delete answered ${error.status}`);
  }],
  ['a client on its default API version (v1) is served the same', async () => {
    const plain = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: base } });
    const response = await plain.models.generateContent({ model: MODEL, contents: 'hello from v1' });
    check(response.text.includes('"hello from v1"'), response.text);
    const report = await admin(base, 'report');
    check(report.requests.some((request) => request.path.startsWith('/v1/models/')), 'sent to /v1');
  }],
  ['an unknown model is a 404 ApiError', async () => {
    const error = await rejection(ai.models.generateContent({ model: 'custom-gemini-2.0-flash', contents: 'hi' }));
    check(error.status === 404, `status ${error.status}`);
  }],
], () => rmSync(work, { recursive: true, force: true }));
