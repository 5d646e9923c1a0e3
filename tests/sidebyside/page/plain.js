// Turns what a scenario returned into plain JSON that keeps the differences a user could
// see: `undefined` stays distinguishable from a missing key and from `null`, bytes and
// Blobs are shown by content, errors by what a user reads from them. Only own enumerable
// properties are kept: getters are read by the scenarios themselves, explicitly.
// `sdkHttpResponse` is shown as what stays the same between runs: whether its headers are
// a plain object and the answer's content type (its date and length headers vary).

export const UNDEFINED = "‹undefined›";

function base64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function httpResponse(value) {
  if (value === undefined || value === null) return plain(value);
  const headers = value.headers;
  return {
    headersIsObject: typeof headers === "object" && headers !== null && !(headers instanceof Headers),
    contentType: plain(headers?.["content-type"]),
  };
}

/** A JSON-safe copy of `value`. */
export function plain(value, seen = new Set()) {
  if (value === undefined) return UNDEFINED;
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : `‹${value}›`;
  if (typeof value === "bigint") return `‹bigint ${value}›`;
  if (typeof value === "function") return "‹function›";
  if (typeof value === "symbol") return `‹${String(value)}›`;
  if (value instanceof ArrayBuffer) return { "‹bytes›": base64(new Uint8Array(value)) };
  if (ArrayBuffer.isView(value)) {
    return { "‹bytes›": base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value instanceof Blob) return { "‹blob›": { size: value.size, type: value.type } };
  if (seen.has(value)) return "‹cycle›";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => plain(item, seen));
    if (value instanceof Error) {
      return { "‹error›": { name: value.name, message: value.message, status: plain(value.status) } };
    }
    const out = {};
    for (const key of Object.keys(value)) {
      out[key] = key === "sdkHttpResponse" ? httpResponse(value[key]) : plain(value[key], seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export { base64 };
