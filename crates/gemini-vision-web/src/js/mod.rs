//! The `#[wasm_bindgen]` exports that make up the npm package's JS API.

mod client;
mod errors;
mod files;
mod parse;
mod render;
