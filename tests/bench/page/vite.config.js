import { fileURLToPath } from "node:url";

// The package as built by scripts/build-npm --bench (with the benchmark hook); @google/genai from tests/node_modules, bundled
// and minified the way an app would ship it.
const pkg = fileURLToPath(new URL("../../../target/npm-bench/gemini-vision-web/gemini_vision_web.js", import.meta.url));
export default {
  resolve: { alias: { "gemini-vision-web": pkg } },
  build: {
    target: "es2022",
    outDir: "../../../target/bench/page",
    emptyOutDir: true,
    // @google/genai in a chunk of its own, so that item 5 can weigh it as shipped.
    rollupOptions: {
      output: { manualChunks: (id) => (id.includes("@google/genai") ? "google-genai" : undefined) },
    },
  },
  logLevel: "warn",
};
