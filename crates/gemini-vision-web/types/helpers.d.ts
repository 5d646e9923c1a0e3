// The part and content makers of @google/genai.
import type {
  CodeExecutionResult, Content, ExecutableCode, FileData, FunctionCall, FunctionResponse,
  FunctionResponsePart, InlineData, Part, PartListUnion, PartMediaResolution,
} from "./content.js";
import type { Language, Outcome, PartMediaResolutionLevel } from "./enums.js";

export declare function createPartFromText(text: string): Part & { text: string };
export declare function createPartFromUri(
  uri: string, mimeType: string, mediaResolution?: PartMediaResolutionLevel,
): Part & { fileData: FileData; mediaResolution?: PartMediaResolution };
export declare function createPartFromBase64(
  data: string, mimeType: string, mediaResolution?: PartMediaResolutionLevel,
): Part & { inlineData: InlineData; mediaResolution?: PartMediaResolution };
export declare function createPartFromFunctionCall(
  name: string, args: Record<string, unknown>,
): Part & { functionCall: FunctionCall };
export declare function createPartFromFunctionResponse(
  id: string, name: string, response: Record<string, unknown>, parts?: FunctionResponsePart[],
): Part & { functionResponse: FunctionResponse };
export declare function createPartFromCodeExecutionResult(
  outcome: Outcome, output: string,
): Part & { codeExecutionResult: CodeExecutionResult };
export declare function createPartFromExecutableCode(
  code: string, language: Language,
): Part & { executableCode: ExecutableCode };
export declare function createFunctionResponsePartFromBase64(
  data: string, mimeType: string,
): FunctionResponsePart;
export declare function createFunctionResponsePartFromUri(
  uri: string, mimeType: string,
): FunctionResponsePart;
/** Ours: a Blob or File is accepted as a part too. */
export declare function createUserContent(partOrString: PartListUnion): Content;
export declare function createModelContent(partOrString: PartListUnion): Content;
