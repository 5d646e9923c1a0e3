// The two libraries a scenario runs with: @google/genai's browser build bundled into one
// ES module (as a web developer's bundler would make it), and our package's entry module
// as `import "gemini-vision-web"` resolves it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/** Bundles @google/genai's browser build under `root/target/sidebyside/sdk`; returns `{dir, version}`. */
export async function bundleSdk(root) {
  const dir = join(root, "target/sidebyside/sdk");
  const result = await build({
    stdin: { contents: 'export * from "@google/genai";', resolveDir: join(root, "tests"), loader: "js" },
    bundle: true, format: "esm", platform: "browser", target: "chrome120",
    outfile: join(dir, "genai.mjs"), metafile: true, logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs);
  if (!inputs.some((input) => input.includes("@google/genai/dist/web/index.mjs"))) {
    throw new Error(`the bundle did not take @google/genai's browser build (inputs: ${inputs.slice(0, 5)})`);
  }
  const pkg = JSON.parse(readFileSync(join(root, "tests/node_modules/@google/genai/package.json"), "utf8"));
  return { dir, version: pkg.version };
}

/** Our package's entry module `{entry, version}`, or `{missing: why}`. */
export function oursEntry(dir) {
  if (!existsSync(join(dir, "package.json"))) return { missing: `no package at ${dir} (run scripts/build-npm)` };
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const pick = (target) => (typeof target === "object" && target !== null
    ? pick(target.browser ?? target.import ?? target.default) : target);
  const dot = typeof pkg.exports === "string" ? pkg.exports : pkg.exports?.["."];
  const entry = String(pick(dot) ?? pkg.module ?? pkg.main ?? "index.js").replace(/^\.\//, "");
  if (!existsSync(join(dir, entry))) return { missing: `the package's entry ${entry} does not exist in ${dir}` };
  return { entry, version: pkg.version };
}
