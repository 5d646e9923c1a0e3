// What a scenario gets besides the library: where the API is, sample media, the
// emulator's fault switch, and small readers that turn what the library returned into
// what a user reads through its public getters. The same env is given to both clients;
// it never says which client is running.
import { base64 } from "./plain.js";

/** Models the scenarios use (all known to the emulator). */
const MODELS = {
  model: "gemini-2.5-flash",
  gemini3: "gemini-3-flash-preview",
  imageModel: "gemini-2.5-flash-image",
};

/** Deterministic bytes (xorshift32 from `seed`): large uploads without a large fixture. */
function pseudoRandomBytes(length, seed) {
  const out = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}

/** The smallest MP4 the emulator reads a length from: a `moov` box holding an `mvhd`. */
function tinyMp4(seconds) {
  const timescale = 1000;
  const mvhd = new Uint8Array(8 + 4 + 8 + 8 + 80);
  const view = new DataView(mvhd.buffer);
  view.setUint32(0, mvhd.length);
  mvhd.set([0x6d, 0x76, 0x68, 0x64], 4); // "mvhd"
  view.setUint32(20, timescale);
  view.setUint32(24, seconds * timescale);
  const moov = new Uint8Array(8 + mvhd.length);
  new DataView(moov.buffer).setUint32(0, moov.length);
  moov.set([0x6d, 0x6f, 0x6f, 0x76], 4); // "moov"
  moov.set(mvhd, 8);
  return moov;
}

/** `words` words of deterministic prose (context caches need thousands of tokens). */
function longText(words) {
  const vocabulary = ["socks", "table", "morning", "light", "window", "colour", "shape",
    "kitchen", "garden", "river", "yellow", "circle", "square", "pattern", "fabric"];
  const out = [];
  for (let i = 0; i < words; i += 1) out.push(vocabulary[(i * 7 + (i >> 3)) % vocabulary.length]);
  return out.join(" ");
}

/** The env for one run of one scenario with `lib`. */
export function makeEnv({ lib, baseUrl, apiKey, samplesUrl, adminToken }) {
  const env = {
    ...MODELS,
    apiKey,
    baseUrl,
    /** The constructor options every scenario starts from (extra httpOptions merged in). */
    options(httpOptions = {}) {
      return { apiKey, httpOptions: { baseUrl, ...httpOptions } };
    },
    /** A sample image from `../shared/samples/images`. */
    async sample(name) {
      const response = await fetch(`${samplesUrl}/${name}`);
      if (!response.ok) throw new Error(`sample ${name}: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const mimeType = name.endsWith(".png") ? "image/png" : "image/jpeg";
      return { bytes, base64: base64(bytes), mimeType, blob: new Blob([bytes], { type: mimeType }) };
    },
    bytes: pseudoRandomBytes,
    tinyMp4,
    longText,
    base64,
    /** Arms an emulator fault (`POST /__fake/faults`, never recorded as a client request). */
    async fault(spec) {
      const response = await fetch(`${baseUrl}/__fake/faults`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-fake-admin-token": adminToken ?? "" },
        body: JSON.stringify(spec),
      });
      if (!response.ok) throw new Error(`arming ${JSON.stringify(spec)}: HTTP ${response.status}`);
    },
    /** Throws when `condition` is false: a scenario that does not show what it is about fails. */
    check(condition, message) {
      if (!condition) throw new Error(`check failed: ${message}`);
    },
    /** What a user sees of a thrown value. */
    describeError(error) {
      return {
        threw: true,
        name: error?.name,
        message: error?.message,
        status: error?.status,
        isError: error instanceof Error,
        isApiError: typeof lib.ApiError === "function" ? error instanceof lib.ApiError : "‹no ApiError export›",
      };
    },
    /** Runs `call`; its error as a user sees it, or `{threw: false, value}`. */
    async outcome(call) {
      try {
        return { threw: false, value: await call() };
      } catch (error) {
        return env.describeError(error);
      }
    },
    /** A `GenerateContentResponse` through its public getters and fields. */
    read(response) {
      return {
        text: response.text,
        data: response.data,
        functionCalls: response.functionCalls,
        executableCode: response.executableCode,
        codeExecutionResult: response.codeExecutionResult,
        candidates: response.candidates,
        usageMetadata: response.usageMetadata,
        initialPromptTokenCount: response.initialPromptTokenCount,
        promptFeedback: response.promptFeedback,
        modelVersion: response.modelVersion,
        responseId: response.responseId,
        automaticFunctionCallingHistory: response.automaticFunctionCallingHistory,
        sdkHttpResponse: response.sdkHttpResponse, // summarised by plain.js
      };
    },
    /** Every chunk of a stream, read as `read` does. */
    async readStream(stream) {
      const chunks = [];
      for await (const chunk of stream) chunks.push(env.read(chunk));
      return { text: chunks.map((chunk) => chunk.text ?? "").join(""), chunks };
    },
    /** A pager's public state: `page`, `pageLength`, `pageSize`, `name`, `hasNextPage()`. */
    readPager(pager) {
      return {
        name: pager.name,
        page: pager.page,
        pageLength: pager.pageLength,
        pageSize: pager.pageSize,
        hasNextPage: pager.hasNextPage(),
        sdkHttpResponse: pager.sdkHttpResponse,
      };
    },
  };
  return env;
}
