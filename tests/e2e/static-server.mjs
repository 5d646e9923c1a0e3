// A small static file server for the built demo (www/dist): loopback only, correct MIME
// types (WebAssembly must be served as application/wasm to compile while it streams),
// Brotli or gzip for text and wasm (compressed once, kept in memory), no directory
// listings, no path traversal. No dependencies.
//
// Usage: node tests/e2e/static-server.mjs --root www/dist [--host 127.0.0.1] [--port 8080]
// Prints one line when ready: "serving http://HOST:PORT" (port 0 picks a free one).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';

const args = new Map();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i], process.argv[i + 1]);
const root = resolve(args.get('--root') ?? 'www/dist');
const host = args.get('--host') ?? '127.0.0.1';
const port = Number(args.get('--port') ?? 8080);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);
const compressors = {
  br: (bytes) => promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 9 }),
};
const compressed = new Map();

/** The file compressed with `encoding`, made once per file version. */
function compressedBody(path, info, encoding) {
  const key = `${path}:${info.mtimeMs}:${info.size}:${encoding}`;
  if (!compressed.has(key)) compressed.set(key, readFile(path).then(compressors[encoding]));
  return compressed.get(key);
}

function pickEncoding(header = '') {
  const accepted = header.split(',').map((part) => part.trim().split(';')[0]);
  return ['br', 'gzip'].find((encoding) => accepted.includes(encoding));
}

async function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      const index = join(full, 'index.html');
      return { path: index, info: await stat(index) };
    }
    return { path: full, info };
  } catch {
    return null;
  }
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const found = await fileFor(req.url ?? '/');
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const ext = extname(found.path).toLowerCase();
  const headers = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    // Trunk names the wasm and JS after their hash; the page itself must be fresh.
    'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // What index.html's <meta> policy cannot say: no site may frame the demo.
    ...(ext === '.html' ? { 'Content-Security-Policy': "frame-ancestors 'none'" } : {}),
    Vary: 'Accept-Encoding',
  };
  const encoding = COMPRESSIBLE.has(ext) ? pickEncoding(req.headers['accept-encoding']) : undefined;
  if (encoding) {
    let body;
    try {
      body = await compressedBody(found.path, found.info, encoding);
    } catch {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': found.info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.path).on('error', () => res.destroy()).pipe(res);
});

server.listen(port, host, () => {
  const { address, port: actual } = server.address();
  console.log(`serving http://${address}:${actual}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
