// Random exploration of the npm package's JS API in headless Chromium (scripts/explore;
// never CI): js-api.html calls every exported function and method with random values and
// checks after each call that the module still answers. Prints one line per seed and
// exits 1 when a call trapped the module, left it unusable, or threw through it (an
// uncaught error on the page: a call that then never settles).
// Usage: node tests/explore/js-api.mjs <package dir> [calls per seed] [seed...]
//   (no seeds: eight random ones; a failure prints its seed, so it can be replayed)
import { randomInt } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const [packageDir, callsArg, ...seedArgs] = process.argv.slice(2);
if (!packageDir || !existsSync(join(packageDir, "index.js"))) {
  console.error("usage: node tests/explore/js-api.mjs <package dir> [calls per seed] [seed...]");
  process.exit(2);
}
const calls = Number(callsArg ?? 1500);
const seeds = seedArgs.length ? seedArgs.map(Number) : Array.from({ length: 8 }, () => randomInt(1, 2 ** 31 - 1));
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

// A static server on loopback: /pkg/ is the package, / this folder.
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const [root, rest] = path.startsWith("/pkg/") ? [resolve(packageDir), path.slice(5)] : [here, path.slice(1)];
  const file = normalize(join(root, rest));
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});
let failed = 0;
for (const seed of seeds) {
  const page = await browser.newPage();
  const thrown = [];
  page.on("pageerror", (e) => thrown.push(String(e).slice(0, 300)));
  await page.goto(`${origin}/js-api.html?seed=${seed}`);
  await page.waitForFunction(() => window.ready, null, { timeout: 60_000 });
  const started = Date.now();
  const outcome = await page.evaluate((n) => window.fuzz(n), calls)
    .catch((e) => ({ bad: [["?", "?", seed, `page: ${String(e).slice(0, 200)}`]], at: "?" }));
  const last = await page.evaluate(() => window.lastCall).catch(() => null);
  const problems = [...outcome.bad.map(([i, k, s, what]) => `call ${i} (calls[${k}], seed ${s}): ${what}`),
    ...thrown.map((t) => `uncaught on the page after call ${JSON.stringify(last)}: ${t}`)];
  failed += problems.length ? 1 : 0;
  console.log(`seed ${seed}: ${outcome.at} calls in ${Date.now() - started} ms` +
    (problems.length ? `\n  ${problems.join("\n  ")}` : ", nothing broke"));
  await page.close().catch(() => {});
}
await browser.close();
server.close();
console.log(`${seeds.length - failed} of ${seeds.length} seeds passed`);
process.exit(failed ? 1 : 0);
