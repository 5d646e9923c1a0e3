// The older JavaScript client (@google/generative-ai, pinned in tests/package.json), whose
// GoogleAIFileManager uploads in one multipart request, against a running fake-gemini.
// Usage: node legacy.mjs http://127.0.0.1:PORT (output: see harness.mjs).

import { createHash } from 'node:crypto';
import { GoogleGenerativeAI } from '@google/generative-ai';
import { GoogleAIFileManager } from '@google/generative-ai/server';
import { KEY, check, rejection, runFlows, sample } from './harness.mjs';

const base = process.argv[2];
const socks = sample('samples/images/socks.jpg');
const recorded = sample(
  'samples/responses/cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt',
  'utf8',
);
const options = { baseUrl: base, apiVersion: 'v1beta' };
const files = new GoogleAIFileManager(KEY, options);
const model = new GoogleGenerativeAI(KEY).getGenerativeModel({ model: 'gemini-2.5-flash' }, options);
let uploaded;

await runFlows('legacy', [
  ['a multipart upload keeps the hash', async () => {
    const answer = await files.uploadFile(socks, { mimeType: 'image/jpeg', displayName: 'socks' });
    uploaded = answer.file;
    check(uploaded.sha256Hash === createHash('sha256').update(socks).digest('base64'), 'sha256Hash');
    check(uploaded.displayName === 'socks', 'displayName');
  }],
  ['generateContent with the uploaded file replays the recording', async () => {
    const result = await model.generateContent([
      { fileData: { fileUri: uploaded.uri, mimeType: uploaded.mimeType } },
      'Show me the positions of the socks with the face',
    ]);
    check(result.response.text() === recorded, 'text differs from the recording');
  }],
  ['a chat with the older client keeps its history', async () => {
    const chat = model.startChat();
    await chat.sendMessage('Hello there');
    const second = await chat.sendMessage('And again');
    check(second.response.text().includes('"And again"'), second.response.text());
    check((await chat.getHistory()).length === 4, 'history of 4');
  }],
  ['getFile, listFiles and deleteFile', async () => {
    const file = await files.getFile(uploaded.name);
    check(file.name === uploaded.name, 'getFile');
    const list = await files.listFiles({ pageSize: 100 });
    check(list.files.some((entry) => entry.name === uploaded.name), 'listFiles');
    await files.deleteFile(uploaded.name);
    await rejection(files.getFile(uploaded.name));
  }],
]);
