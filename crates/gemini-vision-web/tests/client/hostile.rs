//! Any JS value given to any method gives our error class, promptly: never a panic, a
//! hang, or a bare `TypeError`.

use crate::support::{self, fake, genai, resolve};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
function hostileValues() {
  const throwing = {};
  Object.defineProperty(throwing, "model", { enumerable: true, get() { throw new Error("boom"); } });
  Object.defineProperty(throwing, "contents", { enumerable: true, get() { throw new Error("boom"); } });
  const trap = () => { throw new Error("trap"); };
  const proxy = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap,
    getOwnPropertyDescriptor: trap });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  const cyclic = { text: "loop" };
  cyclic.self = cyclic;
  const list = new Proxy([1, 2], { get(target, key) { if (key === "length") return 2; throw new Error("item"); } });
  return [
    ["undefined", undefined], ["null", null], ["number", 42], ["NaN", NaN], ["string", "x"],
    ["bigint", 10n], ["symbol", Symbol("s")], ["function", () => 1], ["array", [1, 2]],
    ["throwing getters", throwing], ["proxy", proxy], ["revoked proxy", revoked],
    ["contents proxy", { model: "gemini-2.5-flash", contents: proxy }],
    ["contents list proxy", { model: "gemini-2.5-flash", contents: list }],
    ["config proxy", { model: "gemini-2.5-flash", contents: "hi", config: proxy }],
    ["cyclic part", { model: "gemini-2.5-flash", contents: [cyclic] }],
    ["bigint config", { model: "gemini-2.5-flash", contents: "hi", config: { seed: 1n } }],
    ["number contents", { model: "gemini-2.5-flash", contents: [42] }],
    ["null part", { model: "gemini-2.5-flash", contents: [null] }],
    ["empty contents", { model: "gemini-2.5-flash", contents: [] }],
    ["no model", { contents: "hi" }],
    ["hostile model", { model: "../files/x", contents: "hi" }],
    ["signal not a signal", { model: "gemini-2.5-flash", contents: "hi", config: { abortSignal: "no" } }],
    // Passes instanceof AbortSignal; every getter of it throws "Illegal invocation".
    ["signal made from its prototype", { model: "gemini-2.5-flash", contents: "hi",
      message: "hi", config: { abortSignal: Object.create(AbortSignal.prototype) } }],
    ["headers not strings", { model: "gemini-2.5-flash", contents: "hi", config: { httpOptions: { headers: { a: 1 } } } }],
    ["cyclic schema", (() => { const s = { type: "object", properties: {} }; s.properties.self = s;
      return { model: "gemini-2.5-flash", contents: "hi", config: { responseSchema: s } }; })()],
    ["tools not a list", { model: "gemini-2.5-flash", contents: "hi", config: { tools: {} } }],
    ["history not a list", { model: "gemini-2.5-flash", history: 5 }],
    ["history with a function", { model: "gemini-2.5-flash", history: [{ role: "user", parts: [{ text: () => 1 }] }] }],
  ];
}

const ourError = (e) => e instanceof Error && (e.name === "GeminiError" || e.name === "ApiError") &&
  typeof e.code === "string";

// How a promise (or thenable) settled within `ms`: { ok }, { error } or { hang }.
const settled = (promise, ms) => Promise.race([
  promise.then(() => ({ ok: true }), (error) => ({ error })),
  new Promise((r) => setTimeout(() => r({ hang: true }), ms)),
]);

// Calls `call(value)` for every hostile value; what went wrong, or [] when every call
// threw or rejected our error within a second.
export async function tryEverything(label, call) {
  const problems = [];
  for (const [name, value] of hostileValues()) {
    let outcome;
    try {
      const result = call(value);
      outcome = result instanceof Promise || (result && typeof result.then === "function")
        ? await settled(result, 1000)
        : { ok: true };
    } catch (error) {
      outcome = { error };
    }
    if (outcome.hang) problems.push(`${label}(${name}): no answer within a second`);
    else if (outcome.error && !ourError(outcome.error)) {
      problems.push(`${label}(${name}): ${outcome.error && outcome.error.name}: ${outcome.error && outcome.error.message}`);
    }
  }
  return problems;
}

export function methods(ai) {
  return {
    generateContent: (v) => ai.models.generateContent(v),
    generateContentStream: (v) => ai.models.generateContentStream(v),
    countTokens: (v) => ai.models.countTokens(v),
    get: (v) => ai.models.get(v),
    list: (v) => ai.models.list(v),
    preview: (v) => ai.models.preview(v),
    "chats.create": (v) => ai.chats.create(v),
    sendMessage: (v) => ai.chats.create({ model: "gemini-2.5-flash" }).sendMessage(v),
    sendMessageStream: (v) => ai.chats.create({ model: "gemini-2.5-flash" }).sendMessageStream(v),
    getHistory: (v) => ai.chats.create({ model: "gemini-2.5-flash" }).getHistory(v),
    "new GoogleGenAI": (v) => new ai.constructor(v),
    "files.upload": (v) => ai.files.upload(v),
    "files.list": (v) => ai.files.list(v),
    "files.get": (v) => ai.files.get(v),
    "caches.list": (v) => ai.caches.list(v),
    "caches.create": (v) => ai.caches.create(v),
    "batches.list": (v) => ai.batches.list(v),
    "batches.create": (v) => ai.batches.create(v),
  };
}

