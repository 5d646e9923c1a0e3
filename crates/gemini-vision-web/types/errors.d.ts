// The error classes. Every failed call rejects with one of them, except an abort, which
// rejects with a DOMException named "AbortError" (as fetch does).

/** A failure that is not an HTTP error answer. */
export declare class GeminiError extends Error {
  constructor(message?: string, options?: { code?: string; status?: number });
  name: "GeminiError" | "ApiError";
  /** Stable: "INVALID_INPUT", "UNSUPPORTED_MIME", "REQUEST_TOO_LARGE", "TIMEOUT",
   * "TRANSPORT", "MALFORMED", "FILE_FAILED", "RETRIES_EXHAUSTED", "MODULE_FAILED", ... */
  code: string;
  status?: number;
}

/** An error the API answered, as @google/genai's (`new ApiError({ message, status })`):
 * `status` is the HTTP status and `message` the JSON text of the error body. */
export declare class ApiError extends GeminiError {
  constructor(options: {
    message: string;
    status: number;
    code?: string;
    apiStatus?: string;
    details?: unknown[];
    rawBody?: string;
    retryAfterMs?: number;
  });
  name: "ApiError";
  status: number;
  /** Google's status: "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED", ... */
  apiStatus?: string;
  details: unknown[];
  /** The body as received (capped at 64 KiB, the API key scrubbed). */
  rawBody: string;
  /** When the API said how long to wait (quota), in milliseconds. */
  retryAfterMs?: number;
}
