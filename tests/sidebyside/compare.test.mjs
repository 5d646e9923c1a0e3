// The comparison's rules on made-up captures (node --test): what each normalisation
// forgives and what it must still catch.
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareRequests, deepDiff, describeRequest, normaliseRun } from "./compare.mjs";
import { DELIBERATE, RESULT_NORMALISATIONS } from "./differences.mjs";

const json = (value) => Buffer.from(JSON.stringify(value));
const record = (method, path, { headers = {}, body = Buffer.alloc(0), status = 200, answer = {}, answerHeaders = {} } = {}) => ({
  method, path, headers: { "x-goog-api-key": "k", ...headers }, body,
  response: { status, headers: answerHeaders, body: Buffer.isBuffer(answer) ? answer : json(answer) },
});
const generate = (status = 200, answer = { responseId: "abc", candidates: [] }) =>
  record("POST", "/v1/models/m:generateContent", { headers: { "content-type": "application/json" },
    body: json({ contents: [{ parts: [{ text: "hi" }] }] }), status, answer });
const session = "/upload/v1/files?upload_id=UP1&upload_protocol=resumable";
const chunk = (offset, bytes, command, key = null) => record("POST", session, {
  headers: { "x-goog-upload-command": command, "x-goog-upload-offset": String(offset), ...(key ? {} : { "x-goog-api-key": undefined }) },
  body: Buffer.from(bytes), answer: command.includes("finalize") ? { file: { name: "files/abcdef123456" } } : {},
});
const start = () => record("POST", "/upload/v1/files", { headers: { "content-type": "application/json",
  "x-goog-upload-command": "start" }, body: json({ file: { mimeType: "text/plain" } }),
  answerHeaders: { "x-goog-upload-url": `http://127.0.0.1:1${session}` } });

test("server-made ids are numbered alike in both runs", () => {
  const a = normaliseRun([generate(200, { responseId: "one" })], { id: "one" }, "sdk");
  const b = normaliseRun([generate(200, { responseId: "two" })], { id: "two" }, "ours");
  assert.deepEqual(a.result, b.result);
  assert.equal(a.result.id, "‹response 1›");
});

test("a value the client sent first is its own and stays", () => {
  const sent = record("PATCH", "/v1/cachedContents/x", { headers: { "content-type": "application/json" },
    body: json({ expireTime: "2030-01-02T03:04:05Z" }), answer: { expireTime: "2030-01-02T03:04:05Z" } });
  const run = normaliseRun([sent], {}, "sdk");
  assert.equal(run.requests[0].body.expireTime, "2030-01-02T03:04:05Z");
});

test("a short page token does not corrupt other strings", () => {
  const page = record("GET", "/v1/files?pageSize=2", { answer: { nextPageToken: "2" } });
  const next = record("GET", "/v1/files?pageSize=2&pageToken=2");
  const run = normaliseRun([page, next], { when: "2026-12-02", token: "2" }, "sdk");
  assert.equal(run.requests[1].path, "/v1/files?pageSize=2&pageToken=‹page token 1›");
  assert.deepEqual(run.result, { when: "2026-12-02", token: "‹page token 1›" });
});

test("upload chunks of any size compare as the same bytes; other bytes differ", () => {
  const sdk = normaliseRun([start(), chunk(0, "abcdef", "upload, finalize", "k")], {}, "sdk");
  const ours = normaliseRun([start(), chunk(0, "abc", "upload"), chunk(3, "def", "upload, finalize")], {}, "ours");
  assert.deepEqual(compareRequests(sdk.requests, ours.requests).diffs, []);
  const wrong = normaliseRun([start(), chunk(0, "abc", "upload"), chunk(3, "deX", "upload, finalize")], {}, "ours");
  assert.match(compareRequests(sdk.requests, wrong.requests).diffs.join(), /sha256/);
});

test("our key on a session URL is reported", () => {
  const ours = normaliseRun([start(), chunk(0, "abcdef", "upload, finalize", "k")], {}, "ours");
  assert.match(ours.problems.join(), /sent the API key to the upload session URL/);
});

