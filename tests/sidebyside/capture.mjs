// The capture proxy: an HTTP server on 127.0.0.1 (a free port) in front of the emulator
// that records every API request a client run makes (method, path and query, the headers
// that matter, the body bytes) and the answer, forwards it unchanged, and answers CORS
// itself so that a page on another loopback origin can use it.
//
// Session URLs in `X-Goog-Upload-URL` are rewritten to point back at the proxy, so that
// upload chunks are captured too. Requests under `/__fake/` (the emulator's own admin
// API: faults, reset) are forwarded but never recorded: they are the harness's, not the
// client's. Nothing here interprets a request; comparing is `compare.mjs`'s job.
import { createServer, request as httpRequest } from "node:http";

/** Request headers a comparison may look at (lower case); the others are not recorded. */
const RECORDED_HEADERS = ["x-goog-api-key", "content-type"];
const UPLOAD_HEADER_PREFIX = "x-goog-upload-";
/** Hop-by-hop and framing headers that the proxy sets itself. */
const NOT_FORWARDED = new Set(["host", "connection", "content-length", "transfer-encoding",
  "keep-alive"]);

function recordedHeaders(headers) {
  const kept = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (RECORDED_HEADERS.includes(lower) || lower.startsWith(UPLOAD_HEADER_PREFIX)) {
      kept[lower] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return kept;
}

function readBody(stream) {
  return new Promise((ok, fail) => {
    const parts = [];
    stream.on("data", (chunk) => parts.push(chunk));
    stream.on("end", () => ok(Buffer.concat(parts)));
    stream.on("error", fail);
  });
}

function corsHeaders(req) {
  return {
    "access-control-allow-origin": req.headers.origin ?? "*",
    "vary": "Origin",
  };
}

/** Sends `body` upstream and resolves with the whole answer (status, headers, bytes). */
function forward(upstream, req, body) {
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!NOT_FORWARDED.has(name)) headers[name] = value;
  }
  headers["content-length"] = String(body.length);
  const target = new URL(req.url, upstream);
  return new Promise((ok, fail) => {
    const out = httpRequest(target, { method: req.method, headers }, async (res) => {
      try {
        ok({ status: res.statusCode, headers: res.headers, body: await readBody(res) });
      } catch (error) {
        fail(error);
      }
    });
    out.on("error", fail);
    out.end(body);
  });
}

/**
 * Starts a capture proxy in front of `upstream` (an origin such as `http://127.0.0.1:PORT`).
 * Returns `{ origin, begin(label), end(), stray, close() }`: `begin` starts recording a
 * client run, `end` stops and returns its records; requests outside a run go to `stray`.
 */
export async function startCapture(upstream) {
  const upstreamOrigin = new URL(upstream).origin;
  let current = null;
  const stray = [];
  let seq = 0;
  let origin = "";

  const server = createServer(async (req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...corsHeaders(req),
        "access-control-allow-methods": req.headers["access-control-request-method"]
          ?? "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "600",
      });
      return res.end();
    }
    let body = Buffer.alloc(0);
    try {
      body = await readBody(req);
      const answer = await forward(upstreamOrigin, req, body);
      const headers = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (NOT_FORWARDED.has(name) || name.startsWith("access-control-")) continue;
        headers[name] = name === "x-goog-upload-url" && typeof value === "string"
          ? value.replace(upstreamOrigin, origin)
          : value;
      }
      const admin = new URL(req.url, origin).pathname.startsWith("/__fake/");
      if (!admin) {
        const record = {
          seq: ++seq,
          method: req.method,
          path: req.url,
          headers: recordedHeaders(req.headers),
          body,
          response: { status: answer.status, headers: recordedHeaders(headers), body: answer.body },
        };
        (current ?? stray).push(record);
      }
      res.writeHead(answer.status, {
        ...headers,
        ...corsHeaders(req),
        "access-control-expose-headers": Object.keys(headers).join(", "),
        "content-length": String(answer.body.length),
      });
      res.end(answer.body);
    } catch (error) {
      // The emulator is gone or cut the connection (a `drop` fault): cut ours too, as
      // the client would have seen it without the proxy.
      (current ?? stray).push({ seq: ++seq, method: req.method, path: req.url,
        headers: recordedHeaders(req.headers), body,
        response: { status: 0, headers: {}, body: Buffer.from(String(error.message)) } });
      res.destroy();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    stray,
    begin(label) {
      current = [];
      current.label = label;
    },
    end() {
      const records = current ?? [];
      current = null;
      return records;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((ok) => server.close(ok));
    },
  };
}
