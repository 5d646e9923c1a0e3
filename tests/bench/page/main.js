// The benchmark's page: each item is a function on window.bench that the runner
// (tests/bench/run.mjs) calls while it samples memory from outside.
import init, * as ours from "gemini-vision-web";

// Looked up at run time: the package may not have the client yet.
const Client = () => Reflect.get(ours, "GoogleGenAI");
import { GoogleGenAI } from "@google/genai";
import { aiStudioOverlay } from "./ai_studio_overlay.js";

const MB = 1024 * 1024;
const env = Object.fromEntries(new URLSearchParams(location.search));
const now = () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function randomBytes(n) {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

// --- 1. base64 ---------------------------------------------------------------------
function btoaChunked(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result.slice(reader.result.indexOf(",") + 1));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}
const BASE64 = {
  // Bytes in (copied into wasm), base64 written inside wasm (SIMD128): its length out.
  ours: async (bytes) => ({ length: ours.__benchBase64(bytes) }),
  btoa: async (bytes) => btoaChunked(bytes),
  readAsDataURL: async (bytes, blob) => dataUrl(blob),
  toBase64: async (bytes) => bytes.toBase64(),
};
async function base64(sizeMb, method, runs = 5) {
  if (method === "toBase64" && typeof Uint8Array.prototype.toBase64 !== "function") return null;
  const bytes = randomBytes(sizeMb * MB);
  const blob = new Blob([bytes]);
  const times = [];
  let outLen = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t = now();
    const out = await BASE64[method](bytes, blob);
    const dt = now() - t;
    outLen = out.size ?? out.length;
    if (i > 0) times.push(dt); // the first run warms up
  }
  if (outLen !== Math.ceil((sizeMb * MB) / 3) * 4) throw new Error(`${method}: ${outLen} bytes out`);
  return { ms: median(times), mbPerS: sizeMb / (median(times) / 1000) };
}

// --- 2. inline request ---------------------------------------------------------------
const PROMPT = "Describe this image.";
function sdk(baseUrl = env.baseUrl) {
  return new GoogleGenAI({ apiKey: env.apiKey, httpOptions: { baseUrl } });
}
let prebuilt = null;
// `baseUrl`: the emulator by default, or the runner's sink (answers without decoding).
async function inline(which, baseUrl = env.baseUrl) {
  const file = document.getElementById("jpeg").files[0];
  if (which === "server" && !prebuilt) {
    // The emulator's own share: the same request with its body built beforehand.
    const data = new Uint8Array(await file.arrayBuffer()).toBase64();
    prebuilt = new Blob([JSON.stringify({ contents: [{ role: "user", parts: [
      { inlineData: { mimeType: file.type || "image/jpeg", data } }, { text: PROMPT }] }] })]);
  }
  const t = now();
  let text;
  if (which === "server") {
    const res = await fetch(`${env.baseUrl}/v1beta/models/${env.model}:generateContent`, {
      method: "POST", body: prebuilt,
      headers: { "content-type": "application/json", "x-goog-api-key": env.apiKey } });
    text = (await res.json()).candidates[0].content.parts[0].text;
  } else if (which === "ours") {
    if (typeof Client() === "function") {
      const ai = new (Client())({ apiKey: env.apiKey, httpOptions: { baseUrl } });
      const res = await ai.models.generateContent({ model: env.model, contents: [file, PROMPT] });
      text = res.text;
    } else {
      // Without GoogleGenAI: the body path it is specified to use (bytes read once,
      // base64 in wasm, a Blob body), sent with fetch.
      const b64 = new Uint8Array(await file.arrayBuffer()).toBase64();
      const body = new Blob([
        `{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"${file.type || "image/jpeg"}","data":"`,
        b64, `"}},{"text":${JSON.stringify(PROMPT)}}]}]}`]);
      const res = await fetch(`${env.baseUrl}/v1beta/models/${env.model}:generateContent`, {
        method: "POST", body,
        headers: { "content-type": "application/json", "x-goog-api-key": env.apiKey } });
      const json = await res.json();
      if (!res.ok) throw new Error(JSON.stringify(json));
      text = json.candidates[0].content.parts[0].text;
    }
  } else {
    const data = await dataUrl(file);
    const res = await sdk(baseUrl).models.generateContent({ model: env.model,
      contents: [{ inlineData: { mimeType: file.type || "image/jpeg", data } }, PROMPT] });
    text = res.text;
  }
  const ms = now() - t;
  if (!text) throw new Error("no text");
  return { ms, bytes: file.size };
}

