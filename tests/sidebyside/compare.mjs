// Comparing two runs of one scenario: the captured requests (method, path and query, the
// key header, content type, X-Goog-Upload-* headers, the body: JSON structurally, other
// bytes by length and SHA-256) and the results, by deep equality, after the
// normalisations of `differences.mjs` and nothing else.
import { createHash } from "node:crypto";
import { NORMALISATIONS } from "./differences.mjs";

const DIFF_LIMIT = 4;

/** The parts of a captured request that are compared (plus raw bytes for the table's use). */
export function describeRequest(record) {
  const url = new URL(record.path, "http://capture");
  const upload = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (name.startsWith("x-goog-upload-")) upload[name] = value;
  }
  const bodyText = record.body.toString("latin1");
  let body = null;
  if (record.body.length > 0) {
    body = { bytes: record.body.length, sha256: createHash("sha256").update(record.body).digest("hex") };
    if (/^\s*[{[]/.test(bodyText.slice(0, 16))) {
      try {
        body = JSON.parse(record.body.toString("utf8"));
      } catch {
        // Not JSON after all (an upload chunk): compared as bytes.
      }
    }
  }
  return {
    method: record.method,
    path: url.pathname + url.search,
    // Not compared: the JSON documents of the answer, for the result normalisations.
    answers: answerDocuments(record.response.body.toString("utf8")),
    key: record.headers["x-goog-api-key"] ?? null,
    keyInUrl: url.searchParams.has("key"),
    contentType: record.headers["content-type"] ?? null,
    upload,
    body,
    // Not compared: used by the normalisations and the fault checks.
    status: record.response.status,
    rawBody: record.body,
    bodyText,
  };
}

/** JSON documents in an answer: one JSON body, or the `data:` events of an SSE stream. */
function answerDocuments(text) {
  try {
    return [JSON.parse(text)];
  } catch {
    return text.split(/\r?\n/).filter((line) => line.startsWith("data:"))
      .flatMap((line) => {
        try {
          return [JSON.parse(line.slice(5))];
        } catch {
          return [];
        }
      });
  }
}

const VALUE_PATTERNS = [
  ["file", /files\/[a-z0-9]{6,}/g],
  ["cache", /cachedContents\/[a-z0-9]{6,}/g],
  ["upload", /(?<=upload_id=)[A-Za-z0-9_-]+/g],
  ["time", /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g],
];
const VALUE_KEYS = { responseId: "response", nextPageToken: "page token", thoughtSignature: "signature" };

/** The text of what the client sent that could carry a value back: the path and a JSON body. */
function sentText(record) {
  const head = record.body.subarray(0, 16).toString("latin1");
  return /^\s*[{[]/.test(head) ? `${record.path}\n${record.body.toString("utf8")}` : record.path;
}

/**
 * Values the emulator made, with placeholders: `substrings` (names, upload ids,
 * timestamps: replaced wherever they appear, longest first) and `exact` (ids and tokens
 * that may be short: replaced only as a whole string or a whole query value). Numbered in
 * order of first appearance in the answers. A value the client sent before the emulator
 * first answered with it is the client's own (an expireTime it chose): never replaced.
 */
function serverValues(records) {
  const substrings = new Map();
  const exact = new Map();
  const counts = {};
  let sent = "";
  const add = (table, kind, value) => {
    if (typeof value !== "string" || value === "" || substrings.has(value) || exact.has(value)) return;
    // Short exact values (a page token "8") would be found in anything sent.
    if (table === substrings && sent.includes(value)) return;
    counts[kind] = (counts[kind] ?? 0) + 1;
    table.set(value, `‹${kind} ${counts[kind]}›`);
    // A resource's bare id appears in messages ("the File abc123...").
    const id = /^(?:files|cachedContents)\/(.+)$/.exec(value)?.[1];
    if (id && !sent.includes(id)) substrings.set(id, `‹${kind} ${counts[kind]} id›`);
  };
  const walk = (value, parentKey) => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, parentKey));
    if (value === null || typeof value !== "object") return;
    for (const [key, inner] of Object.entries(value)) {
      if (VALUE_KEYS[key]) add(exact, VALUE_KEYS[key], inner);
      if (key === "id" && parentKey === "functionCall") add(exact, "call", inner);
      walk(inner, key);
    }
  };
  for (const record of records) {
    sent += `${sentText(record)}\n`;
    const text = record.response.body.toString("utf8");
    const sources = [text, record.response.headers["x-goog-upload-url"] ?? ""];
    for (const source of sources) {
      for (const [kind, pattern] of VALUE_PATTERNS) {
        for (const match of source.matchAll(pattern)) add(substrings, kind, match[0]);
      }
    }
    for (const document of answerDocuments(text)) walk(document, null);
  }
  const longestFirst = [...substrings.entries()].sort((a, b) => b[0].length - a[0].length);
  return { substrings: longestFirst, exact };
}

