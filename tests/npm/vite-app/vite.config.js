export default {
  // Top-level await in main.js.
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
  logLevel: "warn",
};
