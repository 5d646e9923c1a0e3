//! The `#[wasm_bindgen]` exports that make up the npm package's JS API.

mod client;
mod detection;
mod errors;
mod files;
mod options;
mod parse;
mod render;
mod thrown;
