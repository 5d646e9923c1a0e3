// The error classes every failed call rejects with (an abort rejects with a
// DOMException named "AbortError" instead, as fetch does).

export class GeminiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = "GeminiError";
    this.code = code;
    this.status = status;
  }
}

export class ApiError extends GeminiError {
  constructor(message, code, status, apiStatus, details, rawBody) {
    super(message, code, status);
    this.name = "ApiError";
    this.apiStatus = apiStatus;
    this.details = details;
    this.rawBody = rawBody;
  }
}

export function makeGeminiError(message, code, status) {
  return new GeminiError(message, code, status);
}

export function makeApiError(message, code, status, apiStatus, details, rawBody) {
  return new ApiError(message, code, status, apiStatus, details, rawBody);
}

export function makeAbortError(message) {
  return new DOMException(message, "AbortError");
}

export function errorClasses() {
  return { GeminiError, ApiError };
}
