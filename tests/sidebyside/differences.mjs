// Every way in which the two clients' captured requests or results are allowed to differ,
// in one table, each with its reason and with what is still checked so that it cannot
// hide a real difference. `compare.mjs` applies the normalisations in this order to both
// sides alike (a normalisation that can only ever fire for one client says so), and
// checks the expectations of the scenarios whose results differ on purpose.
import { createHash } from "node:crypto";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const isSession = (request) => /[?&]upload_id=/.test(request.path);
const command = (request) => request.upload?.["x-goog-upload-command"] ?? "";
const isChunk = (request) => isSession(request) && /upload|finalize/.test(command(request));
const ok = (request) => request.status >= 200 && request.status < 300;
const transient = (request) => request.status === 0 || request.status === 429 || request.status >= 500;

/** Drops the API key from upload session requests, after checking a rule about it. */
function sessionKey(requests, side) {
  const problems = [];
  for (const request of requests) {
    if (!isSession(request)) continue;
    if (side === "ours" && request.key !== null) {
      problems.push(`our client sent the API key to the upload session URL ${request.path}`);
    }
    request.key = "‹not compared on session URLs›";
  }
  return { requests, problems };
}

/** One entry per upload session for all its byte-carrying requests, bytes put at their offsets. */
function uploadChunks(requests) {
  const out = [];
  const merged = new Map();
  const problems = [];
  for (const request of requests) {
    if (!isChunk(request)) {
      out.push(request);
      continue;
    }
    let entry = merged.get(request.path);
    if (!entry) {
      entry = { method: request.method, path: request.path, key: request.key, keyInUrl: request.keyInUrl,
        contentType: "‹not compared on chunks›", upload: { "x-goog-upload-command": "" },
        body: null, status: 0, pieces: [], finalized: false };
      merged.set(request.path, entry);
      out.push(entry);
    }
    if (!ok(request)) continue;
    const offset = Number(request.upload?.["x-goog-upload-offset"]);
    if (!Number.isSafeInteger(offset)) problems.push(`a chunk to ${request.path} has no readable offset`);
    entry.pieces.push({ offset, bytes: request.rawBody });
    entry.finalized ||= /finalize/.test(command(request));
    entry.status = request.status;
  }
  for (const entry of merged.values()) {
    const length = Math.max(0, ...entry.pieces.map((piece) => piece.offset + piece.bytes.length));
    const whole = Buffer.alloc(length);
    for (const piece of entry.pieces) piece.bytes.copy(whole, piece.offset);
    entry.upload = { "x-goog-upload-command": entry.finalized ? "…, finalize" : "not finalized" };
    entry.body = { bytes: length, sha256: sha256(whole) };
    delete entry.pieces;
    delete entry.finalized;
  }
  return { requests: out, problems };
}

/** Collapses a request answered 429/5xx/cut and sent again unchanged into the later one, counting attempts. */
function retries(requests) {
  const out = [];
  for (const request of requests) {
    const previous = out[out.length - 1];
    if (previous && transient(previous) && previous.method === request.method
      && previous.path === request.path && previous.bodyText === request.bodyText) {
      out[out.length - 1] = { ...request, attempts: previous.attempts + 1 };
    } else {
      out.push({ ...request, attempts: 1 });
    }
  }
  return { requests: out, problems: [] };
}

/**
 * The normalisations, in the order they are applied. `side` says which client can make
 * them fire; each runs on both sides.
 */
