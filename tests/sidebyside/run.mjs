// The side-by-side parity suite: every scenario in scenarios/*.js runs once with
// @google/genai 3.6.1 (bundled for the browser with esbuild) and once with our package,
// each in a fresh headless Chromium page, against the emulator behind the capture proxy
// (reset between runs). The captured requests and the results are compared
// (compare.mjs, differences.mjs). Prints one line per scenario and, last,
// "SUITE sidebyside: N passed, M failed".
//
// Usage: node tests/sidebyside/run.mjs [--emulator BIN] [--ours DIR|sdk] [--only TEXT]
//          [--clients both|sdk] [--verbose]
//   --ours sdk       control run: the SDK on both sides (everything must pass)
//   --clients sdk    run only the SDK side (checks the scenarios against the emulator)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { launch, serve, startEmulator } from "../npm/run.mjs";
import { startCapture } from "./capture.mjs";
import { compareRequests, deepDiff, describeRequest, normaliseRun } from "./compare.mjs";
import { DELIBERATE, NORMALISATIONS } from "./differences.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../..");
const API_KEY = "side-by-side-key";
const RUN_TIMEOUT_MS = 90_000;

function parseArgs(argv) {
  const args = { emulator: join(root, "target/debug/fake-gemini"),
    ours: join(root, "target/npm/gemini-vision-web"), only: "", clients: "both", verbose: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === "--verbose") args.verbose = true;
    else if (["--emulator", "--ours", "--only", "--clients"].includes(flag)) args[flag.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

/** Bundles @google/genai's browser build into one ES module; returns its directory. */
async function bundleSdk() {
  const outdir = join(root, "target/sidebyside/sdk");
  const result = await build({
    stdin: { contents: 'export * from "@google/genai";', resolveDir: join(root, "tests"), loader: "js" },
    bundle: true, format: "esm", platform: "browser", target: "chrome120",
    outfile: join(outdir, "genai.mjs"), metafile: true, logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.some((input) => input.includes("@google/genai/dist/web/index.mjs"))) {
    throw new Error(`the bundle did not take @google/genai's browser build (inputs: ${inputs.slice(0, 5)})`);
  }
  const version = JSON.parse(readFileSync(join(root, "tests/node_modules/@google/genai/package.json"), "utf8")).version;
  return { dir: outdir, version };
}

/** Our package's entry module, or why it cannot be used. */
function oursEntry(dir) {
  if (!existsSync(join(dir, "package.json"))) return { missing: `no package at ${dir} (run scripts/build-npm)` };
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  // What `import "gemini-vision-web"` resolves to in a browser bundler.
  const pick = (target) => (typeof target === "object" && target !== null
    ? pick(target.browser ?? target.import ?? target.default) : target);
  const dot = typeof pkg.exports === "string" ? pkg.exports : pkg.exports?.["."];
  const entry = String(pick(dot) ?? pkg.module ?? pkg.main ?? "index.js").replace(/^\.\//, "");
  if (!existsSync(join(dir, entry))) return { missing: `the package's entry ${entry} does not exist in ${dir}` };
  return { entry, version: pkg.version };
}

async function loadScenarios(only) {
  const dir = join(here, "scenarios");
  const list = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".js")).sort()) {
    const module = await import(pathToFileURL(join(dir, file)).href);
    for (const name of Object.keys(module.default)) {
      const id = `${basename(file, ".js")}/${name}`;
      const matches = only.endsWith("/") ? id.startsWith(only) : id.includes(only);
      if (!only || matches) list.push({ id, file, name });
    }
  }
  return list;
}

async function runPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__outcome !== undefined, null, { timeout: RUN_TIMEOUT_MS });
    return await page.evaluate(() => window.__outcome);
  } catch (error) {
    return { ok: false, stage: "page", error: `${error.message.split("\n")[0]} ${errors.join(" | ")}` };
  } finally {
    await context.close();
  }
}

