//! TypeScript types of `ai.caches`, as the SDK names them, and of the `Pager` that list
//! methods resolve to.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CACHES_TS: &'static str = r#"

/** A context cache. */
export interface CachedContent {
  /** `cachedContents/{id}`. */
  name?: string;
  displayName?: string;
  /** `models/{model}`. */
  model?: string;
  createTime?: string;
  updateTime?: string;
  expireTime?: string;
  usageMetadata?: { totalTokenCount?: number; [field: string]: unknown };
  [field: string]: unknown;
}

/** `config` of `caches.create`. Keys not listed pass through to the request body. */
export interface CreateCachedContentConfig {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** A duration such as "3600s". */
  ttl?: string;
  /** An RFC 3339 time. */
  expireTime?: string;
  displayName?: string;
  /** As `generateContent` takes them: a string, parts, a Content or a list of them. */
  contents?: string | object | Array<string | object>;
  systemInstruction?: string | object | Array<string | object>;
  tools?: object[];
  toolConfig?: object;
  /** Vertex AI only: refused, as the SDK refuses it. */
  kmsKeyName?: never;
  [field: string]: unknown;
}

export interface CreateCachedContentParameters {
  /** "gemini-2.5-flash" or "models/gemini-2.5-flash". */
  model: string;
  config?: CreateCachedContentConfig;
}

/** `caches.get` and `caches.delete`. */
export interface CachedContentParameters {
  /** "cachedContents/abc" or "abc". */
  name: string;
  config?: RequestConfig;
}

export interface UpdateCachedContentParameters {
  name: string;
  config?: RequestConfig & { ttl?: string; expireTime?: string };
}


export interface ListCachedContentsParameters {
  config?: RequestConfig & { pageSize?: number; pageToken?: string };
}

"#;
