//! The JS API as a page calls it: `ai.models.*` and `ai.chats.*` with plain objects, the
//! response classes and their getters, the stream's async iterator, the pager, the error
//! classes, and the helpers and enums.

use crate::sample_image;
use crate::support::{blob, fake, genai, json, resolve};
use js_sys::Promise;
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
// The library's classes are reached through what it hands out (a test crate's own copy
// of js/*.js would be another module, with other classes).
const isA = (value, name) => value !== null && typeof value === "object" && value.constructor.name === name;

export async function unaryAndStream(ai, image) {
  const contents = [image, "Detect the cupcakes as 2D bounding boxes."];
  const r = await ai.models.generateContent({ model: "gemini-2.5-flash", contents });
  const stream = await ai.models.generateContentStream({ model: "gemini-2.5-flash", contents });
  let streamed = "";
  let chunks = 0;
  let chunkClass = true;
  for await (const chunk of stream) {
    streamed += chunk.text ?? "";
    chunks += 1;
    chunkClass &&= chunk.constructor === r.constructor;
  }
  return {
    isClass: isA(r, "GenerateContentResponse") && "text" in r && !Object.keys(r).includes("text"), text: r.text, streamed, chunks, chunkClass,
    keys: Object.keys(r), initial: r.initialPromptTokenCount,
    usageInitial: r.usageMetadata.initialPromptTokenCount,
    prompt: r.usageMetadata.promptTokenCount,
    usageKeys: Object.keys(r.usageMetadata),
    functionCalls: r.functionCalls, data: r.data, code: r.executableCode,
  };
}

export async function countAndModels(ai) {
  const counted = await ai.models.countTokens({ model: "gemini-2.5-flash", contents: "abcdefgh" });
  const model = await ai.models.get({ model: "gemini-2.5-flash" });
  const pager = await ai.models.list({ config: { pageSize: 2 } });
  const first = pager.page.map((m) => m.name);
  const all = [];
  for await (const m of pager) all.push(m.name);
  return {
    countClass: isA(counted, "CountTokensResponse"), totalTokens: counted.totalTokens,
    countHeaders: typeof counted.sdkHttpResponse?.headers,
    model: { name: model.name, supportedActions: model.supportedActions,
      old: model.supportedGenerationMethods, tuned: model.tunedModelInfo },
    isPager: isA(pager, "Pager") && typeof pager.nextPage === "function", name: pager.name, pageSize: pager.pageSize, first, all,
  };
}

export async function errors(ai, wrongKeyAi) {
  const out = {};
  try {
    await wrongKeyAi.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" });
  } catch (e) {
    out.ApiError = e.constructor;
    out.api = { isApiError: isA(e, "ApiError"),
      isGemini: Object.getPrototypeOf(e.constructor).name === "GeminiError",
      isError: e instanceof Error, name: e.name, status: e.status, code: e.code,
      apiStatus: e.apiStatus, details: Array.isArray(e.details), message: e.message,
      rawBody: e.rawBody };
  }
  try {
    await ai.models.generateContent({ model: "gemini-2.5-flash", contents: [42] });
  } catch (e) {
    out.input = { isGemini: isA(e, "GeminiError"), name: e.name, code: e.code, message: e.message };
  }
  const controller = new AbortController();
  controller.abort();
  try {
    await ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi",
      config: { abortSignal: controller.signal } });
  } catch (e) {
    out.abort = { isDom: e instanceof DOMException, name: e.name };
  }
  const made = new out.ApiError({ message: "m", status: 418 });
  delete out.ApiError;
  out.made = { name: made.name, status: made.status, message: made.message,
    isError: made instanceof Error, code: made.code };
  return out;
}

export async function chatInJs(ai) {
  const chat = ai.chats.create({ model: "gemini-2.5-flash", history: [] });
  const r = await chat.sendMessage({ message: "Hello" });
  const s = await chat.sendMessageStream({ message: "More" });
  let n = 0;
  for await (const chunk of s) n += chunk.text ? 1 : 0;
  return { text: typeof r.text, chunks: n, history: chat.getHistory().length,
    curated: chat.getHistory(true).length };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = unaryAndStream)]
    fn unary_and_stream(ai: &JsValue, image: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = countAndModels)]
    fn count_and_models(ai: &JsValue) -> Promise;
    fn errors(ai: &JsValue, wrong: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = chatInJs)]
    fn chat_in_js(ai: &JsValue) -> Promise;
}

fn ai() -> JsValue {
    genai(fake()).into()
}

