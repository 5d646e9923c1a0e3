// The response classes the library hands out, as @google/genai's: plain fields (as the
// API sent them, with the SDK's renames) and, on GenerateContentResponse, the getters
// (`text`, `data`, `functionCalls`, `executableCode`, `codeExecutionResult`,
// `initialPromptTokenCount`) with the SDK's answers, warnings and `undefined`s.

function firstCandidateParts(response, what) {
  const parts = response.candidates?.[0]?.content?.parts;
  if (parts !== undefined && parts.length === 0) return null;
  if (response.candidates && response.candidates.length > 1) {
    console.warn(`there are multiple candidates in the response, returning ${what} from the first one.`);
  }
  return parts ?? [];
}

function fieldsOtherThan(parts, allowed) {
  const others = [];
  for (const part of parts) {
    for (const name of Object.keys(part)) {
      if (!allowed.includes(name)) others.push(name);
    }
  }
  return others;
}

export class GenerateContentResponse {
  /** The text parts of the first candidate, joined (thoughts left out). */
  get text() {
    const parts = firstCandidateParts(this, "text");
    if (parts === null) return undefined;
    const others = fieldsOtherThan(parts, ["text", "thought", "thoughtSignature"]);
    let text = "";
    let any = false;
    for (const part of parts) {
      if (typeof part.text !== "string" || part.thought === true) continue;
      any = true;
      text += part.text;
    }
    if (others.length > 0) {
      console.warn(`there are non-text parts ${others} in the response, returning concatenation of all text parts. Please refer to the non text parts for a full response from model.`);
    }
    return any ? text : undefined;
  }

  /** The inline data of the first candidate, joined, as base64. */
  get data() {
    const parts = firstCandidateParts(this, "data");
    if (parts === null) return undefined;
    const others = fieldsOtherThan(parts, ["inlineData"]);
    let binary = "";
    for (const part of parts) {
      if (part.inlineData && typeof part.inlineData.data === "string") {
        binary += atob(part.inlineData.data);
      }
    }
    if (others.length > 0) {
      console.warn(`there are non-data parts ${others} in the response, returning concatenation of all data parts. Please refer to the non data parts for a full response from model.`);
    }
    return binary.length > 0 ? btoa(binary) : undefined;
  }

  /** The function calls of the first candidate, or undefined when there are none. */
  get functionCalls() {
    const calls = partsWith(this, "functionCall", "function calls");
    return calls && calls.length > 0 ? calls : undefined;
  }

  /** The code of the first `executableCode` part of the first candidate. */
  get executableCode() {
    return partsWith(this, "executableCode", "executable code")?.[0]?.code;
  }

  /** The output of the first `codeExecutionResult` part of the first candidate. */
  get codeExecutionResult() {
    return partsWith(this, "codeExecutionResult", "code execution result")?.[0]?.output;
  }

  /** The prompt's token count before any continuation. */
  get initialPromptTokenCount() {
    if (!this.usageMetadata) return undefined;
    return this.usageMetadata._initialPromptTokenCount ?? this.usageMetadata.promptTokenCount;
  }

}

function partsWith(response, field, what) {
  const parts = firstCandidateParts(response, what);
  if (parts === null) return undefined;
  return parts.map((part) => part[field]).filter((value) => value);
}

export class CountTokensResponse {}
export class ListModelsResponse {}
export class ListFilesResponse {}
export class CreateFileResponse {}
export class DeleteFileResponse {}
export class ListCachedContentsResponse {}
export class DeleteCachedContentResponse {}
export class ListBatchJobsResponse {}

const CLASSES = {
  CountTokensResponse,
  ListModelsResponse,
  ListFilesResponse,
  CreateFileResponse,
  DeleteFileResponse,
  ListCachedContentsResponse,
  DeleteCachedContentResponse,
  ListBatchJobsResponse,
};

// usageMetadata.initialPromptTokenCount, as the SDK attaches it: a hidden field with the
// first hop's prompt count and a getter reading it.
function attachInitialPromptTokenCount(usage) {
  if (!usage || typeof usage !== "object") return;
  const initial = usage._initialPromptTokenCount ?? usage.promptTokenCount;
  if (initial !== undefined) {
    Object.defineProperty(usage, "_initialPromptTokenCount", {
      value: initial, enumerable: false, configurable: true, writable: true });
  }
  if (!Object.prototype.hasOwnProperty.call(usage, "initialPromptTokenCount")) {
    Object.defineProperty(usage, "initialPromptTokenCount", {
      get() { return this._initialPromptTokenCount ?? this.promptTokenCount; },
      enumerable: false, configurable: true });
  }
}

/** For the Rust side: a GenerateContentResponse with these fields. */
export function wrapGenerateContentResponse(fields) {
  const response = Object.assign(new GenerateContentResponse(), fields);
  attachInitialPromptTokenCount(response.usageMetadata);
  return response;
}

/** For the Rust side: an instance of the response class `name` with these fields. */
export function wrapResponse(name, fields) {
  const Class = CLASSES[name];
  return Class ? Object.assign(new Class(), fields) : fields;
}
