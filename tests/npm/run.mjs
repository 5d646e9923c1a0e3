// Runs the consumer apps in headless Chromium against a started emulator and prints one
// line per check, then "SUITE npm: N passed, M failed". A check that did not run (skipped)
// counts as failed.
// Usage: node tests/npm/run.mjs <fake-gemini binary> <package dir> <vite dist dir>
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL(".", import.meta.url));
const [emulatorBin, packageDir, viteDist] = process.argv.slice(2);
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

// Starts the emulator on a free loopback port with a fresh admin token; resolves to
// { child, baseUrl, admin(path, body?) } (admin: GET without a body, POST with one, the
// token and JSON as /__fake requires).
export function startEmulator(bin, args = []) {
  const adminToken = randomBytes(24).toString("hex");
  return new Promise((ok, fail) => {
    const child = spawn(bin, ["--addr", "127.0.0.1:0", "--quiet", "--admin-token", adminToken, ...args],
      { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (!m) return;
      const baseUrl = m[1];
      const admin = async (path, body) => {
        const response = await fetch(`${baseUrl}/__fake/${path}`, {
          method: body === undefined ? "GET" : "POST",
          headers: { "x-fake-admin-token": adminToken, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`/__fake/${path}: HTTP ${response.status}`);
        return response.json();
      };
      ok({ child, baseUrl, admin, adminToken });
    });
    child.on("exit", (code) => fail(new Error(`emulator exited (${code}): ${out}`)));
  });
}

// A static server on loopback: URL prefix -> directory.
export function serve(mounts) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const mount = Object.keys(mounts).sort((a, b) => b.length - a.length)
      .find((prefix) => path.startsWith(prefix));
    if (!mount) return res.writeHead(404).end();
    const root = resolve(mounts[mount]);
    let file = normalize(join(root, path.slice(mount.length)));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store" });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () =>
    ok({ server, origin: `http://127.0.0.1:${server.address().port}` })));
}

export function launch() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: FLAGS });
}

async function runApp(browser, name, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__done === true, null, { timeout: 90_000 });
    return await page.evaluate(() => window.__results);
  } catch (e) {
    return [{ name: "page ran to the end", status: "failed", detail: `${e.message} ${errors.join(" | ")}` }];
  } finally {
    await page.close();
  }
}

async function main() {
  const emulator = await startEmulator(emulatorBin);
  const esm = await serve({
    "/node_modules/gemini-vision-web/": packageDir,
    "/shared/": join(here, "shared"),
    "/": join(here, "esm"),
  });
  const vite = await serve({ "/": viteDist });
  const browser = await launch();
  const query = new URLSearchParams({ baseUrl: emulator.baseUrl, apiKey: "consumer-test-key",
    model: "gemini-2.5-flash" });
  const counts = { passed: 0, failed: 0 };
  if (process.env.TYPECHECK) {
    counts[process.env.TYPECHECK] += 1;
    console.log(`${process.env.TYPECHECK.padEnd(7)} types: a strict TypeScript consumer compiles against the .d.ts`);
  }
  try {
    for (const [app, origin] of [["esm", esm.origin], ["vite", vite.origin]]) {
      for (const r of await runApp(browser, app, `${origin}/?${query}`)) {
        counts[r.status === "passed" ? "passed" : "failed"] += 1;
        const detail = r.status === "passed" ? "" : `  (${r.detail})`;
        console.log(`${r.status.padEnd(7)} ${app}: ${r.name}${detail}`);
      }
    }
  } finally {
    await browser.close();
    esm.server.close();
    vite.server.close();
    emulator.child.kill("SIGTERM");
  }
  console.log(`SUITE npm: ${counts.passed} passed, ${counts.failed} failed`);
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    console.log("SUITE npm: 0 passed, 1 failed");
    process.exit(1);
  });
}
