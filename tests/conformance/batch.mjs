// Batch Mode through the official JavaScript client (@google/genai, pinned in
// tests/package.json; its Node build, which runs on this machine's Node 20 although the
// package asks for Node 22) against a running fake-gemini.
// Usage: node batch.mjs http://127.0.0.1:PORT
// Prints one `PASS jsbatch: step` or `FAIL jsbatch: step: why` line per step and
// `DONE jsbatch` at the end. Every flow is counted: a step that needs an earlier one's
// job fails when that job is missing, and when the client cannot even be set up every
// step is reported failed.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = process.argv[2];
if (!base) {
  console.error('usage: node batch.mjs BASE_URL');
  process.exit(2);
}
const shared = new URL('../../../shared/', import.meta.url);
const MODEL = 'gemini-2.5-flash';
const SOCKS_PROMPT = 'Show me the positions of the socks with the face';
const CUPCAKES_PROMPT = 'Detect the 2d bounding boxes of the cupcakes (with \u201clabel\u201d as topping description\u201d)';
const socks = readFileSync(new URL('samples/images/socks.jpg', shared));
const cupcakes = readFileSync(new URL('samples/images/cupcakes.png', shared));
const recorded = (name) => readFileSync(new URL(`samples/responses/${name}`, shared), 'utf8');
const SOCKS_RECORDED = recorded('cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt');
const CUPCAKES_RECORDED = recorded('cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt');

const work = mkdtempSync(join(tmpdir(), 'fake-gemini-conformance-jsbatch-'));
const jobs = {};
const steps = [];
let failures = 0;
let ai;
let JobState;
let setupError;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function step(name, body) {
  steps.push([name, body]);
}

async function run(name, body) {
  try {
    if (setupError) throw new Error(`no client: ${setupError}`);
    await body();
    console.log(`PASS jsbatch: ${name}`);
  } catch (error) {
    failures += 1;
    console.log(`FAIL jsbatch: ${name}: ${error && error.stack ? error.stack.split('\n').slice(0, 3).join(' | ') : error}`);
  }
}

