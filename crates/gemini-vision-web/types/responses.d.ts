// What the calls resolve to: the SDK's response classes and shapes. Every field the
// API sends is kept (the SDK drops those it does not know), with the SDK's renames
// (`citationSources` -> `citations`, `supportedGenerationMethods` -> `supportedActions`).
import type { Content, FunctionCall } from "./content.js";
import type {
  BlockedReason, FinishReason, HarmBlockThreshold, HarmCategory, HarmProbability,
  HarmSeverity, MediaModality, TrafficType,
} from "./enums.js";

/** The answer's HTTP headers (as far as CORS shows them). */
export interface HttpResponse {
  headers?: Record<string, string>;
}

export interface SafetyRating {
  category?: HarmCategory;
  probability?: HarmProbability;
  probabilityScore?: number;
  severity?: HarmSeverity;
  severityScore?: number;
  blocked?: boolean;
  overwrittenThreshold?: HarmBlockThreshold;
}

export interface Citation {
  startIndex?: number;
  endIndex?: number;
  uri?: string;
  title?: string;
  license?: string;
  publicationDate?: { year?: number; month?: number; day?: number };
}

export interface CitationMetadata {
  citations?: Citation[];
}

export interface Candidate {
  content?: Content;
  finishReason?: FinishReason;
  finishMessage?: string;
  safetyRatings?: SafetyRating[];
  citationMetadata?: CitationMetadata;
  tokenCount?: number;
  groundingMetadata?: Record<string, unknown>;
  urlContextMetadata?: Record<string, unknown>;
  avgLogprobs?: number;
  logprobsResult?: Record<string, unknown>;
  index?: number;
  continuationToken?: string;
}

export interface PromptFeedback {
  blockReason?: BlockedReason;
  blockReasonMessage?: string;
  safetyRatings?: SafetyRating[];
}

export interface ModalityTokenCount {
  modality?: MediaModality;
  tokenCount?: number;
}

export interface UsageMetadata {
  promptTokenCount?: number;
  cachedContentTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
  promptTokensDetails?: ModalityTokenCount[];
  cacheTokensDetails?: ModalityTokenCount[];
  candidatesTokensDetails?: ModalityTokenCount[];
  toolUsePromptTokensDetails?: ModalityTokenCount[];
  trafficType?: TrafficType;
  /** The prompt's count before any continuation (a getter, not a field). */
  readonly initialPromptTokenCount?: number;
}

export declare class GenerateContentResponse {
  sdkHttpResponse?: HttpResponse;
  candidates?: Candidate[];
  modelVersion?: string;
  promptFeedback?: PromptFeedback;
  responseId?: string;
  usageMetadata?: UsageMetadata;
  modelStatus?: Record<string, unknown>;
  /** The first candidate's text parts joined (thoughts left out); undefined when there
   * are none. Warns when there are other parts. */
  get text(): string | undefined;
  /** The first candidate's inline data joined, as base64. */
  get data(): string | undefined;
  get functionCalls(): FunctionCall[] | undefined;
  /** The code of the first `executableCode` part. */
  get executableCode(): string | undefined;
  /** The output of the first `codeExecutionResult` part. */
  get codeExecutionResult(): string | undefined;
  get initialPromptTokenCount(): number | undefined;
}

export declare class CountTokensResponse {
  sdkHttpResponse?: HttpResponse;
  totalTokens?: number;
  cachedContentTokenCount?: number;
  promptTokensDetails?: ModalityTokenCount[];
}

export interface Model {
  name?: string;
  displayName?: string;
  description?: string;
  version?: string;
  tunedModelInfo?: { baseModel?: string; createTime?: string; updateTime?: string };
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedActions?: string[];
  temperature?: number;
  maxTemperature?: number;
  topP?: number;
  topK?: number;
  thinking?: boolean;
}

export declare class ListModelsResponse {
  sdkHttpResponse?: HttpResponse;
  nextPageToken?: string;
  models?: Model[];
}

export declare class ListFilesResponse {
  sdkHttpResponse?: HttpResponse;
  nextPageToken?: string;
  files?: Record<string, unknown>[];
}
export declare class CreateFileResponse {
  sdkHttpResponse?: HttpResponse;
}
export declare class DeleteFileResponse {
  sdkHttpResponse?: HttpResponse;
}
export declare class ListCachedContentsResponse {
  sdkHttpResponse?: HttpResponse;
  nextPageToken?: string;
  cachedContents?: Record<string, unknown>[];
}
export declare class DeleteCachedContentResponse {
  sdkHttpResponse?: HttpResponse;
}
export declare class ListBatchJobsResponse {
  sdkHttpResponse?: HttpResponse;
  nextPageToken?: string;
  batchJobs?: Record<string, unknown>[];
}

/** Ours: how one media travels, and why. */
export interface PlannedMedia {
  index: number;
  mimeType: string;
  kind: "image" | "video" | "audio" | "document" | "text" | string;
  size: number;
  route: "inline" | "fileApi";
  reason: string;
}

/** Ours: what `generateContent` would send (`models.preview`). */
export interface RequestPreview {
  url: string;
  method: "POST";
  plan: { items: PlannedMedia[]; bodyLength: number; limit: number };
  /** The JSON body, each base64 shown as `<N bytes of base64>`, each file still to be
   * uploaded as `<uploaded before sending>`. */
  body: string;
  bodyLength: number;
}
