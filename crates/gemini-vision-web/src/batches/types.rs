//! TypeScript types of `ai.batches`: the SDK's (`CreateBatchJobParameters`, `BatchJob`,
//! `InlinedRequest`...) with our extras marked.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const BATCHES_TS: &'static str = r#"
/** Request counts of a job; int64 on the wire, so decimal strings. Ours: the SDK
 * drops them. */
export interface BatchStats {
  requestCount?: string;
  successfulRequestCount?: string;
  failedRequestCount?: string;
  pendingRequestCount?: string;
}

/** An error as the API writes it (`google.rpc.Status`). */
export interface JobError {
  code?: number;
  message?: string;
  status?: string;
  details?: unknown[];
}

/** One inlined result of a job. */
export interface InlinedResponse {
  response?: GenerateContentResponse;
  metadata?: Record<string, unknown>;
  error?: JobError;
}

/** Where a job's results are. */
export interface BatchJobDestination {
  /** The result file (`files/...`): read it with `batches.results`. */
  fileName?: string;
  inlinedResponses?: InlinedResponse[];
}

/** A batch job, as the SDK hands it out, with `batchStats` and `error` kept. */
export interface BatchJob {
  /** `batches/{id}`. */
  name?: string;
  displayName?: string;
  /** The API's `BATCH_STATE_X` as the SDK renames it, `JOB_STATE_X`. */
  state?: JobState;
  createTime?: string;
  endTime?: string;
  updateTime?: string;
  /** `models/{model}`. */
  model?: string;
  dest?: BatchJobDestination;
  /** Ours. */
  batchStats?: BatchStats;
  /** Ours: why the job failed as a whole. */
  error?: JobError;
}

/** The SDK's inline request. */
export interface InlinedRequest {
  model?: string;
  contents: ContentListUnion;
  /** Sent as given; without it we send `{ key }` (a generated `req-{n}`). */
  metadata?: Record<string, unknown>;
  config?: GenerateContentConfig;
}

/** Ours: one request of a batch; `contents` may hold `Blob`s (encoded as base64). */
export interface BatchRequest {
  /** Joins the result to the request; default `req-{n}` (1-based). Unique. */
  key?: string;
  contents: ContentListUnion;
  config?: GenerateContentConfig;
}

/** `src` of `batches.create`. */
export type BatchJobSource =
  | string
  | Array<InlinedRequest | BatchRequest>
  | { fileName: string; inlinedRequests?: never }
  | { inlinedRequests: Array<InlinedRequest | BatchRequest>; fileName?: never };

export interface CreateBatchJobConfig {
  displayName?: string;
  webhookConfig?: Record<string, unknown>;
  /** Vertex AI only: refused, as the SDK refuses it. */
  dest?: never;
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** Ours: the largest create body sent inline (default the client's
   * `maxInlineBytes`, about 20 MB); a bigger batch is uploaded as a JSONL file. */
  maxInlineBytes?: number;
  /** Ours: the JSONL file's upload progress. */
  onProgress?: (progress: UploadProgress) => void;
  /** Ours: the JSONL file's upload chunk size (a multiple of 256 KiB). */
  chunkSize?: number;
}

export interface CreateBatchJobParameters {
  /** "gemini-2.5-flash" or "models/gemini-2.5-flash". */
  model: string;
  src: BatchJobSource;
  config?: CreateBatchJobConfig;
}

/** `batches.get`, `cancel` and `delete`. */
export interface GetBatchJobParameters {
  /** "batches/abc" or "abc". */
  name: string;
  config?: RequestConfig;
}
export type CancelBatchJobParameters = GetBatchJobParameters;
export type DeleteBatchJobParameters = GetBatchJobParameters;

/** What `batches.delete` resolves to. */
export interface DeleteResourceJob {
  sdkHttpResponse?: { headers?: Record<string, string> };
  name?: string;
  done?: boolean;
  error?: JobError;
}

export interface ListBatchJobsParameters {
  config?: RequestConfig & { pageSize?: number; pageToken?: string };
}

/** Ours: options of `batches.wait`. */
export interface WaitBatchJobOptions {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** Called with the job whenever its state or `batchStats` change. */
  onState?: (job: BatchJob) => void;
  /** A fixed time between polls (default 5 s growing to 60 s). */
  pollMs?: number;
}

/** Ours: options of `batches.results`. */
export interface BatchResultsOptions {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** A result file's line longer than this is that request's error (default 64 MiB). */
  maxLineBytes?: number;
}

/** Ours: one request's result. A result line that could not be read has
 * `error.status` "UNREADABLE" and `error.reason` ("LINE_TOO_LONG", "MALFORMED_RESULT",
 * "NO_OUTCOME"). */
export interface BatchResult {
  key?: string;
  response?: GenerateContentResponse;
  error?: JobError & { reason?: string };
}
"#;