export const NORMALISATIONS = [
  {
    id: "server-values",
    side: "both",
    what: "ids, page tokens, upload ids, signatures and timestamps that the emulator made " +
      "(file and cache names, responseId, nextPageToken, functionCall ids, thoughtSignature, " +
      "createTime...) are replaced by numbered placeholders in order of first appearance in " +
      "the answers, in requests and results alike",
    why: "the emulator draws them at random; they are not the client's doing",
    still: "a client that sends back another value than the one it was given (a wrong file " +
      "name, a dropped signature) shows a different placeholder or the raw value; values " +
      "the client makes itself (an expireTime it sends) are never replaced",
    apply: null, // applied by compare.mjs over the records and results of one run together
  },
  {
    id: "bodiless-content-type",
    side: "both",
    what: "the Content-Type of a request without a body (GET, DELETE) is not compared",
    why: "@google/genai sends `Content-Type: application/json` on every request, GETs " +
      "included; a content type without content means nothing to the API",
    still: "the Content-Type of every request with a body is compared exactly",
    apply(requests) {
      for (const request of requests) if (request.body === null) request.contentType = "‹no body›";
      return { requests, problems: [] };
    },
  },
  {
    id: "session-key",
    side: "sdk",
    what: "the x-goog-api-key header is not compared on upload session URLs",
    why: "@google/genai sends the key with every upload chunk; ours never does, because the " +
      "session URL is itself the credential and a key must only go to the API's origin " +
      "(issue 12). The emulator, like the API, needs no key there",
    still: "our requests to a session URL are checked to carry no key (a failure otherwise); " +
      "every other request's key header is compared exactly, and a key in any URL is a difference",
    apply: sessionKey,
  },
  {
    id: "upload-chunks",
    side: "ours",
    what: "all byte-carrying requests of one upload session become one entry: the bytes " +
      "placed at their X-Goog-Upload-Offset (SHA-256 and length) and whether it was finalized; " +
      "chunk boundaries, chunk count and the chunks' Content-Type are not compared",
    why: "@google/genai sends fixed 8 MiB chunks; ours grows and shrinks its chunk size " +
      "(faster on a good link, cheaper to re-send after a fault) and may re-send a chunk",
    still: "the start request (headers and JSON body) is compared exactly, and the bytes " +
      "that arrived must be the same bytes, finalized; a chunk without a readable offset fails",
    apply: uploadChunks,
  },
  {
    id: "upload-query",
    side: "ours",
    what: "`X-Goog-Upload-Command: query` requests are dropped",
    why: "our client asks the server how much it received after a failed chunk before " +
      "resuming; @google/genai never asks",
    still: "the chunks that follow are compared as bytes at offsets (upload-chunks)",
    apply(requests) {
      return { requests: requests.filter((r) => !(isSession(r) && command(r) === "query")), problems: [] };
    },
  },
  {
    id: "retries",
    side: "ours",
    what: "a request answered 429, 5xx or cut, followed by the same method, path and body, " +
      "counts once (the later attempt) with its number of attempts",
    why: "our client retries 429 and 5xx with backoff by default; @google/genai retries only " +
      "with httpOptions.retryOptions. Collapsing keeps the two lists aligned after a fault",
    still: "the number of attempts is compared (with retryOptions both must make as many), " +
      "except in the DELIBERATE scenarios that say otherwise; only an identical re-send " +
      "collapses: a retry that changes the request, or one after a 4xx other than 429, is a " +
      "difference; what each client shows after a fault is compared",
    apply: retries,
  },
];

/** Adds every object key found anywhere in `value` to `names`. */
function keyNames(value, names) {
  if (Array.isArray(value)) {
    for (const item of value) keyNames(item, names);
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      names.add(key);
      keyNames(inner, names);
    }
  }
  return names;
}

/** The key names of every JSON answer the emulator gave with 2xx in one run. */
function answerKeys(requests) {
  return keyNames(requests.filter(ok).flatMap((request) => request.answers ?? []), new Set());
}

/**
 * Result normalisations: applied to the two results of a scenario together, after the
 * request normalisations. `apply(sdk, ours, sdkRequests)` returns `{ ours, notes }`.
 */
