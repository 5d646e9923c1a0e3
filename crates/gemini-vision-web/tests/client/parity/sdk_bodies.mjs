// Writes sdk.json: what @google/genai sends (URL and body text) or throws for each
// scenario of scenarios.json, for the parity test (parity.rs) to compare ours with.
// Usage: node sdk_bodies.mjs <the @google/genai package's dist/web/index.mjs>
// (its one import, p-retry, must resolve from there). Recorded with 3.6.1.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const here = new URL(".", import.meta.url);
const { GoogleGenAI } = await import(pathToFileURL(process.argv[2]).href);
const scenarios = JSON.parse(readFileSync(new URL("scenarios.json", here), "utf8"));
const sent = [];
globalThis.fetch = async (url, init) => {
  sent.push({ url: String(url), body: await new Response(init.body).text() });
  const answer = { candidates: [{ content: { role: "model", parts: [{ text: "ok" }] } }], totalTokens: 1 };
  return new Response(JSON.stringify(answer), { headers: { "content-type": "application/json" } });
};
const ai = new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: "http://sdk.invalid" } });
const results = [];
for (const scenario of scenarios) {
  sent.length = 0;
  try {
    if (scenario.method === "count") await ai.models.countTokens(scenario.params);
    else await ai.models.generateContent(scenario.params);
    results.push({ name: scenario.name, url: sent[0].url.replace("http://sdk.invalid", ""), body: sent[0].body });
  } catch (error) {
    results.push({ name: scenario.name, error: error.message });
  }
}
writeFileSync(new URL("sdk.json", here), JSON.stringify(results, null, 1) + "\n");