test("a re-send after 429 collapses with its attempts counted; after 400 it does not", () => {
  const retried = normaliseRun([generate(429), generate(200)], {}, "ours");
  assert.equal(retried.requests.length, 1);
  assert.equal(retried.requests[0].attempts, 2);
  const once = normaliseRun([generate(200)], {}, "sdk");
  assert.match(compareRequests(once.requests, retried.requests).diffs.join(), /attempts/);
  assert.equal(normaliseRun([generate(400), generate(200)], {}, "ours").requests.length, 2);
});

test("a key in the URL is a difference", () => {
  const sdk = normaliseRun([generate()], {}, "sdk");
  const ours = normaliseRun([{ ...generate(), path: "/v1/models/m:generateContent?key=k" }], {}, "ours");
  assert.match(compareRequests(sdk.requests, ours.requests).diffs.join(), /keyInUrl/);
});

test("a field the SDK dropped from the answer may stay in ours; an invented one may not", () => {
  const [kept] = RESULT_NORMALISATIONS;
  const sdkRun = normaliseRun([record("POST", "/v1/models/m:countTokens", { answer: { totalTokens: 3, promptTokensDetails: [] } })],
    { totalTokens: 3 }, "sdk");
  const same = kept.apply(sdkRun.result, { totalTokens: 3, promptTokensDetails: [] }, sdkRun.requests);
  assert.deepEqual(deepDiff(sdkRun.result, same.ours), []);
  assert.equal(same.notes.length, 1);
  const invented = kept.apply(sdkRun.result, { totalTokens: 3, madeUp: 1 }, sdkRun.requests);
  assert.equal(deepDiff(sdkRun.result, invented.ours).length, 1);
});

test("undefined, null and a missing key are three different things", () => {
  assert.equal(deepDiff({ a: "‹undefined›" }, { a: null }).length, 1);
  assert.equal(deepDiff({ a: null }, {}).length, 1);
});

test("each deliberate difference tells the two behaviours apart", () => {
  const ok = { threw: false, value: { text: "hi" } };
  const quota = { threw: true, status: 429, isApiError: true, message: "{}" };
  const retry = DELIBERATE["errors/429 once, without retryOptions"];
  const sdkRequests = [generate(429), generate(200)].map(describeRequest);
  const ourRequests = [generate(429), generate(200), generate(200)].map(describeRequest);
  assert.equal(retry.sdk({ first: quota, second: ok }, sdkRequests), true);
  assert.equal(retry.ours({ first: ok, second: ok }, ourRequests), true);
  assert.equal(typeof retry.ours({ first: quota, second: ok }, sdkRequests), "string");
  assert.equal(typeof retry.sdk({ first: ok, second: ok }, ourRequests), "string");
  assert.equal(typeof retry.ours({ first: ok, second: quota }, ourRequests), "string");

  const local = DELIBERATE["errors/local checks before sending"];
  const noKey = { threw: true, name: "Error", message: "An API Key must be set when running in a browser" };
  assert.equal(local.sdk({ noApiKey: noKey }), true);
  assert.equal(local.ours({ noApiKey: { threw: false } }), true);
  assert.equal(typeof local.ours({ noApiKey: noKey }), "string");
  assert.equal(typeof local.sdk({ noApiKey: { threw: false } }), "string");

  const unknown = DELIBERATE["config/an unknown config key"];
  const refused = { threw: true, status: 400,
    message: JSON.stringify({ error: { message: 'Invalid JSON payload received. Unknown name "futureSetting" at x' } }) };
  const sent = (generationConfig) => [record("POST", "/v1/models/m:generateContent",
    { body: json({ contents: [], generationConfig }) })].map(describeRequest);
  assert.equal(unknown.ours(refused, sent({ temperature: 0.3, futureSetting: { level: 2 } })), true);
  assert.equal(unknown.sdk({ threw: false }, sent({ temperature: 0.3 })), true);
  assert.equal(typeof unknown.ours({ threw: false }, sent({ temperature: 0.3 })), "string");
  assert.equal(typeof unknown.sdk({ threw: false }, sent({ temperature: 0.3, futureSetting: {} })), "string");
});
