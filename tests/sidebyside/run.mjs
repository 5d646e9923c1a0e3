// The side-by-side parity suite: every scenario in scenarios/*.js runs once with
// @google/genai 3.6.1 (bundled for the browser with esbuild) and once with our package,
// each in a fresh headless Chromium page, against the emulator behind the capture proxy
// (reset between runs). The captured requests and the results are compared (verdict.mjs,
// compare.mjs, differences.mjs). Prints one line per scenario and, last,
// "SUITE sidebyside: N passed, M failed".
//
// Usage: node tests/sidebyside/run.mjs [--emulator BIN] [--ours DIR|sdk] [--only TEXT]
//          [--clients both|sdk] [--self-check] [--verbose] [--dump DIR]
//   --ours sdk       control run: the SDK on both sides (everything must pass)
//   --clients sdk    run only the SDK side (checks the scenarios against the emulator)
//   --self-check     also proves the comparison itself: its rules on made-up captures
//                    (compare.test.mjs), the SDK against itself must pass, and against a
//                    planted difference (selfcheck/mutant.mjs) must fail
//   --dump DIR       writes each run's captured requests, answers and result to DIR
//   --only TEXT      scenarios whose id ("file/name") contains TEXT (or starts with it, if
//                    it ends with "/")
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch, serve, startEmulator } from "../npm/run.mjs";
import { startCapture } from "./capture.mjs";
import { NORMALISATIONS } from "./differences.mjs";
import { bundleSdk, oursEntry } from "./libraries.mjs";
import { judge } from "./verdict.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../..");
const API_KEY = "side-by-side-key";
// Long enough for the 9 MiB upload and a retry after a 1 s Retry-After; short enough that
// a client that hangs on every scenario still lets the suite finish.
const RUN_TIMEOUT_MS = 30_000;

/** The comparison's own checks: scenario ids, which "ours" to use, and what must come out. */
const SELF_CHECKS = [
  { name: "the SDK against itself passes (ids, uploads, streams normalised)", ours: "sdk",
    ids: ["text/plain string", "files/upload of more than one chunk (9 MiB)", "chats/sendMessageStream",
      "caches/update with expireTime, list across pages"],
    expect: (verdicts) => verdicts.every((v) => v.passed) },
  { name: "a planted request difference is caught", ours: "mutant", ids: ["text/plain string"],
    expect: ([v]) => !v.passed && /request 1 .*topK/.test(v.detail) },
  { name: "a planted result difference is caught", ours: "mutant", ids: ["tokens/countTokens of text"],
    expect: ([v]) => !v.passed && /^result \/totalTokens: sdk \d+, ours \d+$/.test(v.detail) },
];

