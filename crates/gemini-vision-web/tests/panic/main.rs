//! After a panic, every call rejects (or throws) a clear `MODULE_FAILED` error instead of
//! hanging. In its own test binary: the panic marks this module failed for good.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export async function afterAPanic(ai, panic) {
  let trapped = false;
  try { panic(); } catch (e) { trapped = e instanceof WebAssembly.RuntimeError; }
  const out = { trapped };
  try {
    await Promise.race([
      ai.models.generateContent({ model: "gemini-2.5-flash", contents: "hi" }),
      new Promise((_, no) => setTimeout(() => no(new Error("hung")), 1000)),
    ]);
  } catch (e) { out.generate = `${e.name} ${e.code}`; }
  try { new ai.constructor({}); } catch (e) { out.construct = `${e.name} ${e.code}`; }
  try { ai.chats.create({ model: "m" }); } catch (e) { out.chat = `${e.name} ${e.code}`; }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = afterAPanic)]
    fn after_a_panic(ai: &JsValue, panic: &Function) -> Promise;
}

#[wasm_bindgen_test]
async fn a_panic_makes_every_later_call_reject_with_module_failed() {
    let ai: JsValue = support::genai(support::fake()).into();
    let panic = Closure::<dyn Fn()>::new(gemini_vision_web::panic_for_test);
    let panic: Function = panic.into_js_value().unchecked_into();
    let out = support::json(&support::resolve(after_a_panic(&ai, &panic)).await.unwrap());
    assert_eq!(
        out["generate"],
        serde_json::json!("GeminiError MODULE_FAILED"),
        "{out}"
    );
    assert_eq!(
        out["construct"],
        serde_json::json!("GeminiError MODULE_FAILED"),
        "{out}"
    );
    assert_eq!(
        out["chat"],
        serde_json::json!("GeminiError MODULE_FAILED"),
        "{out}"
    );
}
