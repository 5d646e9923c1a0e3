import init, * as lib from "gemini-vision-web";
import { runChecks } from "/shared/checks.js";

const env = Object.fromEntries(new URLSearchParams(location.search));
try {
  await init();
  window.__results = await runChecks(lib, env);
} catch (e) {
  window.__results = [{ name: "init", status: "failed", detail: String(e) }];
}
window.__done = true;
