// What a user of the npm package does, checked step by step in a real browser against
// the emulator. Both consumer apps (plain ESM page, Vite build) import the package their
// own way and hand it to runChecks.
import { HEIGHT, RED_SQUARE, WIDTH, paintPhoto, photoPng } from "./photo.js";

const PROMPT = "Detect the shapes. Output a JSON list with box_2d, mask and label.";

function pixel(canvas, x, y) {
  const d = canvas.getContext("2d").getImageData(x, y, 1, 1).data;
  return [d[0], d[1], d[2]];
}
const hex = (rgb) => "#" + rgb.map((v) => v.toString(16).padStart(2, "0")).join("");
const near = (a, b, t) => a.every((v, i) => Math.abs(v - b[i]) <= t);

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

// The package's client, as @google/genai's is made.
function genai(lib, env) {
  return new lib.GoogleGenAI({ apiKey: env.apiKey, httpOptions: { baseUrl: env.baseUrl } });
}

export async function runChecks(lib, env) {
  const results = [];
  const check = async (name, fn) => {
    try {
      const detail = await fn();
      results.push({ name, status: "passed", detail });
    } catch (e) {
      results.push({ name, status: "failed", detail: `${e && e.name}: ${e && e.message}` });
    }
  };
  const photo = await photoPng();
  let text = "";
  let detections = [];
  const red = () => detections.findIndex((d) => d.label.startsWith("red"));
  const overlayCanvas = document.createElement("canvas");
  document.body.appendChild(overlayCanvas);
  let overlay;

  await check("exports: init ran, the SDK's names and ours are there", () => {
    for (const name of ["GoogleGenAI", "GenerateContentResponse", "CountTokensResponse", "Pager",
      "ApiError", "GeminiError", "createPartFromUri", "createUserContent", "parseDetections",
      "OverlayRenderer", "labelColor", "detectionSchema"]) {
      expect(typeof lib[name] === "function", `${name} missing`);
    }
    expect(lib.Type.OBJECT === "OBJECT" && lib.HarmCategory.HARM_CATEGORY_HARASSMENT ===
      "HARM_CATEGORY_HARASSMENT", "enums missing");
    expect(typeof lib.default === "function", "init missing");
  });

  let response;
  await check("generateContent with an image (GoogleGenAI)", async () => {
    response = await genai(lib, env).models.generateContent({ model: env.model,
      contents: lib.createUserContent([photo, PROMPT]) });
    expect(response instanceof lib.GenerateContentResponse, "not a GenerateContentResponse");
    text = response.text;
    expect(text.includes("box_2d"), `no boxes in ${text.slice(0, 200)}`);
  });

  await check("a preview shows the plan, and an ApiError is the exported class", async () => {
    const preview = await genai(lib, env).models.preview({ model: env.model, contents: [photo, PROMPT] });
    expect(preview.plan.items[0].route === "inline", JSON.stringify(preview.plan));
    expect(preview.body.includes("bytes of base64>"), preview.body.slice(0, 200));
    try {
      await genai(lib, env).models.generateContent({ model: "no-such-model", contents: "hi" });
    } catch (e) {
      expect(e instanceof lib.ApiError && e instanceof Error && e.status === 404, `${e.name} ${e.status}`);
      return;
    }
    throw new Error("no error for an unknown model");
  });

  await check("parseDetections finds both shapes with pixel boxes", () => {
    const parsed = lib.parseDetections(text, { width: WIDTH, height: HEIGHT });
    detections = parsed.detections;
    expect(detections.length === 2, `${detections.length} detections: ${text.slice(0, 300)}`);
    const box = detections[red()].pixelBox;
    for (const k of ["x", "y", "width", "height"]) {
      expect(Math.abs(box[k] - RED_SQUARE[k]) <= 3, `red box ${JSON.stringify(box)}`);
    }
    expect(detections[red()].mask.kind === "png" || detections[red()].mask.kind === "polygon",
      `mask kind ${detections[red()].mask.kind}`);
    expect(detections[red()].mask.area > 5000, `mask area ${detections[red()].mask.area}`);
  });

  await check("detectionSchema gives the schema whose answers parseDetections reads", () => {
    expect(typeof lib.detectionSchema === "function", "detectionSchema missing");
    const schema = lib.detectionSchema({ masks: "polygon", labels: ["red square", "blue disc"], maxItems: 5 });
    const item = schema.properties.boxes.items;
    expect(schema.type === "OBJECT" && schema.properties.boxes.maxItems === "5", JSON.stringify(schema));
    expect(JSON.stringify(item.propertyOrdering) === '["box_2d","mask","label"]',
      `propertyOrdering ${JSON.stringify(item.propertyOrdering)}`);
    // What a model constrained by it answers for the red square (x 40..120, y 60..140).
    const answer = JSON.stringify({ boxes: [{ box_2d: [250, 125, 583, 375],
      mask: [[125, 250], [375, 250], [375, 583], [125, 583]], label: "red square" }] });
    const parsed = lib.parseDetections(answer, { width: WIDTH, height: HEIGHT });
    expect(parsed.detections.length === 1 && parsed.warnings.length === 0, JSON.stringify(parsed.warnings));
    expect(parsed.detections[0].mask.area > 6000, `area ${parsed.detections[0].mask.area}`);
    try {
      lib.detectionSchema({ boxes: false });
    } catch (e) {
      expect(e.name === "GeminiError" && e.code === "INVALID_INPUT", `${e.name} ${e.code}`);
      return;
    }
    throw new Error("no error for items with nothing to place them by");
  });

  await check("parseDetections reports bad options as a GeminiError", () => {
    try {
      lib.parseDetections("[]", { width: 10 });
    } catch (e) {
      expect(e.name === "GeminiError" && e.code === "INVALID_INPUT", `${e.name} ${e.code}`);
      expect(e instanceof lib.GeminiError && e instanceof Error, "not a GeminiError");
      return;
    }
    throw new Error("no error for width without height");
  });

  // wasm-bindgen's own conversion of these into a Rust string read out of bounds
  // ("RuntimeError: memory access out of bounds" from inside the module).
  await check("parseDetections and labelColor refuse a non-string with a GeminiError, and work on", () => {
    const values = [5, {}, Symbol("s"), 10n, null, undefined, [1, 2], { text: "[]" }, new Uint8Array(4)];
    for (const call of [(v) => lib.parseDetections(v), (v) => lib.labelColor(v)]) {
      for (const value of values) {
        let thrown = null;
        try {
          call(value);
        } catch (e) {
          thrown = e;
        }
        const shown = typeof value === "symbol" || typeof value === "bigint" ? typeof value : JSON.stringify(value);
        expect(thrown instanceof lib.GeminiError && thrown.code === "INVALID_INPUT",
          `${shown}: ${thrown && thrown.name}: ${thrown && thrown.message}`);
        expect(/expected a string/.test(thrown.message), thrown.message);
      }
    }
    expect(lib.parseDetections('[{"box_2d": [1, 2, 3, 4], "label": "a"}]').detections.length === 1,
      "parseDetections after the refusals");
    expect(/^#[0-9a-f]{6}$/.test(lib.labelColor("a")), "labelColor after the refusals");
  });

  await check("OverlayRenderer.draw puts the overlay on the right pixels", async () => {
    overlay = new lib.OverlayRenderer(overlayCanvas);
    const bitmap = await createImageBitmap(photo);
    const report = overlay.draw(bitmap, detections, { devicePixelRatio: 1 });
    expect(report.drawn === 2 && report.masks === 2, JSON.stringify(report));
    const color = lib.labelColor(detections[red()].label);
    const b = detections[red()].pixelBox;
    const edge = hex(pixel(overlayCanvas, b.x, b.y + b.height / 2));
    expect(edge === color, `box edge ${edge}, label colour ${color}`);
    expect(near(pixel(overlayCanvas, 300, 230), [255, 255, 255], 0), "background changed");
    // Inside the mask: the label colour at alpha 0.45 (115/255) over the red square.
    const rgb = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const blended = [255, 0, 0].map((v, i) => Math.round(v + (rgb[i] - v) * (115 / 255)));
    const inside = pixel(overlayCanvas, b.x + b.width / 2, b.y + b.height / 2);
    expect(near(inside, blended, 4), `mask pixel ${inside}, expected ${blended}`);
  });

  await check("hitTest finds the detection under the pointer", () => {
    const b = detections[red()].pixelBox;
    expect(overlay.hitTest(b.x + b.width / 2, b.y + b.height / 2) === red(), "missed");
    expect(overlay.hitTest(300, 20) === undefined, "hit outside");
  });

  await check("redraw with a highlight and toBlob export the annotated PNG", async () => {
    overlay.redraw({ highlight: red() });
    const blob = await overlay.toBlob();
    expect(blob.type === "image/png", blob.type);
    const back = await createImageBitmap(blob);
    expect(back.width === WIDTH && back.height === HEIGHT, `${back.width}x${back.height}`);
  });

  await check("a hostile label is drawn as text, never as HTML", async () => {
    const before = document.images.length;
    const hostile = `[{"box_2d": [100, 100, 500, 500], "label": "<img src=x onerror=\\"window.__pwned=1\\">"}]`;
    const parsed = lib.parseDetections(hostile);
    overlay.draw(paintPhoto(), parsed.detections);
    await new Promise((r) => setTimeout(r, 50));
    expect(document.images.length === before && window.__pwned === undefined, "markup ran");
  });

  await check("generateContentStream yields the same boxes in chunks (GoogleGenAI)", async () => {
    const stream = await genai(lib, env).models.generateContentStream({ model: env.model,
      contents: [photo, PROMPT] });
    let streamed = "";
    let chunks = 0;
    for await (const chunk of stream) {
      streamed += chunk.text ?? "";
      chunks += 1;
    }
    expect(chunks > 1, `${chunks} chunks`);
    expect(streamed === text, "streamed text differs from the unary answer");
  });

  await check("a chat keeps its history (GoogleGenAI)", async () => {
    const chat = genai(lib, env).chats.create({ model: env.model });
    const first = await chat.sendMessage({ message: [photo, PROMPT] });
    expect(first.text.includes("box_2d"), "no boxes");
    await chat.sendMessage({ message: "And the red one?" });
    expect(chat.getHistory().length === 4, `${chat.getHistory().length} turns`);
  });

  await check("files.upload with progress (GoogleGenAI)", async () => {
    const ai = genai(lib, env);
    const bytes = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 31) & 0xff);
    const blob = new Blob([bytes], { type: "application/pdf" });
    const seen = [];
    const file = await ai.files.upload({ file: blob, config: {
      displayName: "consumer", chunkSize: 1024 * 1024, onProgress: (p) => seen.push(p.sent) } });
    expect(seen.length >= 3, `progress ${seen}`);
    expect(seen[seen.length - 1] === blob.size, `last progress ${seen[seen.length - 1]}`);
    expect(String(file.sizeBytes) === String(blob.size), `sizeBytes ${file.sizeBytes}`);
  });

  overlayCanvas.remove();
  return results;
}