/** The verdict for one scenario: `{ passed, detail, notes }`. */
function judge(id, runs, control) {
  for (const side of ["sdk", "ours"]) {
    const outcome = runs[side]?.outcome;
    if (!outcome) return { passed: false, detail: `${side}: did not run` };
    if (!outcome.ok) return { passed: false, detail: `${side}: ${outcome.stage}: ${outcome.error}` };
  }
  const deliberate = control ? undefined : DELIBERATE[id];
  const sdk = normaliseRun(runs.sdk.records, runs.sdk.outcome.result, "sdk");
  // In a control run "ours" is the SDK too: its rules are the SDK's.
  const ours = normaliseRun(runs.ours.records, runs.ours.outcome.result, control ? "sdk" : "ours");
  if (deliberate?.attempts === false) {
    for (const request of [...sdk.requests, ...ours.requests]) request.attempts = "‹not compared›";
  }
  const diffs = [...sdk.problems.map((p) => `sdk: ${p}`), ...ours.problems.map((p) => `ours: ${p}`)];
  const requests = deliberate?.requests === false ? { diffs: [], notes: [] }
    : compareRequests(sdk.requests, ours.requests);
  diffs.push(...requests.diffs);
  if (deliberate) {
    for (const side of ["sdk", "ours"]) {
      const verdict = deliberate[side]((side === "sdk" ? sdk : ours).result,
        runs[side].records.map(describeRequest));
      if (verdict !== true) diffs.push(`${side}: ${verdict}`);
    }
    for (const key of deliberate.compare ?? []) {
      diffs.push(...deepDiff(sdk.result[key], ours.result[key], `/${key}`).map((line) => `result ${line}`));
    }
  } else {
    diffs.push(...deepDiff(sdk.result, ours.result).map((line) => `result ${line}`));
  }
  return { passed: diffs.length === 0, detail: diffs.join("; "), notes: requests.notes,
    deliberate: Boolean(deliberate) };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sdkBundle = await bundleSdk();
  const control = args.ours === "sdk";
  const ours = control ? { entry: "genai.mjs", version: "control" } : oursEntry(args.ours);
  const scenarios = await loadScenarios(args.only);
  const emulator = await startEmulator(args.emulator);
  const capture = await startCapture(emulator.baseUrl);
  const site = await serve({
    "/page/": join(here, "page"),
    "/scenarios/": join(here, "scenarios"),
    "/sdk/": sdkBundle.dir,
    "/ours/": control ? sdkBundle.dir : args.ours,
    "/samples/": join(root, "../shared/samples/images"),
  });
  const browser = await launch();
  const libs = { sdk: `${site.origin}/sdk/genai.mjs`, ours: `${site.origin}/ours/${ours.entry}` };
  const clients = args.clients === "sdk" ? ["sdk"] : ["sdk", "ours"];
  console.log(`@google/genai ${sdkBundle.version} (browser build) vs ${control ? "itself (control run)"
    : ours.missing ? `our package: MISSING (${ours.missing})` : `gemini-vision-web ${ours.version}`}`);
  console.log(`normalisations: ${NORMALISATIONS.map((n) => n.id).join(", ")} (differences.mjs)`);
  const counts = { passed: 0, failed: 0 };
  try {
    for (const scenario of scenarios) {
      let verdict;
      const runs = {};
      try {
        for (const client of clients) {
          if (client === "ours" && ours.missing) {
            runs.ours = { outcome: { ok: false, stage: "library", error: ours.missing }, records: [] };
            continue;
          }
          await fetch(`${emulator.baseUrl}/__fake/reset`, { method: "POST" });
          const query = new URLSearchParams({ lib: libs[client], scenario: `${site.origin}/scenarios/${scenario.file}`,
            name: scenario.name, baseUrl: capture.origin, apiKey: API_KEY, samples: `${site.origin}/samples` });
          capture.begin(`${scenario.id} ${client}`);
          const outcome = await runPage(browser, `${site.origin}/page/index.html?${query}`);
          runs[client] = { outcome, records: capture.end() };
        }
        if (clients.length === 1) {
          const outcome = runs.sdk.outcome;
          verdict = outcome.ok ? { passed: true, detail: `sdk only, ${runs.sdk.records.length} requests` }
            : { passed: false, detail: `sdk: ${outcome.stage}: ${outcome.error}` };
        } else {
          verdict = judge(scenario.id, runs, control);
        }
      } catch (error) {
        capture.end();
        verdict = { passed: false, detail: `harness: ${error.message}` };
      }
      counts[verdict.passed ? "passed" : "failed"] += 1;
      const tag = verdict.deliberate ? " [deliberate difference checked]" : "";
      console.log(`${verdict.passed ? "passed" : "failed"} ${scenario.id}${tag}${verdict.detail ? `  (${verdict.detail})` : ""}`);
      if (args.verbose) {
        for (const note of verdict.notes ?? []) console.log(`       note: ${note}`);
        for (const client of clients) {
          const result = runs[client]?.outcome?.result;
          for (const r of runs[client]?.records ?? []) {
            console.log(`       ${client} ${r.method} ${r.path} -> ${r.response.status}: ${r.body.toString("latin1").slice(0, 300)}`);
          }
          if (result !== undefined) console.log(`       ${client}: ${JSON.stringify(result).slice(0, 1500)}`);
        }
      }
    }
    if (capture.stray.length > 0) {
      counts.failed += 1;
      console.log(`failed stray requests outside any run: ${capture.stray.map((r) => `${r.method} ${r.path}`).join(", ")}`);
    }
  } finally {
    await browser.close();
    site.server.close();
    await capture.close();
    emulator.child.kill("SIGTERM");
  }
  console.log(`SUITE sidebyside: ${counts.passed} passed, ${counts.failed} failed`);
  process.exitCode = counts.failed === 0 ? 0 : 1;
}

main().catch(async (error) => {
  console.error(error);
  // Every scenario that could not run counts as failed.
  const total = await loadScenarios("").then((list) => list.length, () => 1);
  console.log(`SUITE sidebyside: 0 passed, ${Math.max(total, 1)} failed`);
  process.exit(1);
});
