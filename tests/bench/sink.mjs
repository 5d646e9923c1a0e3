// A loopback server that takes a generateContent request and answers at once: it reads
// the whole body (its bytes counted, its base64 `data` checked for length) and sends a
// fixed answer, so that item 2 times the client's share of an inline request, not the
// emulator's decoding of the image. It also speaks the resumable upload protocol
// (start, chunks, query, finalize) and discards the bytes it counts, so that item 3 times
// the clients' share of an upload, not the emulator's hashing and storing. CORS as the
// API sends it.
import { createServer } from "node:http";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-expose-headers": "X-Goog-Upload-URL, X-Goog-Upload-Status, " +
    "X-Goog-Upload-Chunk-Granularity, X-Goog-Upload-Size-Received",
};
const GRANULARITY = 256 * 1024;

// One upload session: { received, size, mimeType, displayName }.
const sessions = new Map();
let nextSession = 1;

function fileOf(id, s) {
  return { name: `files/sink-${id}`, displayName: s.displayName, mimeType: s.mimeType,
    sizeBytes: String(s.received), state: "ACTIVE", uri: `sink://files/sink-${id}`,
    createTime: new Date(0).toISOString(), updateTime: new Date(0).toISOString() };
}

/** The resumable protocol's answers, each `delayMs` late; `true` when `req` was an
 * upload request. */
function upload(req, res, origin, delayMs) {
  const url = new URL(req.url, origin);
  const command = (req.headers["x-goog-upload-command"] ?? "").toLowerCase();
  const send = (status, headers, body) => setTimeout(() => {
    res.writeHead(status, { ...CORS, ...headers, ...(body ? { "content-type": "application/json" } : {}) });
    res.end(body ? JSON.stringify(body) : undefined);
  }, delayMs);
  if (url.pathname.startsWith("/upload/") && command === "start") {
    let text = "";
    req.on("data", (c) => { text += c; });
    req.on("end", () => {
      const meta = text ? JSON.parse(text).file ?? {} : {};
      const id = nextSession++;
      sessions.set(id, { received: 0, size: Number(req.headers["x-goog-upload-header-content-length"]),
        mimeType: meta.mimeType ?? req.headers["x-goog-upload-header-content-type"],
        displayName: meta.displayName });
      send(200, { "x-goog-upload-url": `${origin}/sink-session/${id}`, "x-goog-upload-status": "active",
        "x-goog-upload-chunk-granularity": String(GRANULARITY) });
    });
    return true;
  }
  const match = url.pathname.match(/^\/sink-session\/(\d+)$/);
  if (match) {
    const id = Number(match[1]);
    const s = sessions.get(id);
    if (!s) { send(404, {}, { error: { code: 404, message: "no such session", status: "NOT_FOUND" } }); return true; }
    if (command === "query") {
      send(200, { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(s.received) });
      return true;
    }
    const offset = Number(req.headers["x-goog-upload-offset"]);
    let bytes = 0;
    req.on("data", (c) => { bytes += c.length; });
    req.on("end", () => {
      if (offset !== s.received) {
        send(400, { "x-goog-upload-status": "active" },
          { error: { code: 400, message: `offset ${offset}, expected ${s.received}`, status: "INVALID_ARGUMENT" } });
        return;
      }
      s.received += bytes;
      if (command.includes("finalize")) {
        send(200, { "x-goog-upload-status": "final" }, { file: fileOf(id, s) });
      } else {
        send(200, { "x-goog-upload-status": "active", "x-goog-upload-size-received": String(s.received) });
      }
    });
    return true;
  }
  const file = url.pathname.match(/\/files\/sink-(\d+)$/);
  if (req.method === "GET" && file && sessions.has(Number(file[1]))) {
    send(200, {}, fileOf(Number(file[1]), sessions.get(Number(file[1]))));
    return true;
  }
  return false;
}

/** Starts the sink; resolves to { server, baseUrl, last() } (last: the last body's bytes).
 * `delayMs`: how late each upload answer comes (a network's round trip; 0 on loopback). */
export function startSink({ delayMs = 0 } = {}) {
  let lastBytes = 0;
  let origin = "";
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") return res.writeHead(204, CORS).end();
    if (upload(req, res, origin, delayMs)) return;
    let bytes = 0;
    req.on("data", (chunk) => { bytes += chunk.length; });
    req.on("end", () => {
      lastBytes = bytes;
      const answer = { candidates: [{ content: { role: "model",
        parts: [{ text: `received ${bytes} bytes` }] }, finishReason: "STOP", index: 0 }],
      modelVersion: "sink" };
      res.writeHead(200, { ...CORS, "content-type": "application/json" });
      res.end(JSON.stringify(answer));
    });
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => {
    origin = `http://127.0.0.1:${server.address().port}`;
    ok({ server, baseUrl: origin, last: () => lastBytes });
  }));
}
