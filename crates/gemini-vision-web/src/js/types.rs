//! TypeScript definitions of the objects the client's JS API takes and returns (the
//! classes' own signatures come from `#[wasm_bindgen]`).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CLIENT_TS: &'static str = r#"
export interface GeminiClientOptions {
  /** Sent only in the x-goog-api-key header. Leave it out when baseUrl is your own
   * proxy that adds the key server-side. */
  apiKey?: string;
  /** Default "https://generativelanguage.googleapis.com"; a same-origin path such as
   * "/gemini-proxy" works too. */
  baseUrl?: string;
  /** Default "v1beta". */
  apiVersion?: string;
  /** The largest request sent inline, in bytes (default 20971520); larger media is
   * uploaded through the File API first. */
  maxInlineBytes?: number;
}

export interface Part {
  text?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  thought?: boolean;
  [key: string]: unknown;
}

export interface Content {
  role?: string;
  parts: Part[];
}

/** One item of `contents`. */
export type ContentInput =
  | string
  | Blob
  | { fileUri: string; mimeType: string }
  | GeminiFile
  | Part
  | Content;

export type HarmCategory = string;
export type HarmBlockThreshold = string;

export interface GenerateContentConfig {
  systemInstruction?: string | Content;
  responseMimeType?: string;
  responseSchema?: unknown;
  responseJsonSchema?: unknown;
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  candidateCount?: number;
  stopSequences?: string[];
  seed?: number;
  /** Shorthand for thinkingConfig.thinkingBudget. */
  thinkingBudget?: number;
  thinkingConfig?: { thinkingBudget?: number; includeThoughts?: boolean; thinkingLevel?: string };
  mediaResolution?: "MEDIA_RESOLUTION_LOW" | "MEDIA_RESOLUTION_MEDIUM" | "MEDIA_RESOLUTION_HIGH" | string;
  safetySettings?: { category: HarmCategory; threshold: HarmBlockThreshold }[];
}

export interface UploadProgress {
  /** Bytes the server confirmed. */
  sent: number;
  total: number;
  /** Fresh starts after an expired session. */
  restarts: number;
  /** Whether the upload continued a session from an earlier page. */
  resumed: boolean;
}

export interface GenerateContentRequest {
  model: string;
  contents: ContentInput | ContentInput[];
  config?: GenerateContentConfig;
  /** Aborts uploads, the request and every wait; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Progress of media the plan uploads through the File API. */
  onUploadProgress?: (progress: UploadProgress) => void;
}

export interface Candidate {
  content?: Content;
  finishReason?: string;
  safetyRatings?: { category: string; probability: string; blocked?: boolean }[];
  index?: number;
  [key: string]: unknown;
}

export interface UsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  totalTokenCount?: number;
  thoughtsTokenCount?: number;
  [key: string]: unknown;
}

export interface GenerateContentResponse {
  /** The first candidate's text (thoughts left out); "" when blocked. */
  text: string;
  candidates?: Candidate[];
  promptFeedback?: { blockReason?: string; safetyRatings?: unknown[] };
  usageMetadata?: UsageMetadata;
  modelVersion?: string;
  responseId?: string;
}

export interface GenerateContentResult extends GenerateContentResponse {
  /** Media the plan sent through the File API, in order. */
  uploaded: GeminiFile[];
}

export interface CountTokensResponse {
  totalTokens?: number;
  promptTokensDetails?: { modality: string; tokenCount: number }[];
  [key: string]: unknown;
}

export interface RequestPreview {
  plan: { index: number; mimeType: string; size: number; route: "inline" | "fileApi"; reason: string }[];
  /** The JSON body with base64 payloads elided. */
  body: string;
  bodyLength: number;
}

/** A file of the File API. */
export interface GeminiFile {
  name: string;
  displayName?: string;
  mimeType?: string;
  /** int64, as a string. */
  sizeBytes?: string;
  createTime?: string;
  updateTime?: string;
  expirationTime?: string;
  sha256Hash?: string;
  uri?: string;
  state?: "PROCESSING" | "ACTIVE" | "FAILED" | string;
  error?: { code?: number; message?: string };
  [key: string]: unknown;
}

export interface UploadOptions {
  displayName?: string;
  /** Default blob.type, else sniffed from the first bytes. */
  mimeType?: string;
  /** A fixed chunk size (rounded down to 256 KiB); default adaptive from 8 MiB. */
  chunkSize?: number;
  /** Aborts the request in flight and cancels the session. */
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Keep a resume record in localStorage for a File (default true). */
  resume?: boolean;
}

export interface ListFilesOptions {
  pageSize?: number;
  pageToken?: string;
}

export interface ListFilesResponse {
  files: GeminiFile[];
  nextPageToken?: string;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Default 10 minutes. */
  timeoutMs?: number;
}
"#;
