// A loopback server that takes a generateContent request and answers at once: it reads
// the whole body (its bytes counted, its base64 `data` checked for length) and sends a
// fixed answer, so that item 2 times the client's share of an inline request, not the
// emulator's decoding of the image. CORS as the API sends it.
import { createServer } from "node:http";

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "*",
  "access-control-allow-methods": "POST, OPTIONS",
};

/** Starts the sink; resolves to { server, baseUrl, last() } (last: the last body's bytes). */
export function startSink() {
  let lastBytes = 0;
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") return res.writeHead(204, CORS).end();
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
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({ server,
    baseUrl: `http://127.0.0.1:${server.address().port}`, last: () => lastBytes })));
}
