// The library's JavaScript side, in one module: the page fetches one snippet instead of six
// (wasm-bindgen's test server stalls on more than four module fetches at once, and a page
// loads faster with fewer requests too). Sections: errors, responses, the Pager, the
// stream, timers, deadlines.

// ---- errors ----

// The error classes every failed call rejects with. An HTTP error is an ApiError, as
// @google/genai's (`new ApiError({ message, status })`, `status` the HTTP status,
// `message` the JSON text of the error body), with our fields on top; anything else is
// a GeminiError with our stable `code`. An abort rejects with a DOMException named
// "AbortError", as fetch does.

export class GeminiError extends Error {
  constructor(message, options = {}) {
    super(message);
    this.name = "GeminiError";
    this.code = options.code ?? "ERROR";
    if (options.status !== undefined) this.status = options.status;
  }
}

export class ApiError extends GeminiError {
  constructor(options = {}) {
    super(options.message, { code: options.code ?? "API_ERROR", status: options.status });
    this.name = "ApiError";
    this.status = options.status;
    this.apiStatus = options.apiStatus;
    this.details = options.details ?? [];
    this.rawBody = options.rawBody ?? "";
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function makeGeminiError(message, code, status) {
  return new GeminiError(message, { code, status });
}

export function makeApiError(options) {
  return new ApiError(options);
}

export function makeAbortError(message) {
  return new DOMException(message, "AbortError");
}

// `fetch(request)` as a promise whatever the page made of `fetch`: a wrapper (a mock, an
// instrumentation) may throw, or return something that is not a promise. A throw becomes
// a rejection and any other value a promise of it, which the caller checks is a Response.
export function fetchRequest(request) {
  try {
    return Promise.resolve(fetch(request));
  } catch (error) {
    return Promise.reject(error);
  }
}

// A Blob's own values, read with Blob's and File's own accessors: a subclass's getters
// and methods (which may return anything, or throw) are not consulted, and a slice is
// always the browser's own Blob. A value that is no Blob inside (a Proxy of one) throws
// TypeError, which the caller turns into an error.
function nativeGetter(cls, key) {
  return Object.getOwnPropertyDescriptor(cls.prototype, key).get;
}
export function blobType(blob) {
  return nativeGetter(Blob, "type").call(blob);
}
export function blobSize(blob) {
  return nativeGetter(Blob, "size").call(blob);
}
export function blobSlice(blob, start, end) {
  return Blob.prototype.slice.call(blob, start, end);
}
// Whether `value` is an AbortSignal inside, not an object made with its prototype
// (whose every getter throws "Illegal invocation" when read later).
export function isAbortSignal(value) {
  try {
    nativeGetter(AbortSignal, "aborted").call(value);
    return true;
  } catch {
    return false;
  }
}
// The pixel size of an image the overlay renderer draws, `[width, height]`, read with the
// element's own getters (a Proxy, an object made from the prototype, or an own property
// that shadows a getter would otherwise throw or lie); `null` for an <img> still
// loading. Throws TypeError for anything else.
export function drawableSize(image) {
  const read = (cls, w, h) => [nativeGetter(cls, w).call(image), nativeGetter(cls, h).call(image)];
  if (image instanceof HTMLImageElement) {
    if (!nativeGetter(HTMLImageElement, "complete").call(image)) return null;
    return read(HTMLImageElement, "naturalWidth", "naturalHeight");
  }
  if (image instanceof ImageBitmap) return read(ImageBitmap, "width", "height");
  if (image instanceof HTMLCanvasElement) return read(HTMLCanvasElement, "width", "height");
  if (image instanceof HTMLVideoElement) return read(HTMLVideoElement, "videoWidth", "videoHeight");
  throw new TypeError("not an image");
}
export function fileName(file) {
  return nativeGetter(File, "name").call(file);
}
export function fileLastModified(file) {
  return nativeGetter(File, "lastModified").call(file);
}

// The SDK's message for an HTTP error: the JSON text of the error body (a body that is
// not JSON is wrapped the way the SDK wraps it).
export function apiErrorMessage(rawBody, status, statusText, json) {
  if (json) {
    try {
      return JSON.stringify(JSON.parse(rawBody));
    } catch {
      // Not JSON after all: shown as text, below.
    }
  }
  return JSON.stringify({ error: { message: rawBody, code: status, status: statusText } });
}

// ---- response ----

// The response classes the library hands out, as @google/genai's: plain fields (as the
// API sent them, with the SDK's renames) and, on GenerateContentResponse, the getters
// (`text`, `data`, `functionCalls`, `executableCode`, `codeExecutionResult`,
// `initialPromptTokenCount`) with the SDK's answers, warnings and `undefined`s.

function firstCandidateParts(response, what) {
  const parts = response.candidates?.[0]?.content?.parts;
  if (parts !== undefined && parts.length === 0) return null;
  if (response.candidates && response.candidates.length > 1) {
    console.warn(`there are multiple candidates in the response, returning ${what} from the first one.`);
  }
  return parts ?? [];
}

function fieldsOtherThan(parts, allowed) {
  const others = [];
  for (const part of parts) {
    for (const name of Object.keys(part)) {
      if (!allowed.includes(name)) others.push(name);
    }
  }
  return others;
}

export class GenerateContentResponse {
  /** The text parts of the first candidate, joined (thoughts left out). */
  get text() {
    const parts = firstCandidateParts(this, "text");
    if (parts === null) return undefined;
    const others = fieldsOtherThan(parts, ["text", "thought", "thoughtSignature"]);
    let text = "";
    let any = false;
    for (const part of parts) {
      if (typeof part.text !== "string" || part.thought === true) continue;
      any = true;
      text += part.text;
    }
    if (others.length > 0) {
      console.warn(`there are non-text parts ${others} in the response, returning concatenation of all text parts. Please refer to the non text parts for a full response from model.`);
    }
    return any ? text : undefined;
  }

  /** The inline data of the first candidate, joined, as base64. */
  get data() {
    const parts = firstCandidateParts(this, "data");
    if (parts === null) return undefined;
    const others = fieldsOtherThan(parts, ["inlineData"]);
    let binary = "";
    for (const part of parts) {
      if (part.inlineData && typeof part.inlineData.data === "string") {
        binary += atob(part.inlineData.data);
      }
    }
    if (others.length > 0) {
      console.warn(`there are non-data parts ${others} in the response, returning concatenation of all data parts. Please refer to the non data parts for a full response from model.`);
    }
    return binary.length > 0 ? btoa(binary) : undefined;
  }

  /** The function calls of the first candidate, or undefined when there are none. */
  get functionCalls() {
    const calls = partsWith(this, "functionCall", "function calls");
    return calls && calls.length > 0 ? calls : undefined;
  }

  /** The code of the first `executableCode` part of the first candidate. */
  get executableCode() {
    return partsWith(this, "executableCode", "executable code")?.[0]?.code;
  }

  /** The output of the first `codeExecutionResult` part of the first candidate. */
  get codeExecutionResult() {
    return partsWith(this, "codeExecutionResult", "code execution result")?.[0]?.output;
  }

  /** The prompt's token count before any continuation. */
  get initialPromptTokenCount() {
    if (!this.usageMetadata) return undefined;
    return this.usageMetadata._initialPromptTokenCount ?? this.usageMetadata.promptTokenCount;
  }

}

function partsWith(response, field, what) {
  const parts = firstCandidateParts(response, what);
  if (parts === null) return undefined;
  return parts.map((part) => part[field]).filter((value) => value);
}

export class CountTokensResponse {}
export class ListModelsResponse {}
export class ListFilesResponse {}
export class CreateFileResponse {}
export class DeleteFileResponse {}
export class ListCachedContentsResponse {}
export class DeleteCachedContentResponse {}
export class ListBatchJobsResponse {}

const CLASSES = {
  CountTokensResponse,
  ListModelsResponse,
  ListFilesResponse,
  CreateFileResponse,
  DeleteFileResponse,
  ListCachedContentsResponse,
  DeleteCachedContentResponse,
  ListBatchJobsResponse,
};

// usageMetadata.initialPromptTokenCount, as the SDK attaches it: a hidden field with the
// first hop's prompt count and a getter reading it.
function attachInitialPromptTokenCount(usage) {
  if (!usage || typeof usage !== "object") return;
  const initial = usage._initialPromptTokenCount ?? usage.promptTokenCount;
  if (initial !== undefined) {
    Object.defineProperty(usage, "_initialPromptTokenCount", {
      value: initial, enumerable: false, configurable: true, writable: true });
  }
  if (!Object.prototype.hasOwnProperty.call(usage, "initialPromptTokenCount")) {
    Object.defineProperty(usage, "initialPromptTokenCount", {
      get() { return this._initialPromptTokenCount ?? this.promptTokenCount; },
      enumerable: false, configurable: true });
  }
}

/** For the Rust side: a GenerateContentResponse with these fields. */
export function wrapGenerateContentResponse(fields) {
  const response = Object.assign(new GenerateContentResponse(), fields);
  attachInitialPromptTokenCount(response.usageMetadata);
  return response;
}

/** For the Rust side: an instance of the response class `name` with these fields. */
export function wrapResponse(name, fields) {
  const Class = CLASSES[name];
  return Class ? Object.assign(new Class(), fields) : fields;
}

// ---- pager ----

// The Pager that list methods resolve to, behaving as @google/genai's: the first page is
// fetched before it is returned; `page`, `pageLength`, `getItem(i)`, `hasNextPage()`,
// `nextPage()`, `params` (with `config.pageToken` set to the next token) and
// `for await (const item of pager)` across pages.

export class Pager {
  constructor(name, request, response, params) {
    this._request = request;
    this._load(name, response, params);
  }

  _load(name, response, params) {
    this._name = name;
    this._page = (response && response[name]) || [];
    this._sdkHttpResponse = response ? response.sdkHttpResponse : undefined;
    this._index = 0;
    const next = params && typeof params === "object" && Object.keys(params).length > 0
      ? { ...params }
      : { config: {} };
    if (next.config) {
      next.config = { ...next.config, pageToken: response ? response.nextPageToken : undefined };
    }
    this._params = next;
    const size = next.config ? next.config.pageSize : undefined;
    this._pageSize = size ?? this._page.length;
  }

  get page() { return this._page; }
  get name() { return this._name; }
  get pageSize() { return this._pageSize; }
  get sdkHttpResponse() { return this._sdkHttpResponse; }
  get params() { return this._params; }
  get pageLength() { return this._page.length; }
  getItem(index) { return this._page[index]; }

  hasNextPage() {
    return this._params.config !== undefined && this._params.config.pageToken !== undefined;
  }

  async nextPage() {
    if (!this.hasNextPage()) throw new Error("No more pages to fetch.");
    const response = await this._request(this._params);
    this._load(this._name, response, this._params);
    return this._page;
  }

  [Symbol.asyncIterator]() {
    return {
      next: async () => {
        if (this._index >= this.pageLength) {
          if (!this.hasNextPage()) return { value: undefined, done: true };
          await this.nextPage();
        }
        const value = this.getItem(this._index);
        this._index += 1;
        return { value, done: false };
      },
      return: async () => ({ value: undefined, done: true }),
    };
  }
}

/** For the Rust side: a pager over `request(params) -> Promise<response>`. */
export function makePager(name, request, response, params) {
  return new Pager(name, request, response, params);
}

// ---- stream ----

// The async iterable that generateContentStream (and sendMessageStream) resolve to, as
// the SDK's async generator behaves: `next()` gives the next chunk, `return()` stops
// reading, `throw()` stops and rethrows. `next` is the Rust side's: a promise of the
// next chunk, or undefined at the end. Calls are chained so that they never overlap.
export function makeStream(next, cancel) {
  let last = Promise.resolve();
  let finished = false;
  const stop = () => {
    if (!finished) {
      finished = true;
      cancel();
    }
  };
  return {
    next() {
      const step = last.then(async () => {
        if (finished) return { done: true, value: undefined };
        try {
          const value = await next();
          if (value === undefined) {
            finished = true;
            return { done: true, value: undefined };
          }
          return { done: false, value };
        } catch (error) {
          finished = true;
          throw error;
        }
      });
      last = step.catch(() => {});
      return step;
    },
    return(value) {
      stop();
      return Promise.resolve({ done: true, value });
    },
    throw(error) {
      stop();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    // `await using stream = ...` stops reading, as an async generator does.
    ...(Symbol.asyncDispose ? { [Symbol.asyncDispose]() { stop(); return Promise.resolve(); } } : {}),
  };
}

// ---- timer ----

// Sleeping that an AbortSignal cuts short, in a window or a worker (globalThis only).
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const abortError = () =>
      new DOMException("The operation was aborted.", "AbortError");
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    let id;
    const onAbort = () => {
      globalThis.clearTimeout(id);
      reject(abortError());
    };
    id = globalThis.setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

// ---- deadline ----

// One request's deadline: a signal that fires when the caller's signal fires or when
// `ms` pass, whichever is first, and says afterwards which of the two it was.
export class Deadline {
  constructor(signal, ms) {
    this._controller = new AbortController();
    this._timedOut = false;
    this._signal = signal || undefined;
    this._onAbort = () => this._controller.abort(this._signal.reason);
    if (this._signal) {
      if (this._signal.aborted) this._onAbort();
      else this._signal.addEventListener("abort", this._onAbort, { once: true });
    }
    if (ms !== undefined) {
      this._timer = globalThis.setTimeout(() => {
        this._timedOut = true;
        this._controller.abort(new DOMException("The request timed out.", "TimeoutError"));
      }, ms);
    }
  }
  get signal() { return this._controller.signal; }
  get timedOut() { return this._timedOut; }
  dispose() {
    globalThis.clearTimeout(this._timer);
    if (this._signal) this._signal.removeEventListener("abort", this._onAbort);
  }
}