async function admin(path, body, method) {
  const response = await fetch(`${base}/__fake/${path}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    // The run's admin token (`--admin-token`, exported by run.sh).
    headers: { 'content-type': 'application/json', 'x-fake-admin-token': process.env.FAKE_ADMIN_TOKEN ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

const DONE_STATES = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED'];

/** Polls `batches.get` until the job is done; returns the last job and the states seen. */
async function wait(job) {
  const states = [job.state];
  const deadline = Date.now() + 60_000;
  while (!DONE_STATES.includes(job.state)) {
    check(Date.now() < deadline, `${job.name} still ${job.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await ai.batches.get({ name: job.name });
    states.push(job.state);
  }
  return { job, states };
}

const image = (bytes, mimeType) => ({ inlineData: { mimeType, data: bytes.toString('base64') } });
const direct = async (contents) => (await ai.models.generateContent({ model: MODEL, contents })).text;

step('batches.create inline, batches.get until SUCCEEDED, inlined responses joined to their keys', async () => {
  let job = await ai.batches.create({
    model: MODEL,
    src: [
      { contents: [image(socks, 'image/jpeg'), SOCKS_PROMPT], metadata: { key: 'socks' } },
      {
        contents: [image(cupcakes, 'image/png'), CUPCAKES_PROMPT],
        metadata: { key: 'cupcakes' },
        config: { temperature: 0.5, systemInstruction: 'Answer in JSON.' },
      },
      { contents: [{ inlineData: { mimeType: 'image/gif', data: 'R0lGODlhAQABAAAAADs=' } }, 'What is this?'], metadata: { key: 'gif' } },
    ],
    config: { displayName: 'conformance-inline' },
  });
  jobs.inline = job;
  check(job.name.startsWith('batches/'), `name ${job.name}`);
  check(job.state === JobState.JOB_STATE_PENDING, `created ${job.state}`);
  check(job.displayName === 'conformance-inline', `display name ${job.displayName}`);
  check(job.model === `models/${MODEL}`, `model ${job.model}`);
  const waited = await wait(job);
  job = waited.job;
  check(waited.states.includes(JobState.JOB_STATE_RUNNING), `states seen ${waited.states}`);
  check(job.state === JobState.JOB_STATE_SUCCEEDED, `ended ${job.state}`);
  check(typeof job.endTime === 'string', 'end time');
  const results = Object.fromEntries(job.dest.inlinedResponses.map((result) => [result.metadata.key, result]));
  check(Object.keys(results).sort().join() === 'cupcakes,gif,socks', `keys ${Object.keys(results)}`);
  check(results.socks.response.text === SOCKS_RECORDED, 'socks replays the recording');
  check(results.cupcakes.response.text === CUPCAKES_RECORDED, 'cupcakes replays the recording');
  check(
    results.cupcakes.response.text === (await direct([image(cupcakes, 'image/png'), CUPCAKES_PROMPT])),
    'same as generateContent',
  );
  const gif = results.gif;
  check(gif.response === undefined && gif.error, 'the GIF request is an error');
  check(gif.error.code === 3 && gif.error.message.includes('image/gif'), `error ${JSON.stringify(gif.error)}`);
});

step('batches.create from an uploaded JSONL file; files.download (Node) of dest.fileName and a fetch of its downloadUri', async () => {
  const lines = [
    { key: 'socks', request: { contents: [{ role: 'user', parts: [image(socks, 'image/jpeg'), { text: SOCKS_PROMPT }] }] } },
    { key: 'prose', request: { contents: [{ parts: [{ text: 'Why is the sky blue?' }] }] } },
  ];
  const input = join(work, 'requests.jsonl');
  writeFileSync(input, lines.map((line) => `${JSON.stringify(line)}\n`).join('') + '{broken\n');
  const uploaded = await ai.files.upload({ file: input, config: { mimeType: 'application/jsonl', displayName: 'batch-input' } });
  let job = await ai.batches.create({ model: MODEL, src: uploaded.name, config: { displayName: 'conformance-file' } });
  jobs.file = job;
  job = (await wait(job)).job;
  check(job.state === JobState.JOB_STATE_SUCCEEDED, `ended ${job.state}`);
  const name = job.dest.fileName;
  check(name && name.startsWith('files/batch-'), `dest.fileName ${name}`);
  const stored = await ai.files.get({ name });
  check(stored.source === 'GENERATED' && stored.downloadUri, `result file ${JSON.stringify(stored)}`);
  const downloadPath = join(work, 'results.jsonl');
  await ai.files.download({ file: name, downloadPath });
  const text = readFileSync(downloadPath, 'utf8');
  check(Buffer.byteLength(text) === Number(stored.sizeBytes), `downloaded ${Buffer.byteLength(text)} of ${stored.sizeBytes} bytes`);
  // The documented path, as the file's downloadUri gives it, with a plain fetch.
  const documented = await fetch(stored.downloadUri, { headers: { 'x-goog-api-key': 'conformance-key' } });
  check(stored.downloadUri.includes('/download/v1beta/files/'), `downloadUri ${stored.downloadUri}`);
  check((await documented.text()) === text, 'the downloadUri gives the same bytes');
  const results = text.trim().split('\n').map((line) => JSON.parse(line));
  check(results.map((result) => result.key ?? null).join() === 'socks,prose,', `keys ${results.map((r) => r.key)}`);
  check(results[0].response.candidates[0].content.parts[0].text === SOCKS_RECORDED, 'socks replays the recording in the file');
  check(results[1].response.candidates[0].content.parts[0].text === (await direct('Why is the sky blue?')), 'prose');
  check(results[2].error.code === 3, `the broken line is an error: ${JSON.stringify(results[2])}`);
});

step('batches.list pages newest first', async () => {
  check(jobs.inline && jobs.file, `jobs made so far: ${Object.keys(jobs)}`);
  const pager = await ai.batches.list({ config: { pageSize: 1 } });
  const listed = [];
  for await (const job of pager) listed.push(job.name);
  const mine = listed.filter((name) => name === jobs.inline.name || name === jobs.file.name);
  check(mine.join() === [jobs.file.name, jobs.inline.name].join(), `listed ${listed}`);
  const report = await admin('report');
  const followed = report.requests.filter((r) => r.path.startsWith('/v1beta/batches?') && r.path.includes('pageToken'));
  check(followed.length >= 1, 'the pager followed a page token');
});

step('batches.cancel ends a pending job CANCELLED at once', async () => {
  const before = (await admin('config')).batchPendingMs;
  await admin('config', { batchPendingMs: 60000 });
  try {
    let job = await ai.batches.create({ model: MODEL, src: [{ contents: 'hi', metadata: { key: 'a' } }] });
    jobs.cancelled = job;
    await ai.batches.cancel({ name: job.name });
    job = await ai.batches.get({ name: job.name });
    check(job.state === JobState.JOB_STATE_CANCELLED, `state ${job.state}`);
    check(job.dest === undefined, 'a cancelled job has no results');
  } finally {
    await admin('config', { batchPendingMs: before });
  }
});

step('batches.delete (which sends a {} body) removes the job', async () => {
  const name = jobs.cancelled.name;
  await ai.batches.delete({ name });
  let status = 0;
  try {
    await ai.batches.get({ name });
  } catch (error) {
    status = error.status;
  }
  check(status === 404, `get after delete answered ${status}`);
});

step('a 503 on batches.get reaches the caller (the client does not retry it)', async () => {
  await admin('faults', { kind: 'status', status: 503, retryAfter: 1, target: 'batch' });
  let status = 0;
  try {
    await ai.batches.get({ name: jobs.inline.name });
  } catch (error) {
    status = error.status;
  }
  check(status === 503, `status ${status}`);
  const faults = (await admin('report')).batches[jobs.inline.name].faults;
  check(faults.join() === 'status 503 on GET', `report ${faults}`);
});

try {
  const sdk = await import('@google/genai');
  ({ JobState } = sdk);
  ai = new sdk.GoogleGenAI({ apiKey: 'conformance-key', httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
  await admin('reset', {});
} catch (error) {
  setupError = error;
}
console.log(`PLAN jsbatch ${steps.length}`);
for (const [name, body] of steps) await run(name, body);
rmSync(work, { recursive: true, force: true });
console.log('DONE jsbatch');
process.exit(failures === 0 ? 0 : 1);
