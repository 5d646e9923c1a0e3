//! TypeScript types of `ai.files`: the SDK's (`UploadFileParameters`, `File`,
//! `ListFilesResponse`...) with our extras marked.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const FILES_TS: &'static str = r#"


/** A file stored by the File API, as the server describes it (fields it adds later are
 * kept too). */
interface File_2 {
  /** `files/{id}`. */
  name?: string;
  displayName?: string;
  mimeType?: string;
  /** Size in bytes, as a decimal string (int64 on the wire). */
  sizeBytes?: string;
  createTime?: string;
  expirationTime?: string;
  updateTime?: string;
  /** Base64 of the SHA-256 of the bytes. */
  sha256Hash?: string;
  /** What `fileData.fileUri` takes. */
  uri?: string;
  /** Set for generated files: only those can be downloaded. */
  downloadUri?: string;
  state?: FileState;
  source?: "SOURCE_UNSPECIFIED" | "UPLOADED" | "GENERATED" | "REGISTERED";
  videoMetadata?: Record<string, unknown>;
  /** Why processing failed, when `state` is "FAILED". */
  error?: { code?: number; message?: string; details?: unknown[] };
  [field: string]: unknown;
}
export { File_2 as File };


/** `config` of `files.upload`. */
export interface UploadFileConfig {
  /** The file's resource name (`files/` is prefixed if missing); default: the server's. */
  name?: string;
  /** Default: the Blob's `type`, else sniffed from its first bytes (ours). */
  mimeType?: string;
  displayName?: string;
  /** Aborts the request in flight and cancels the upload session (ours: the SDK ignores
   * it for uploads). */
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** Ours: called after every confirmed chunk and at the start of every session; what
   * it throws is ignored. */
  onProgress?: (progress: UploadProgress) => void;
  /** Ours: a fixed chunk size in bytes, a multiple of 262144; default adaptive (from 8
   * MiB, growing while chunks succeed, shrinking after a failure). */
  chunkSize?: number;
  /** Ours: keep a resume record of a `File` in localStorage, so that the same file
   * picked after a reload continues the session (default true). The record holds the
   * session URL and a fingerprint of the endpoint and key, never the key. */
  resume?: boolean;
  /** Ours: continue an upload session that the app's server started with its key
   * (forwarding the page's `Origin`). The page then needs no API key: the session URL
   * is the credential. Progress, abort and retries work as usual. */
  uploadUrl?: string;
}

/** `files.upload({ file, config })`. */
export interface UploadFileParameters {
  /** A Blob or File (file paths are a Node feature). */
  file: Blob;
  config?: UploadFileConfig;
}

/** The `config` every files and caches method takes. */
export interface RequestConfig {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
}

/** A file as `files.get`, `delete`, `waitUntilActive` and `download` take it: a name
 * (`files/abc` or `abc`), a file URI, or a `File` object. */
export type FileReference = string | File_2;

export interface GetFileParameters {
  name: FileReference;
  config?: RequestConfig;
}

export interface ListFilesConfig extends RequestConfig {
  pageSize?: number;
  pageToken?: string;
}

export interface ListFilesParameters {
  config?: ListFilesConfig;
}


export interface DeleteFileParameters {
  name: FileReference;
  config?: RequestConfig;
}


/** Ours: `files.waitUntilActive`. */
export interface WaitUntilActiveParameters {
  name: FileReference;
  config?: RequestConfig & {
    /** Give up with code "TIMEOUT" after this long (default 10 minutes). */
    timeoutMs?: number;
  };
}

/** `files.download`: in a browser ours resolves to a Blob (the SDK's needs Node). */
export interface DownloadFileParameters {
  file: FileReference;
  config?: RequestConfig & {
    /** The most bytes read (default 2 GB); more rejects with code "LIMIT_EXCEEDED". */
    maxBytes?: number;
  };
}
"#;