#[wasm_bindgen_test]
async fn generate_content_gives_the_sdks_response_class_and_the_stream_its_chunks() {
    let image = blob(sample_image!("cupcakes.png"), "image/png");
    let out = json(&resolve(unary_and_stream(&ai(), &image)).await.unwrap());
    assert_eq!(out["isClass"], json!(true));
    assert!(out["text"].as_str().unwrap().contains("box_2d"));
    assert_eq!(out["streamed"], out["text"]);
    assert!(out["chunks"].as_u64().unwrap() > 1);
    assert_eq!(out["chunkClass"], json!(true));
    assert_eq!(out["keys"][0], json!("sdkHttpResponse"));
    assert_eq!(out["keys"][1], json!("candidates"));
    assert_eq!(out["initial"], out["prompt"]);
    assert_eq!(out["usageInitial"], out["prompt"]);
    assert!(
        !out["usageKeys"]
            .as_array()
            .unwrap()
            .contains(&json!("initialPromptTokenCount"))
    );
    assert_eq!(out.get("functionCalls"), None);
    assert_eq!(out.get("data"), None);
    assert_eq!(out.get("code"), None);
}

#[wasm_bindgen_test]
async fn count_get_and_list_give_the_sdks_shapes() {
    let out = json(&resolve(count_and_models(&ai())).await.unwrap());
    assert_eq!(out["countClass"], json!(true));
    assert_eq!(out["totalTokens"], json!(2));
    assert_eq!(out["countHeaders"], json!("object"));
    assert_eq!(out["model"]["name"], json!("models/gemini-2.5-flash"));
    assert!(
        out["model"]["supportedActions"]
            .as_array()
            .unwrap()
            .contains(&json!("generateContent"))
    );
    assert_eq!(out["model"].get("old"), None);
    assert_eq!(out["model"]["tuned"], json!({}));
    assert_eq!(out["isPager"], json!(true));
    assert_eq!(out["name"], json!("models"));
    assert_eq!(out["pageSize"], json!(2));
    assert_eq!(out["first"].as_array().unwrap().len(), 2);
    let all = out["all"].as_array().unwrap();
    assert!(all.len() > 2, "the pager fetched the next pages: {all:?}");
    let mut unique = all.clone();
    unique.dedup();
    assert_eq!(unique.len(), all.len());
}

#[wasm_bindgen_test]
async fn errors_are_the_sdks_api_error_and_ours() {
    let wrong: JsValue = gemini_vision_web::GoogleGenAI::with_key("wrong-key-xyz", Some(fake()))
        .unwrap()
        .into();
    let out = json(&resolve(errors(&ai(), &wrong)).await.unwrap());
    let api = &out["api"];
    assert_eq!(api["isApiError"], json!(true));
    assert_eq!(api["isGemini"], json!(true));
    assert_eq!(api["isError"], json!(true));
    assert_eq!(api["name"], json!("ApiError"));
    assert_eq!(api["status"], json!(400));
    assert_eq!(api["code"], json!("API_ERROR"));
    assert_eq!(api["apiStatus"], json!("INVALID_ARGUMENT"));
    assert_eq!(api["details"], json!(true));
    // The SDK's message: the error body's JSON text.
    let message: serde_json::Value =
        serde_json::from_str(api["message"].as_str().unwrap()).unwrap();
    assert_eq!(message["error"]["code"], json!(400));
    assert!(api["rawBody"].as_str().unwrap().contains("API key"));
    assert!(!api["message"].as_str().unwrap().contains("wrong-key-xyz"));
    assert_eq!(out["input"]["name"], json!("GeminiError"));
    assert_eq!(out["input"]["code"], json!("INVALID_INPUT"));
    assert!(
        out["input"]["message"]
            .as_str()
            .unwrap()
            .contains("Unsupported part type: number")
    );
    assert_eq!(out["abort"], json!({"isDom": true, "name": "AbortError"}));
    assert_eq!(
        out["made"],
        json!({"name": "ApiError", "status": 418, "message": "m", "isError": true, "code": "API_ERROR"})
    );
}

#[wasm_bindgen_test]
async fn a_chat_works_from_js() {
    let out = json(&resolve(chat_in_js(&ai())).await.unwrap());
    assert_eq!(out["text"], json!("string"));
    assert!(out["chunks"].as_u64().unwrap() > 0);
    assert!(out["history"].as_u64().unwrap() >= 4);
    assert!(out["curated"].as_u64().unwrap() >= 2);
}
