// Runs one scenario with one library in this page and leaves the outcome in
// `window.__outcome`: `{ ok: true, result }` with the result made plain, or
// `{ ok: false, stage, error }` when the library could not be loaded or the scenario threw.
// Query: lib (module URL), scenario (module URL), name, baseUrl, apiKey, samples.
import { makeEnv } from "./env.js";
import { plain } from "./plain.js";

const query = new URLSearchParams(location.search);

function failed(stage, error) {
  // A library that does not load says why in one line; a scenario's failure keeps its stack.
  const lines = stage === "library" ? 1 : 4;
  const message = error && error.stack ? String(error.stack).split("\n").slice(0, lines).join(" | ")
    : String(error);
  window.__outcome = { ok: false, stage, error: message };
}

async function loadLibrary(url) {
  const lib = await import(url);
  // A wasm-bindgen package exports its initialiser as the default export.
  if (typeof lib.default === "function") await lib.default();
  if (typeof lib.GoogleGenAI !== "function") {
    throw new Error(`${url} has no GoogleGenAI export (exports: ${Object.keys(lib).slice(0, 12).join(", ")})`);
  }
  return lib;
}

async function main() {
  let lib;
  try {
    lib = await loadLibrary(query.get("lib"));
  } catch (error) {
    return failed("library", error);
  }
  let scenario;
  try {
    const module = await import(query.get("scenario"));
    scenario = module.default[query.get("name")];
    if (typeof scenario !== "function") throw new Error(`no scenario named ${query.get("name")}`);
  } catch (error) {
    return failed("scenario module", error);
  }
  const env = makeEnv({ lib, baseUrl: query.get("baseUrl"), apiKey: query.get("apiKey"), adminToken: query.get("adminToken"),
    samplesUrl: query.get("samples") });
  try {
    const result = await scenario(lib, env);
    window.__outcome = { ok: true, result: plain(result) };
  } catch (error) {
    failed("scenario", error);
  }
}

main().catch((error) => failed("harness", error));