function parseArgs(argv) {
  const args = { emulator: join(root, "target/debug/fake-gemini"),
    ours: join(root, "target/npm/gemini-vision-web"), only: "", clients: "both", verbose: false, selfCheck: false };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === "--verbose") args.verbose = true;
    else if (flag === "--self-check") args.selfCheck = true;
    else if (["--emulator", "--ours", "--only", "--clients", "--dump"].includes(flag)) args[flag.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
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

/** Everything a run needs, started once: emulator, capture proxy, static site, browser. */
async function startStage(args, sdkDir) {
  const emulator = await startEmulator(args.emulator);
  const started = [() => emulator.child.kill("SIGTERM")];
  const stop = async () => {
    for (const undo of started.reverse()) await undo();
  };
  try {
    const capture = await startCapture(emulator.baseUrl);
    started.push(() => capture.close());
    const site = await serve({
      "/page/": join(here, "page"),
      "/scenarios/": join(here, "scenarios"),
      "/selfcheck/": join(here, "selfcheck"),
      "/sdk/": sdkDir,
      "/ours/": args.ours,
      "/samples/": join(root, "../shared/samples/images"),
    });
    started.push(() => site.server.close());
    const browser = await launch();
    started.push(() => browser.close());
    return { emulator, capture, site, browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs one scenario with each library of `libs` (`{sdk, ours}`: URL or `{missing}`). */
async function runScenario(stage, scenario, libs) {
  const { emulator, capture, site, browser } = stage;
  const runs = {};
  for (const [client, lib] of Object.entries(libs)) {
    if (lib.missing) {
      runs[client] = { outcome: { ok: false, stage: "library", error: lib.missing }, records: [] };
      continue;
    }
    await emulator.admin("reset", {});
    const query = new URLSearchParams({ lib, scenario: `${site.origin}/scenarios/${scenario.file}`,
      name: scenario.name, baseUrl: capture.origin, apiKey: API_KEY, samples: `${site.origin}/samples`,
      adminToken: emulator.adminToken });
    capture.begin(`${scenario.id} ${client}`);
    try {
      runs[client] = { outcome: await runPage(browser, `${site.origin}/page/index.html?${query}`), records: [] };
    } finally {
      const records = capture.end();
      if (runs[client]) runs[client].records = records;
    }
  }
  return runs;
}

function printVerbose(runs, verdict) {
  for (const note of verdict.notes ?? []) console.log(`       note: ${note}`);
  for (const [client, run] of Object.entries(runs)) {
    for (const r of run.records) {
      console.log(`       ${client} ${r.method} ${r.path} -> ${r.response.status}: ${r.body.toString("latin1").slice(0, 300)}`);
    }
    if (run.outcome.ok) console.log(`       ${client}: ${JSON.stringify(run.outcome.result).slice(0, 1500)}`);
  }
}

/** Writes each run of a scenario to `dir` as JSON, for reading a difference at leisure. */
function dump(dir, scenario, runs) {
  mkdirSync(dir, { recursive: true });
  const text = (bytes) => {
    const utf8 = bytes.toString("utf8");
    return /^\s*[{[]|^data:/.test(utf8.slice(0, 16)) ? utf8 : `<${bytes.length} bytes>`;
  };
  for (const [client, run] of Object.entries(runs)) {
    const requests = run.records.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: text(r.body),
      response: { status: r.response.status, headers: r.response.headers, body: text(r.response.body) } }));
    const file = join(dir, `${scenario.id.replace(/[^A-Za-z0-9._-]+/g, "_")}.${client}.json`);
    writeFileSync(file, JSON.stringify({ id: scenario.id, client, outcome: run.outcome, requests }, null, 2));
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const sdkBundle = await bundleSdk(root);
  const control = args.ours === "sdk";
  if (control) args.ours = sdkBundle.dir;
  const ours = control ? { entry: "genai.mjs", version: "control" } : oursEntry(args.ours);
  const scenarios = await loadScenarios(args.only);
  const stage = await startStage(args, sdkBundle.dir);
  const origin = stage.site.origin;
  const libs = { sdk: `${origin}/sdk/genai.mjs` };
  if (args.clients !== "sdk") libs.ours = ours.missing ? { missing: ours.missing } : `${origin}/ours/${ours.entry}`;
  console.log(`@google/genai ${sdkBundle.version} (browser build) vs ${control ? "itself (control run)"
    : ours.missing ? `our package: MISSING (${ours.missing})` : `gemini-vision-web ${ours.version} (${ours.entry})`}`);
  console.log(`normalisations: ${NORMALISATIONS.map((n) => n.id).join(", ")} (differences.mjs)`);
  const counts = { passed: 0, failed: 0 };
  const report = (passed, line) => {
    counts[passed ? "passed" : "failed"] += 1;
    console.log(`${passed ? "passed" : "failed"} ${line}`);
  };
  try {
    for (const scenario of scenarios) {
      let verdict;
      let runs = {};
      try {
        runs = await runScenario(stage, scenario, libs);
        verdict = libs.ours === undefined
          ? (runs.sdk.outcome.ok ? { passed: true, detail: `sdk only, ${runs.sdk.records.length} requests` }
            : { passed: false, detail: `sdk: ${runs.sdk.outcome.stage}: ${runs.sdk.outcome.error}` })
          : judge(scenario.id, runs, control);
      } catch (error) {
        verdict = { passed: false, detail: `harness: ${error.message}` };
      }
      const tag = verdict.deliberate ? " [deliberate difference checked]" : "";
      report(verdict.passed, `${scenario.id}${tag}${verdict.detail ? `  (${verdict.detail})` : ""}`);
      if (args.verbose) printVerbose(runs, verdict);
      if (args.dump) dump(args.dump, scenario, runs);
    }
    if (args.selfCheck) {
      const unit = spawnSync(process.execPath, ["--test", "--test-reporter=tap", join(here, "compare.test.mjs")],
        { encoding: "utf8" });
      const lines = unit.stdout.split("\n").filter((line) => /^(not )?ok \d+ - /.test(line));
      for (const line of lines) report(line.startsWith("ok"), `comparison rule: ${line.replace(/^(not )?ok \d+ - /, "")}`);
      if (lines.length === 0 || (unit.status !== 0 && lines.every((line) => line.startsWith("ok")))) {
        report(false, `comparison rules: node --test did not run them (${unit.stderr.slice(0, 300)})`);
      }
      const all = await loadScenarios("");
      for (const check of SELF_CHECKS) {
        const lib = check.ours === "sdk" ? libs.sdk : `${origin}/selfcheck/mutant.mjs`;
        const verdicts = [];
        for (const id of check.ids) {
          const scenario = all.find((s) => s.id === id);
          if (!scenario) throw new Error(`self-check scenario ${id} is gone`);
          verdicts.push(judge(id, await runScenario(stage, scenario, { sdk: libs.sdk, ours: lib }), true));
        }
        report(check.expect(verdicts), `self-check: ${check.name}  (${verdicts.map((v) => v.detail || "passed").join(" | ")})`);
      }
    }
    if (stage.capture.stray.length > 0) {
      report(false, `stray requests outside any run: ${stage.capture.stray.map((r) => `${r.method} ${r.path}`).join(", ")}`);
    }
  } finally {
    await stage.stop();
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