export const RESULT_NORMALISATIONS = [
  {
    id: "kept-answer-fields",
    side: "ours",
    what: "a key that the SDK's result lacks where ours has it is left out of the comparison " +
      "when the API's answers in the SDK's own run contained that key and the SDK's result " +
      "shows it nowhere (the SDK dropped it; e.g. countTokens' promptTokensDetails)",
    why: "@google/genai copies only the answer fields it knows into its result objects; ours " +
      "keeps every field of the answer (WEB-DESIGN: unknown fields pass through), so that a " +
      "field the API adds works without a release",
    still: "every key the SDK shows must be there with an equal value; a key the API never " +
      "sent, or one the SDK shows elsewhere (renamed, moved), is a difference; the keys left " +
      "out are printed as notes with --verbose",
    apply(sdk, ours, sdkRequests) {
      const dropped = answerKeys(sdkRequests);
      const shown = keyNames(sdk, new Set());
      const notes = [];
      const strip = (a, b, path) => {
        if (Array.isArray(a) && Array.isArray(b)) return b.map((item, i) => strip(a[i], item, `${path}/${i}`));
        if (!a || !b || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) || Array.isArray(b)) return b;
        const out = {};
        for (const [key, inner] of Object.entries(b)) {
          if (!(key in a) && dropped.has(key) && !shown.has(key)) {
            notes.push(`ours keeps ${path}/${key}, which the SDK dropped`);
            continue;
          }
          out[key] = strip(a[key], inner, `${path}/${key}`);
        }
        return out;
      };
      return { ours: strip(sdk, ours, ""), notes };
    },
  },
  {
    id: "local-error-class",
    side: "ours",
    what: "an error thrown before anything is sent (a check of the arguments) is named " +
      "GeminiError in ours where the SDK throws a plain Error",
    why: "our errors are typed (GeminiError extends Error, with a code such as INVALID_INPUT) " +
      "so that a page can tell a bad argument from a network failure",
    still: "the message must be the SDK's word for word, the error must be an Error " +
      "(isError) and not an ApiError, and only the name of a thrown value that is not an " +
      "ApiError is changed",
    apply(sdk, ours) {
      const notes = [];
      const visit = (a, b, path) => {
        if (!a || !b || typeof a !== "object" || typeof b !== "object") return b;
        if (Array.isArray(a) || Array.isArray(b)) {
          return Array.isArray(b) ? b.map((item, i) => visit(Array.isArray(a) ? a[i] : undefined, item, `${path}/${i}`)) : b;
        }
        if (b.threw === true && a.threw === true && b.isError === true && b.isApiError === false
          && a.isApiError === false && a.name === "Error" && b.name === "GeminiError") {
          notes.push(`${path}: ours throws GeminiError where the SDK throws Error`);
          return { ...b, name: "Error" };
        }
        const out = {};
        for (const [key, inner] of Object.entries(b)) out[key] = visit(a[key], inner, `${path}/${key}`);
        return out;
      };
      return { ours: visit(sdk, ours, ""), notes };
    },
  },
];

/** Request headers that are not recorded at all, and why. */
export const HEADERS_NOT_COMPARED = {
  "user-agent, x-goog-api-client": "each client names itself (and a browser sets its own User-Agent)",
  "origin, referer, accept, accept-*, sec-*": "set by the browser, the same for both",
  "content-length": "follows from the body, which is compared",
};

/**
 * Scenarios whose results differ on purpose. Each side's check gets its result and its
 * captured requests as `compare.describeRequest` shows them before any normalisation
 * (`{method, path, status, upload, body, ...}`) and answers true or why not.
 * `requests: false` skips the request comparison (one client sends what the other
 * refuses); `attempts: false` skips comparing the number of attempts; `compare` lists
 * the result keys that are still compared as usual.
 */