// The client entry ("gemini-vision-web/client"): its own module, the client alone.
async function runClientChecks(initClient, client, env) {
  const results = [];
  try {
    await initClient();
    const ai = new client.GoogleGenAI({ apiKey: env.apiKey, httpOptions: { baseUrl: env.baseUrl } });
    const answer = await ai.models.generateContent({ model: env.model, contents: PROMPT });
    expect(typeof answer.text === "string" && answer.text.length > 0, "no text");
    expect(answer instanceof client.GenerateContentResponse, "not the entry's response class");
    expect(client.Type.OBJECT === "OBJECT", "enums missing");
    expect(typeof client.createUserContent === "function", "helpers missing");
    for (const name of ["parseDetections", "OverlayRenderer", "detectionSchema"]) {
      expect(!(name in client), `${name} is in the client entry`);
    }
    results.push({ name: "the client entry: GoogleGenAI answers, no overlay code", status: "passed" });
  } catch (e) {
    results.push({ name: "the client entry: GoogleGenAI answers, no overlay code", status: "failed",
      detail: `${e && e.name}: ${e && e.message}` });
  }
  return results;
}

// The whole page: init the package, run every check, leave the results for the runner.
export async function runPage(init, lib, initClient, client) {
  const env = Object.fromEntries(new URLSearchParams(location.search));
  try {
    await init();
    window.__results = await runChecks(lib, env);
  } catch (e) {
    window.__results = [{ name: "init", status: "failed", detail: String(e) }];
  }
  window.__results.push(...await runClientChecks(initClient, client, env));
  window.__done = true;
}