export async function tryEveryMethod(ai) {
  const problems = [];
  for (const [label, call] of Object.entries(methods(ai))) {
    problems.push(...await tryEverything(label, call));
  }
  return problems;
}

// What a page's own `fetch` wrapper (a mock, an instrumentation) may do instead of
// fetching: reject or throw with values that are not plain errors, or return something
// that is not a promise of a Response.
function oddFetches() {
  const errorWith = (fields) => Object.assign(new Error("x"), fields);
  class NameThrows extends Error { get name() { throw new Error("getter"); } }
  return [
    ["rejects with an Error whose name is a number", () => Promise.reject(errorWith({ name: 5 }))],
    ["rejects with an Error whose message is an object", () => Promise.reject(errorWith({ message: {} }))],
    ["rejects with an Error whose name getter throws", () => Promise.reject(new NameThrows("x"))],
    ["throws an Error whose name is a number", () => { throw errorWith({ name: 5 }); }],
    ["rejects with a Symbol", () => Promise.reject(Symbol("s"))],
    ["rejects with a BigInt", () => Promise.reject(10n)],
    ["returns undefined", () => undefined],
    ["returns a thenable whose then is not a function", () => ({ then: 5 })],
    ["resolves with a plain object", () => Promise.resolve({ ok: true, status: 200 })],
  ];
}

const geminiError = (e) => e instanceof Error && e.name === "GeminiError" && typeof e.code === "string";

// For each odd fetch: generateContent must reject with our error within a second. What
// went wrong, and how many calls each odd fetch saw (each must have been called).
export async function tryOddFetches(ai) {
  const real = globalThis.fetch;
  const problems = [];
  const calls = [];
  try {
    for (const [name, odd] of oddFetches()) {
      let count = 0;
      globalThis.fetch = (...args) => { count += 1; return odd(...args); };
      const outcome = await settled(ai.models.generateContent({ model: "gemini-2.5-flash",
        contents: "hi", config: { httpOptions: { retryOptions: { attempts: 1 } } } }), 1000);
      calls.push(count);
      if (outcome.hang) problems.push(`${name}: no answer within a second`);
      else if (outcome.ok) problems.push(`${name}: resolved`);
      else if (!geminiError(outcome.error)) {
        problems.push(`${name}: ${outcome.error && outcome.error.name}: ${outcome.error && outcome.error.message}`);
      }
    }
  } finally {
    globalThis.fetch = real;
  }
  return { problems, calls };
}

// Blob and File subclasses whose getters and methods say anything, or throw.
function oddBlobs() {
  const text = ["hello"];
  return [
    ["type is a number", new (class extends Blob { get type() { return 5; } })(text, { type: "text/plain" })],
    ["type throws", new (class extends Blob { get type() { throw new Error("t"); } })(text, { type: "text/plain" })],
    ["name is a number", new (class extends File { get name() { return 5; } })(text, "a.txt", { type: "text/plain" })],
    ["lastModified throws", new (class extends File { get lastModified() { throw new Error("m"); } })(text, "a.txt", { type: "text/plain" })],
    ["size is negative", new (class extends Blob { get size() { return -5; } })(text, { type: "text/plain" })],
    ["slice gives a number", new (class extends Blob { slice() { return 5; } })(text, { type: "text/plain" })],
    ["slice throws", new (class extends Blob { slice() { throw new Error("s"); } })(text, { type: "text/plain" })],
    ["arrayBuffer gives a number", new (class extends Blob { arrayBuffer() { return 5; } })(text, { type: "text/plain" })],
    ["a Proxy of a Blob", new Proxy(new Blob(text, { type: "text/plain" }), {})],
  ];
}


