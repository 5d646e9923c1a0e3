// Contents and parts, as the API (and @google/genai) shape them, plus ours: a browser
// Blob or File wherever media may go (sent inline, or uploaded first when the plan says
// so; sibling part fields such as mediaResolution and videoMetadata are kept).
import type {
  FunctionResponseScheduling, Language, MediaProcessing, Outcome, PartMediaResolutionLevel,
  VideoMetadataContentLayer,
} from "./enums.js";

/** Media as base64 inside the request (the SDK's `Blob`). */
export interface InlineData {
  /** Standard base64 of the bytes. */
  data?: string;
  mimeType?: string;
  displayName?: string;
}

/** Ours: `inlineData` given as a browser Blob (its type is the MIME type), or with an
 * explicit MIME type; the library reads it, and sends it inline or uploads it. */
export type BlobInlineData = globalThis.Blob | { data: globalThis.Blob; mimeType?: string };

/** A file by URI: a File API file's `uri`, or a public URL. */
export interface FileData {
  fileUri?: string;
  mimeType?: string;
  displayName?: string;
}

export interface VideoMetadata {
  /** `"1.5s"`. */
  startOffset?: string;
  endOffset?: string;
  fps?: number;
  contentLayers?: VideoMetadataContentLayer[];
}

/** Part-level media resolution (Gemini 3). */
export interface PartMediaResolution {
  level?: PartMediaResolutionLevel;
  numTokens?: number;
}

export interface FunctionCall {
  id?: string;
  name?: string;
  args?: Record<string, unknown>;
}

export interface FunctionResponsePart {
  inlineData?: InlineData;
  fileData?: FileData;
}

export interface FunctionResponse {
  id?: string;
  name?: string;
  response?: Record<string, unknown>;
  parts?: FunctionResponsePart[];
  scheduling?: FunctionResponseScheduling;
  willContinue?: boolean;
}

export interface ExecutableCode {
  code?: string;
  language?: Language;
}

export interface CodeExecutionResult {
  outcome?: Outcome;
  output?: string;
}

/** One part of a content. Fields the library does not know are sent as they are. */
export interface Part {
  mediaResolution?: PartMediaResolution;
  codeExecutionResult?: CodeExecutionResult;
  executableCode?: ExecutableCode;
  fileData?: FileData;
  functionCall?: FunctionCall;
  functionResponse?: FunctionResponse;
  inlineData?: InlineData | BlobInlineData;
  text?: string;
  /** Whether the part is a thought (thoughts are left out of `response.text`). */
  thought?: boolean;
  /** Gemini 3: an opaque signature the model gave; sent back as it came. */
  thoughtSignature?: string;
  videoMetadata?: VideoMetadata;
  partMetadata?: Record<string, unknown>;
  mediaProcessing?: MediaProcessing;
  toolCall?: Record<string, unknown>;
  toolResponse?: Record<string, unknown>;
  audioTranscription?: Record<string, unknown>;
  speechMetadata?: Record<string, unknown>;
  documentMetadata?: Record<string, unknown>;
  spreadsheetMetadata?: Record<string, unknown>;
  audioMetadata?: Record<string, unknown>;
}

/** Ours: a File API file as `files.upload` answers it, given as a part: it becomes
 * `{ fileData: { fileUri: uri, mimeType } }`. */
export interface FileResource {
  name?: string;
  uri?: string;
  mimeType?: string;
}

/** A part, a string (a text part), a Blob or File (ours), or an uploaded file (ours). */
export type PartUnion = Part | string | globalThis.Blob | FileResource;
export type PartListUnion = PartUnion[] | PartUnion;

export interface Content {
  parts?: Part[];
  /** `"user"` or `"model"`. */
  role?: string;
}

/** A content as given in a request: its parts may be anything a part may be (ours). */
export interface ContentInput {
  parts?: PartUnion[];
  role?: string;
}

export type ContentUnion = ContentInput | PartUnion[] | PartUnion;
export type ContentListUnion = ContentInput | ContentInput[] | PartUnion | PartUnion[];
