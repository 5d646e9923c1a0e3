//! The `#[wasm_bindgen]` exports of detections and overlays (`parseDetections`,
//! `OverlayRenderer`, `labelColor`), and the benchmark hook with the `bench` feature.

#[cfg(feature = "bench")]
mod bench;
mod detection;
mod parse;
mod render;

pub use detection::detection_schema_js;
pub use parse::parse_detections_js;
pub use render::JsOverlayRenderer;

use gemini_vision::{Error, Result};
use wasm_bindgen::JsValue;

/// A function's string argument `name` (`what` it should be, for the message), or an
/// `INVALID_INPUT` error naming what came instead. Exported functions take strings as
/// any value and check them so: wasm-bindgen's own conversion of a non-string into a
/// `&str` reads out of bounds and traps the module.
fn string_argument(value: &JsValue, name: &'static str, what: &str) -> Result<String> {
    value.as_string().ok_or_else(|| {
        Error::invalid(
            name,
            format!("expected a string, {what}; got {}", described(value)),
        )
    })
}

/// How a value is named in an error: `null`, an array, or its `typeof`.
fn described(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if crate::values::is_array(value) {
        "an array".to_owned()
    } else {
        format!("a value of type {}", crate::values::type_of(value))
    }
}
