// The part and content makers users of @google/genai import, giving the same objects
// (field for field, in the same order), and throwing the same errors for what they
// refuse.

const fields = (object, extra) => (extra ? Object.assign(object, extra) : object);
const resolution = (level) => (level ? { mediaResolution: { level } } : undefined);

/** `{ text }`. */
export function createPartFromText(text) {
  return { text };
}

/** `{ fileData: { fileUri, mimeType } }`, with a part-level media resolution if given. */
export function createPartFromUri(uri, mimeType, mediaResolution) {
  return fields({ fileData: { fileUri: uri, mimeType } }, resolution(mediaResolution));
}

/** `{ inlineData: { data, mimeType } }` from base64, with a media resolution if given. */
export function createPartFromBase64(data, mimeType, mediaResolution) {
  return fields({ inlineData: { data, mimeType } }, resolution(mediaResolution));
}

/** `{ functionCall: { name, args } }`. */
export function createPartFromFunctionCall(name, args) {
  return { functionCall: { name, args } };
}

/** `{ functionResponse: { id, name, response, parts? } }`. */
export function createPartFromFunctionResponse(id, name, response, parts = []) {
  const functionResponse = { id, name, response };
  if (parts.length > 0) functionResponse.parts = parts;
  return { functionResponse };
}

/** `{ codeExecutionResult: { outcome, output } }`. */
export function createPartFromCodeExecutionResult(outcome, output) {
  return { codeExecutionResult: { outcome, output } };
}

/** `{ executableCode: { code, language } }`. */
export function createPartFromExecutableCode(code, language) {
  return { executableCode: { code, language } };
}

/** A part of a function response, `{ inlineData: { data, mimeType } }`, from base64. */
export function createFunctionResponsePartFromBase64(data, mimeType) {
  return { inlineData: { data, mimeType } };
}

/** A part of a function response, `{ fileData: { fileUri, mimeType } }`. */
export function createFunctionResponsePartFromUri(uri, mimeType) {
  return { fileData: { fileUri: uri, mimeType } };
}

const PART_FIELDS = ["fileData", "text", "functionCall", "functionResponse", "inlineData",
  "videoMetadata", "codeExecutionResult", "executableCode"];

function isPart(value) {
  if (typeof Blob !== "undefined" && value instanceof Blob) return true; // ours: media as a part
  return typeof value === "object" && value !== null && PART_FIELDS.some((f) => f in value);
}

function toParts(partOrString) {
  if (typeof partOrString === "string") return [createPartFromText(partOrString)];
  if (isPart(partOrString)) return [partOrString];
  if (!Array.isArray(partOrString)) {
    throw new Error("partOrString must be a Part object, string, or array");
  }
  if (partOrString.length === 0) throw new Error("partOrString cannot be an empty array");
  return partOrString.map((part) => {
    if (typeof part === "string") return createPartFromText(part);
    if (isPart(part)) return part;
    throw new Error("element in PartUnion must be a Part object or string");
  });
}

/** `{ role: "user", parts }` from a string, a part, or a list of them. */
export function createUserContent(partOrString) {
  return { role: "user", parts: toParts(partOrString) };
}

/** `{ role: "model", parts }` from a string, a part, or a list of them. */
export function createModelContent(partOrString) {
  return { role: "model", parts: toParts(partOrString) };
}
