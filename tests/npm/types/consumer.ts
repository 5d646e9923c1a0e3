// The whole JS API as a TypeScript user writes it, after the example. Only
// type-checked (`tsc --noEmit`), never run: the run-time checks are in ../shared/.
import init, {
  GeminiClient,
  OverlayRenderer,
  detectionSchema,
  errorClasses,
  labelColor,
  parseDetections,
  type Detection,
  type DetectionSchemaNode,
  type DetectionSchemaOptions,
  type DrawReport,
  type OverlayStyle,
  type ParseResult,
} from "gemini-vision-web";

export async function example(file: File, canvas: HTMLCanvasElement, signal: AbortSignal) {
  await init();
  const client = new GeminiClient({ apiKey: "key", baseUrl: "http://127.0.0.1:8787", apiVersion: "v1beta" });
  const res = await client.generateContent({
    model: "gemini-2.5-flash",
    contents: [file, "Detect the objects."],
    config: { responseMimeType: "application/json", thinkingBudget: 0 },
    signal,
  });
  const text: string | undefined = res.text;
  void [res.candidates, res.usageMetadata, res.promptFeedback, res.uploaded];
  for await (const chunk of client.generateContentStream({ model: "gemini-2.5-flash", contents: ["Hi"] })) {
    void chunk.text;
  }
  await client.countTokens({ model: "gemini-2.5-flash", contents: [file] });
  const uploaded = await client.files.upload(file, {
    displayName: "photo",
    mimeType: "image/jpeg",
    chunkSize: 8 * 1024 * 1024,
    signal,
    onProgress: ({ sent, total }) => console.log(sent / total),
  });
  await client.files.get(uploaded.name ?? "");
  await client.files.list({ pageSize: 10, pageToken: undefined });
  await client.files.waitUntilActive(uploaded.name ?? "", { signal });
  await client.files.delete(uploaded.name ?? "");

  const parsed: ParseResult = parseDetections(text ?? "", { width: 1024, height: 768, threshold: 127 });
  const first: Detection | undefined = parsed.detections[0];
  const box: [number, number, number, number] | null | undefined = first?.box_2d;
  const kind: "none" | "png" | "polygon" | "unsupported" | undefined = first?.mask.kind;
  void [box, kind, parsed.warnings[0]?.kind, first?.pixelBox?.width];
  parseDetections("[]");
  const choices: DetectionSchemaOptions = { points: true, masks: "polygon", labels: ["cup"], maxItems: 25 };
  const schema: DetectionSchemaNode = detectionSchema(choices);
  const ordering: string[] | undefined = schema.properties?.boxes.items?.propertyOrdering;
  void [ordering, detectionSchema(), detectionSchema({ masks: true })];

  const overlay = new OverlayRenderer(canvas);
  const style: OverlayStyle = { maskAlpha: 0.5, maskThreshold: 127, fovDegrees: 60, colors: { cup: "#ff0000" } };
  const report: DrawReport = overlay.draw(await createImageBitmap(file), parsed.detections, style);
  overlay.draw(canvas, parsed);
  overlay.draw(canvas, [{ box_2d: [0, 0, 500, 500], label: "raw model item" }]);
  canvas.onmousemove = (e) => overlay.redraw({ highlight: overlay.hitTest(e.offsetX, e.offsetY) ?? null });
  const png: Blob = await overlay.toBlob();
  const legend: string = labelColor("cup");
  const size: [number, number] | undefined = overlay.imageSize;
  void [report.millis, png.size, legend, size];

  try {
    parseDetections("[]", { width: 1 });
  } catch (e) {
    if (e instanceof errorClasses().GeminiError) console.log(e.code, e.status);
  }
}