function replaceString(text, values) {
  const whole = values.exact.get(text);
  if (whole !== undefined) return whole;
  let out = text;
  for (const [from, to] of values.substrings) if (out.includes(from)) out = out.split(from).join(to);
  // Page tokens travel back in the query; only that parameter is looked at.
  if (out.includes("pageToken=")) {
    out = out.replace(/([?&]pageToken=)([^&#]*)/g, (all, head, value) => {
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // Not a URL query value after all.
      }
      return values.exact.has(decoded) ? head + values.exact.get(decoded) : all;
    });
  }
  return out;
}

function replaceStrings(value, values) {
  if (typeof value === "string") return replaceString(value, values);
  if (Array.isArray(value)) return value.map((item) => replaceStrings(item, values));
  if (value === null || typeof value !== "object" || Buffer.isBuffer(value)) return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) out[key] = replaceStrings(inner, values);
  return out;
}

/**
 * One client run, normalised: `{ requests, result, problems }` where `side` is "sdk" or
 * "ours" (some normalisations also check a rule for one side and report problems).
 */
export function normaliseRun(records, result, side) {
  const replacements = serverValues(records);
  let requests = records.map((record) => {
    const described = describeRequest(record);
    // The raw bytes stay as sent: they are compared by hash, and re-sends by identity.
    const { rawBody, bodyText, ...rest } = described;
    return { ...replaceStrings(rest, replacements), rawBody, bodyText };
  });
  const problems = [];
  for (const normalisation of NORMALISATIONS) {
    if (!normalisation.apply) continue;
    const outcome = normalisation.apply(requests, side);
    requests = outcome.requests;
    problems.push(...outcome.problems);
  }
  return { requests, result: replaceStrings(result, replacements), problems };
}

const COMPARED = ["method", "path", "key", "keyInUrl", "contentType", "upload", "body", "attempts"];
const compared = (request) => Object.fromEntries(COMPARED.map((key) => [key, request[key]]));

function short(value) {
  const text = value === undefined ? "(absent)" : JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

/** Up to `limit` differences between `a` (sdk) and `b` (ours), as `path: sdk X, ours Y`. */
export function deepDiff(a, b, path = "", out = [], limit = DIFF_LIMIT) {
  if (out.length >= limit) return out;
  const kind = (v) => (Array.isArray(v) ? "array" : v === null ? "null" : typeof v);
  if (kind(a) !== kind(b) || (kind(a) !== "object" && kind(a) !== "array" && a !== b)) {
    out.push(`${path || "/"}: sdk ${short(a)}, ours ${short(b)}`);
    return out;
  }
  if (kind(a) === "array") {
    if (a.length !== b.length) out.push(`${path || "/"}: sdk ${a.length} items, ours ${b.length}`);
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) deepDiff(a[i], b[i], `${path}/${i}`, out, limit);
    return out;
  }
  if (kind(a) === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      if (out.length >= limit) break;
      deepDiff(a[key], b[key], `${path}/${key}`, out, limit);
    }
  }
  return out;
}

/** Paths where two JSON bodies have the same keys in another order (reported, not failed). */
export function keyOrderNotes(a, b, path = "", out = []) {
  if (Array.isArray(a) && Array.isArray(b)) {
    a.forEach((item, i) => i < b.length && keyOrderNotes(item, b[i], `${path}/${i}`, out));
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length === kb.length && ka.every((k) => k in b) && ka.join() !== kb.join()) {
      out.push(`${path || "/"} keys: sdk ${ka.join(",")}; ours ${kb.join(",")}`);
    }
    for (const key of ka) if (key in b) keyOrderNotes(a[key], b[key], `${path}/${key}`, out);
  }
  return out;
}

const label = (request) => (request ? `${request.method} ${request.path}` : "(none)");

/** Differences between the normalised request lists of two runs. */
export function compareRequests(sdk, ours) {
  const diffs = [];
  const notes = [];
  const count = Math.max(sdk.length, ours.length);
  for (let i = 0; i < count && diffs.length < DIFF_LIMIT; i += 1) {
    const a = sdk[i];
    const b = ours[i];
    if (!a || !b) {
      diffs.push(`request ${i + 1}: sdk ${label(a)}, ours ${label(b)}`);
      continue;
    }
    for (const line of deepDiff(compared(a), compared(b), "", [], DIFF_LIMIT - diffs.length)) {
      diffs.push(`request ${i + 1} (${label(a)}) ${line}`);
    }
    for (const line of keyOrderNotes(a.body, b.body)) notes.push(`request ${i + 1} body${line}`);
  }
  return { diffs, notes };
}
