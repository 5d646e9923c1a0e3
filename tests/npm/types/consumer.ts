// The whole JS API as a TypeScript user writes it, after @google/genai's examples. Only
// type-checked (`tsc --noEmit`), never run: the run-time checks are in ../shared/.
import init, {
  ApiError,
  type Content,
  CountTokensResponse,
  FunctionCallingConfigMode,
  GeminiError,
  type GenerateContentConfig,
  GenerateContentResponse,
  GoogleGenAI,
  HarmBlockThreshold,
  HarmCategory,
  MediaResolution,
  type Model,
  OverlayRenderer,
  detectionSchema,
  Pager,
  PartMediaResolutionLevel,
  type RequestPreview,
  ThinkingLevel,
  Type,
  createModelContent,
  createPartFromBase64,
  createPartFromFunctionResponse,
  createPartFromText,
  createPartFromUri,
  createUserContent,
  labelColor,
  parseDetections,
  type Detection,
  type DetectionSchemaNode,
  type DetectionSchemaOptions,
  type DrawReport,
  type OverlayStyle,
  type ParseResult,
} from "gemini-vision-web";
import initClient, { GoogleGenAI as ClientGenAI } from "gemini-vision-web/client";

export async function example(file: File, canvas: HTMLCanvasElement, signal: AbortSignal) {
  await init();
  const ai = new GoogleGenAI({
    apiKey: "key",
    httpOptions: { baseUrl: "http://127.0.0.1:8787", apiVersion: "v1beta", timeout: 60_000 },
    maxInlineBytes: 20 * 1024 * 1024,
  });
  const config: GenerateContentConfig = {
    responseMimeType: "application/json",
    responseSchema: { type: Type.ARRAY, items: { type: Type.OBJECT, properties: { label: { type: Type.STRING } } } },
    thinkingConfig: { thinkingBudget: 0, thinkingLevel: ThinkingLevel.LOW },
    mediaResolution: MediaResolution.MEDIA_RESOLUTION_HIGH,
    safetySettings: [{ category: HarmCategory.HARM_CATEGORY_HARASSMENT, threshold: HarmBlockThreshold.BLOCK_NONE }],
    tools: [{ functionDeclarations: [{ name: "f", parameters: { type: Type.OBJECT } }] }],
    toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } },
    abortSignal: signal,
    onUploadProgress: ({ sent, total }) => console.log(sent / total),
  };
  const res: GenerateContentResponse = await ai.models.generateContent({
    model: "gemini-2.5-flash",
    contents: [file, "Detect the objects."],
    config,
  });
  const text: string | undefined = res.text;
  void [res.candidates?.[0]?.content?.parts, res.usageMetadata?.totalTokenCount, res.promptFeedback,
    res.functionCalls, res.data, res.executableCode, res.codeExecutionResult, res.initialPromptTokenCount];
  const stream = await ai.models.generateContentStream({ model: "gemini-2.5-flash", contents: "Hi" });
  for await (const chunk of stream) {
    void chunk.text;
  }
  const counted: CountTokensResponse = await ai.models.countTokens({ model: "gemini-2.5-flash", contents: [file] });
  void counted.totalTokens;
  const model: Model = await ai.models.get({ model: "gemini-2.5-flash" });
  void model.supportedActions;
  const pager: Pager<Model> = await ai.models.list({ config: { pageSize: 10 } });
  for await (const m of pager) void m.name;
  await ai.models.list();
  const preview: RequestPreview = await ai.models.preview({ model: "gemini-2.5-flash", contents: [file] });
  void [preview.plan.items[0]?.route, preview.body];

  const history: Content[] = [createUserContent("Hi"), createModelContent("Hello")];
  const chat = ai.chats.create({ model: "gemini-2.5-flash", config: { temperature: 0.5 }, history });
  await chat.sendMessage({ message: [createPartFromUri("files/x", "image/png", PartMediaResolutionLevel.MEDIA_RESOLUTION_LOW), "What is it?"] });
  for await (const chunk of await chat.sendMessageStream({ message: "More" })) void chunk.text;
  const turns: Content[] = chat.getHistory(true);
  void chat.getHistory();
  void [turns, createPartFromText("x"), createPartFromBase64("AA", "image/png"),
    createPartFromFunctionResponse("1", "f", { ok: true })];

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
  canvas.onmousemove = (e) => overlay.redraw({ highlight: overlay.hitTest(e.offsetX, e.offsetY) ?? null });
  const png: Blob = await overlay.toBlob();
  void [report.millis, png.size, labelColor("cup"), overlay.imageSize];

  try {
    await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" });
  } catch (e) {
    if (e instanceof ApiError) console.log(e.status, e.apiStatus, e.code, e.details);
    else if (e instanceof GeminiError) console.log(e.code);
  }
  const made = new ApiError({ message: "m", status: 500 });
  void made.status;
}

// The client entry: the same GoogleGenAI, typed, without the overlay exports.
export async function clientEntry(apiKey: string): Promise<string | undefined> {
  await initClient();
  const ai = new ClientGenAI({ apiKey });
  const answer = await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "Hi." });
  return answer.text;
}