export const DELIBERATE = {
  "errors/local checks before sending": {
    why: "@google/genai refuses a browser client without an apiKey; ours takes one, for pages " +
      "whose requests go through the app's own server or proxy, which adds the key (the key " +
      "must never reach the page), as docs/files-and-caches.md shows",
    compare: ["noModel", "emptyContents", "noContents"],
    sdk: (result) => (result.noApiKey.threw === true
      && /API Key must be set/.test(result.noApiKey.message))
      || "the SDK should refuse a client without a key",
    ours: (result) => result.noApiKey.threw === false
      || "our client should take a client without a key",
  },
  "errors/429 once, without retryOptions": {
    why: "@google/genai does not retry without httpOptions.retryOptions and shows the " +
      "ApiError 429; our client retries 429 (honouring the answer's retry delay) and shows " +
      "the successful answer",
    // The request lists differ by our retry (checked below, request by request); the
    // second call's answer is compared by its text, as its responseId is numbered after
    // a different count of answers on the two sides.
    attempts: false,
    requests: false,
    compare: [],
    sdk: (result, requests) => (result.first.threw === true && result.first.status === 429
      && result.first.isApiError === true && requests.length === 2 && requests[0].status === 429
      && requests[1].status === 200 && result.second.threw === false
      && typeof result.second.value?.text === "string")
      || "the SDK should show an ApiError with status 429 and not retry, then answer the second call",
    ours: (result, requests) => (result.first.threw === false
      && typeof result.first.value?.text === "string"
      && requests.length === 3 && requests[0].status === 429 && requests[1].status === 200
      && requests[2].status === 200 && result.second.threw === false
      && result.second.value?.text === result.first.value.text)
      || "our client should get the 429 once, retry it and return the answer, then answer the second call alike",
  },
  "files/upload of a Blob without a MIME type": {
    why: "@google/genai refuses to upload a Blob without a type unless config.mimeType is " +
      "given; our client sniffs the MIME type from the bytes (here a JPEG) and uploads it",
    requests: false,
    sdk: (result, requests) => (result.outcome.threw === true && result.outcome.isApiError === false
      && /mimeType/.test(result.outcome.message) && requests.length === 0)
      || "the SDK should refuse before sending anything",
    ours: (result, requests) => (result.outcome.threw === false
      && result.outcome.value?.mimeType === "image/jpeg"
      && requests[0]?.upload["x-goog-upload-header-content-type"] === "image/jpeg")
      || "our client should sniff image/jpeg and upload with it",
  },
};

/** The first request's JSON body. */
const firstBody = (requests) => requests[0]?.body ?? {};
/** The emulator's answer to a field it does not know, as the API words it. */
const refusedUnknown = (outcome, name) => outcome.threw === true && outcome.status === 400
  && outcome.message.includes(`Unknown name \\"${name}\\"`);

Object.assign(DELIBERATE, {
  "config/an unknown config key": {
    why: "@google/genai copies only the config keys it knows and drops the rest; ours sends " +
      "an unknown key inside generationConfig (WEB-DESIGN: where new generation settings " +
      "appear), so that a setting the API adds works without a release. Today's API (and " +
      "the strict emulator) refuses a name it does not know, with 400",
    requests: false,
    sdk: (result, requests) => (result.threw === false && requests.length === 1
      && !JSON.stringify(firstBody(requests)).includes("futureSetting"))
      || "the SDK should drop futureSetting and get an answer",
    ours: (result, requests) => (firstBody(requests).generationConfig?.futureSetting?.level === 2
      && firstBody(requests).generationConfig?.temperature === 0.3 && refusedUnknown(result, "futureSetting"))
      || "our client should send futureSetting in generationConfig (and the emulator refuse it)",
  },
  "text/an unknown part field": {
    why: "@google/genai copies only the part fields it knows; ours passes unknown part fields " +
      "through untouched (WEB-DESIGN), so today's API (and the strict emulator) refuses them",
    requests: false,
    sdk: (result, requests) => (result.threw === false
      && !JSON.stringify(firstBody(requests)).includes("futurePartField"))
      || "the SDK should drop futurePartField and get an answer",
    ours: (result, requests) => (firstBody(requests).contents?.[0]?.parts?.[0]?.futurePartField === true
      && refusedUnknown(result, "futurePartField"))
      || "our client should send futurePartField in the part (and the emulator refuse it)",
  },
});

/** Our extras that the scenarios cannot exercise, so that nobody adds a normalisation for them. */
export const EXTRAS_NOT_EXERCISED = {
  "Blob parts and the inline-or-upload plan": "the SDK takes no Blob in contents; the " +
    "scenarios pass base64 and file URIs, which ours sends unchanged",
  "upload progress, abort, resume, uploadUrl, waitUntilActive, download": "not in the SDK's " +
    "browser surface; tested by our own suites",
};
