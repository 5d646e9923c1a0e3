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