// Uploads each odd Blob and sends it inline; what went wrong (a hang, a page error, an
// error not ours), and how many calls resolved.
export async function tryOddBlobs(ai) {
  const problems = [];
  let resolved = 0;
  const pageErrors = [];
  const onError = (event) => pageErrors.push(String(event.reason ?? event.error ?? event.message));
  globalThis.addEventListener("unhandledrejection", onError);
  globalThis.addEventListener("error", onError);
  try {
    for (const [name, blob] of oddBlobs()) {
      const calls = {
        upload: () => ai.files.upload({ file: blob, config: { mimeType: "text/plain" } }),
        inline: () => ai.models.generateContent({ model: "gemini-2.5-flash", contents: [blob, "hi"] }),
      };
      for (const [how, call] of Object.entries(calls)) {
        let outcome;
        try {
          outcome = await settled(call(), 2000);
        } catch (error) {
          outcome = { error };
        }
        if (outcome.hang) problems.push(`${how}(${name}): no answer within two seconds`);
        else if (outcome.ok) resolved += 1;
        else if (!ourError(outcome.error)) {
          problems.push(`${how}(${name}): ${outcome.error && outcome.error.name}: ${outcome.error && outcome.error.message}`);
        }
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    globalThis.removeEventListener("unhandledrejection", onError);
    globalThis.removeEventListener("error", onError);
  }
  problems.push(...pageErrors.map((e) => `page error: ${e}`));
  return { problems, resolved };
}

// A response schema whose every level uses the one below twice: 2^(levels + 1) - 1
// schemas written out, from levels + 1 objects.
export function sharedSchema(levels) {
  let schema = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema, b: schema } };
  return { model: "gemini-2.5-flash", contents: "hi", config: { responseSchema: schema } };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = tryEveryMethod)]
    fn try_every_method(ai: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = tryOddFetches)]
    fn try_odd_fetches(ai: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = tryOddBlobs)]
    fn try_odd_blobs(ai: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = sharedSchema)]
    fn shared_schema(levels: u32) -> JsValue;
}

#[wasm_bindgen_test]
async fn every_method_answers_any_value_with_our_error_within_a_second() {
    let ai: JsValue = genai(fake()).into();
    let problems = resolve(try_every_method(&ai)).await.unwrap();
    let problems: Vec<String> = js_sys::Array::from(&problems)
        .iter()
        .filter_map(|p| p.as_string())
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    a_new_client_still_answers().await;
}

/// A new client still answers a plain request.
async fn a_new_client_still_answers() {
    let params = support::js(&serde_json::json!({"model": "gemini-2.5-flash", "contents": "hi"}));
    assert!(
        genai(fake())
            .models()
            .generate_content(&params)
            .await
            .is_ok()
    );
}

/// `outcome[name]`, a list of strings.
fn texts(outcome: &JsValue, name: &str) -> Vec<String> {
    let list = js_sys::Reflect::get(outcome, &name.into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|p| p.as_string())
        .collect()
}

/// A page's `fetch` wrapper that rejects with odd values or answers with no promise of a
/// Response: every call rejects with our error, promptly. (js-sys's typed getters of an
/// error's name and message threw through the module on a non-string, and awaiting a
/// non-promise threw too: the call never settled.)
#[wasm_bindgen_test]
async fn a_fetch_wrapper_that_misbehaves_gives_our_error() {
    let ai: JsValue = genai(fake()).into();
    let outcome = resolve(try_odd_fetches(&ai)).await.unwrap();
    let problems = texts(&outcome, "problems");
    let calls: Vec<f64> =
        js_sys::Array::from(&js_sys::Reflect::get(&outcome, &"calls".into()).unwrap())
            .iter()
            .filter_map(|c| c.as_f64())
            .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(calls, vec![1.0; 9], "each odd fetch was called once");
    // The real fetch is back.
    a_new_client_still_answers().await;
}

/// `Blob` and `File` subclasses that override `type`, `name`, `size`, `slice` or
/// `arrayBuffer` to say anything or throw, and a Proxy of a Blob: uploaded and sent
/// inline, each call settles with our error or the Blob's own bytes. (A number for
/// `type` or `name` was read out of bounds inside the module, and a throw left the call
/// unsettled.)
#[wasm_bindgen_test]
async fn blob_subclasses_that_lie_are_read_as_blobs() {
    let ai: JsValue = genai(fake()).into();
    let outcome = resolve(try_odd_blobs(&ai)).await.unwrap();
    let problems = texts(&outcome, "problems");
    assert!(problems.is_empty(), "{problems:#?}");
    // Every subclass is a Blob inside: read with Blob's own accessors, all but the Proxy
    // (which the browser cannot read as one) upload and answer.
    let resolved = js_sys::Reflect::get(&outcome, &"resolved".into()).unwrap();
    assert_eq!(resolved.as_f64(), Some(16.0));
}

/// A schema that shares its sub-schemas at every level is exponentially long written
/// out (20 levels are two million schemas): past 10,000 schemas it is refused before
/// anything is sent, and one just under the bound still goes.
#[wasm_bindgen_test]
async fn a_schema_too_long_written_out_is_refused() {
    let models = genai(fake()).models();
    // 2^14 - 1 = 16,383 schemas.
    let error = models
        .generate_content(&shared_schema(13))
        .await
        .expect_err("16,383 schemas written out");
    let message = error.to_string();
    assert!(
        message.contains("more than 10000 schemas written out"),
        "{message}"
    );
    // 2^13 - 1 = 8,191 schemas: sent (what the server makes of it is its own affair).
    if let Err(error) = models.generate_content(&shared_schema(12)).await {
        assert!(
            !error.to_string().contains("schemas written out"),
            "{error}"
        );
    }
}
