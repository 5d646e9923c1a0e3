// The parameters and config of the calls: as @google/genai takes them, plus ours
// (`onUploadProgress`, `maxInlineBytes`).
import type { ContentListUnion, ContentUnion } from "./content.js";
import type {
  Behavior, FunctionCallingConfigMode, HarmBlockMethod, HarmBlockThreshold, HarmCategory,
  MediaResolution, ServiceTier, ThinkingLevel, Type,
} from "./enums.js";

export interface HttpRetryOptions {
  /** Attempts, the first included. */
  attempts?: number;
  /** Seconds before the first retry. */
  initialDelay?: number;
  /** The longest wait, in seconds. */
  maxDelay?: number;
  expBase?: number;
  /** Not read: our jitter is always on. */
  jitter?: number;
  /** Not read: 408, 429 and 5xx are retried. */
  httpStatusCodes?: number[];
}

export interface HttpOptions {
  /** The API's base URL (an emulator's, or the app's own proxy, e.g. `/gemini`). */
  baseUrl?: string;
  /** Default `v1`. */
  apiVersion?: string;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Milliseconds per attempt; a request that takes longer fails with code `TIMEOUT`. */
  timeout?: number;
  /** Merged into every request body. */
  extraBody?: Record<string, unknown>;
  /** Retries happen by default here (the SDK retries only when this is given). */
  retryOptions?: HttpRetryOptions;
}

/** `new GoogleGenAI(options)`. */
export interface GoogleGenAIOptions {
  apiKey?: string;
  /** Only the Gemini Developer API is spoken: `true` is refused. */
  vertexai?: boolean;
  apiVersion?: string;
  httpOptions?: HttpOptions;
  /** Ours: the largest request sent inline (default 20971520 bytes); media beyond it is
   * uploaded through the File API first. */
  maxInlineBytes?: number;
}

/** A schema in the API's OpenAPI subset (JSON Schema from zod or typebox is rewritten
 * into it). */
export interface Schema {
  type?: Type | `${Type}` | Lowercase<`${Type}`>;
  format?: string;
  title?: string;
  description?: string;
  nullable?: boolean;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  propertyOrdering?: string[];
  anyOf?: Schema[];
  minItems?: string;
  maxItems?: string;
  minimum?: number;
  maximum?: number;
  minLength?: string;
  maxLength?: string;
  pattern?: string;
  example?: unknown;
  default?: unknown;
}

export interface FunctionDeclaration {
  name?: string;
  description?: string;
  behavior?: Behavior;
  parameters?: Schema;
  parametersJsonSchema?: unknown;
  response?: Schema;
  responseJsonSchema?: unknown;
}

export interface Tool {
  functionDeclarations?: FunctionDeclaration[];
  codeExecution?: Record<string, unknown>;
  googleSearch?: { searchTypes?: Record<string, unknown>; timeRangeFilter?: Record<string, unknown> };
  googleSearchRetrieval?: Record<string, unknown>;
  googleMaps?: { authConfig?: { apiKey?: string }; enableWidget?: boolean };
  urlContext?: Record<string, unknown>;
  fileSearch?: Record<string, unknown>;
  computerUse?: Record<string, unknown>;
  mcpServers?: Record<string, unknown>[];
}

export interface FunctionCallingConfig {
  mode?: FunctionCallingConfigMode;
  allowedFunctionNames?: string[];
}

export interface ToolConfig {
  functionCallingConfig?: FunctionCallingConfig;
  retrievalConfig?: Record<string, unknown>;
  includeServerSideToolInvocations?: boolean;
}

export interface SafetySetting {
  category?: HarmCategory;
  threshold?: HarmBlockThreshold;
  /** Refused on the Developer API. */
  method?: HarmBlockMethod;
}

export interface ThinkingConfig {
  includeThoughts?: boolean;
  /** 0 turns thinking off where the model allows it; -1 lets the model decide. */
  thinkingBudget?: number;
  /** Gemini 3. */
  thinkingLevel?: ThinkingLevel;
}

export interface ImageConfig {
  aspectRatio?: string;
  imageSize?: string;
}

export interface SpeechConfig {
  voiceConfig?: { prebuiltVoiceConfig?: { voiceName?: string } };
  languageCode?: string;
  multiSpeakerVoiceConfig?: Record<string, unknown>;
}

/** Ours: how far an upload the plan started is. */
export interface UploadProgress {
  /** Bytes the server confirmed. */
  sent: number;
  total: number;
  /** Sessions restarted after they expired. */
  restarts: number;
  /** Whether the upload continued a session from an earlier page. */
  resumed: boolean;
}

/** The config of `generateContent`, `generateContentStream` and a chat. A key the
 * library does not know goes into `generationConfig` as it is. */
export interface GenerateContentConfig {
  /** Aborts uploads, the request and every wait (the promise rejects with an
   * `AbortError`). */
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  /** Ours: progress of the media the plan uploads through the File API. */
  onUploadProgress?: (progress: UploadProgress) => void;
  systemInstruction?: ContentUnion;
  temperature?: number;
  topP?: number;
  topK?: number;
  candidateCount?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  responseLogprobs?: boolean;
  logprobs?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseMimeType?: string;
  responseSchema?: Schema | Record<string, unknown>;
  responseJsonSchema?: unknown;
  safetySettings?: SafetySetting[];
  tools?: Tool[];
  toolConfig?: ToolConfig;
  labels?: Record<string, string>;
  cachedContent?: string;
  responseModalities?: string[];
  mediaResolution?: MediaResolution;
  speechConfig?: SpeechConfig | string;
  thinkingConfig?: ThinkingConfig;
  audioTranscriptionConfig?: Record<string, unknown>;
  imageConfig?: ImageConfig;
  enableEnhancedCivicAnswers?: boolean;
  serviceTier?: ServiceTier;
  continuationToken?: string;
  /** Not read: automatic continuation is not done here. */
  automaticContinuation?: boolean;
  /** Not read: automatic function calling (CallableTool) is not done here. */
  automaticFunctionCalling?: Record<string, unknown>;
  store?: boolean;
}

export interface GenerateContentParameters {
  /** `gemini-2.5-flash`, `models/...` or `tunedModels/...`. */
  model: string;
  contents: ContentListUnion;
  config?: GenerateContentConfig;
}

/** The Developer API counts `contents` only: `systemInstruction`, `tools` and
 * `generationConfig` are refused, as the SDK refuses them. */
export interface CountTokensConfig {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  onUploadProgress?: (progress: UploadProgress) => void;
}

export interface CountTokensParameters {
  model: string;
  contents: ContentListUnion;
  config?: CountTokensConfig;
}

export interface GetModelParameters {
  model: string;
  config?: { abortSignal?: AbortSignal; httpOptions?: HttpOptions };
}

export interface ListModelsConfig {
  abortSignal?: AbortSignal;
  httpOptions?: HttpOptions;
  pageSize?: number;
  pageToken?: string;
  filter?: string;
  /** `true` (default): base models; `false`: your tuned models. */
  queryBase?: boolean;
}

export interface ListModelsParameters {
  config?: ListModelsConfig;
}

export interface CreateChatParameters {
  model: string;
  config?: GenerateContentConfig;
  /** Earlier turns (copied; each role `user` or `model`). */
  history?: import("./content.js").ContentInput[];
}

export interface SendMessageParameters {
  message: import("./content.js").PartListUnion | import("./content.js").ContentInput;
  /** This message's config instead of the chat's. */
  config?: GenerateContentConfig;
}