// --- 3. upload ---------------------------------------------------------------------------
// `baseUrl`: the emulator by default, or the runner's sink (counts the bytes, keeps none).
async function upload(which, baseUrl = env.baseUrl) {
  const file = document.getElementById("big").files[0];
  const t = now();
  try {
    let result;
    if (which === "ours") {
      if (typeof Client() !== "function") return { skipped: "GoogleGenAI is not in the package" };
      const ai = new (Client())({ apiKey: env.apiKey, httpOptions: { baseUrl } });
      let restarts = 0;
      result = await ai.files.upload({ file, config: { mimeType: "text/plain",
        displayName: "bench", onProgress: (p) => { restarts = p.restarts ?? restarts; } } });
      result = { name: result.name, sizeBytes: result.sizeBytes, sha256Hash: result.sha256Hash, restarts };
    } else {
      const f = await sdk(baseUrl).files.upload({ file, config: { mimeType: "text/plain", displayName: "bench" } });
      result = { name: f.name, sizeBytes: f.sizeBytes, sha256Hash: f.sha256Hash };
    }
    const ms = now() - t;
    return { ms, mbPerS: file.size / MB / (ms / 1000), ...result };
  } catch (e) {
    return { ms: now() - t, error: `${e.name}: ${String(e.message).slice(0, 300)}` };
  }
}

// --- 4. overlay -----------------------------------------------------------------------
function photo(width, height) {
  const c = new OffscreenCanvas(width, height);
  const ctx = c.getContext("2d");
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, "#d8c8b0");
  g.addColorStop(1, "#6a7a8a");
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  return c.transferToImageBitmap();
}
async function overlay(which, width, height, runs = 7) {
  const res = await fetch(`/sample/${env.sample}`);
  if (!res.ok) throw new Error(`sample: HTTP ${res.status}`);
  const text = await res.text();
  const image = photo(width, height);
  const canvas = document.getElementById("overlay");
  const flush = (c) => c.getContext("2d").getImageData(0, 0, 1, 1); // finish raster work
  const times = [];
  let renderer, masks = null;
  const hover = [];
  const parse = [];
  const draw = [];
  for (let i = 0; i < runs + 1; i++) {
    const t = now();
    if (which === "ours") {
      const { detections } = ours.parseDetections(text);
      const parsed = now();
      renderer ??= new ours.OverlayRenderer(canvas);
      const report = renderer.draw(image, detections, { devicePixelRatio: 1 });
      masks = report.masks;
      if (i > 0) {
        parse.push(parsed - t);
        draw.push(report.millis);
      }
    } else {
      await aiStudioOverlay(canvas, image, text);
    }
    flush(canvas);
    if (i > 0) times.push(now() - t);
  }
  if (which === "ours") {
    for (let i = 0; i < runs; i++) {
      const t = now();
      renderer.redraw({ highlight: i % 20 });
      flush(canvas);
      hover.push(now() - t);
    }
  }
  const mid = (xs) => (xs.length ? median(xs) : null);
  return { ms: median(times), hoverMs: mid(hover), parseMs: mid(parse), drawMs: mid(draw), masks };
}

// --- setup: a JPEG of about `mb` MB, downloaded by the runner ------------------------------
async function makeJpeg(mb) {
  const draw = (w, h) => {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext("2d");
    const img = ctx.createImageData(w, h);
    const noise = randomBytes(w * h);
    for (let p = 0, i = 0; p < w * h; p++, i += 4) {
      const x = p % w, y = (p / w) | 0;
      img.data[i] = (x * 255) / w + (noise[p] & 63);
      img.data[i + 1] = (y * 255) / h + (noise[p] >> 2);
      img.data[i + 2] = 128 + (noise[p] & 127);
      img.data[i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    ctx.fillStyle = "#ff0000";
    ctx.fillRect(w * 0.1, h * 0.1, w * 0.2, h * 0.2);
    return c.convertToBlob({ type: "image/jpeg", quality: 0.97 });
  };
  const probe = await draw(1000, 750);
  const scale = Math.sqrt((mb * MB) / probe.size);
  const blob = await draw(Math.round(1000 * scale), Math.round(750 * scale));
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "bench.jpg";
  a.click();
  return blob.size;
}

window.bench = { base64, inline, upload, overlay, makeJpeg,
  hasClient: () => typeof Client() === "function" };
await init();
window.__ready = true;
