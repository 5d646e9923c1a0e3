// A small static file server for the built demo (www/dist): loopback only, correct MIME
// types (WebAssembly must be served as application/wasm to compile while it streams),
// no directory listings, no path traversal. No dependencies.
//
// Usage: node tests/e2e/static-server.mjs --root www/dist [--host 127.0.0.1] [--port 8080]
// Prints one line when ready: "serving http://HOST:PORT" (port 0 picks a free one).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': found.info.size,
    // Trunk names the wasm and JS after their hash; the page itself must be fresh.
    'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
  });
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
