//! `ai.models`: `generateContent`, `generateContentStream`, `countTokens`, `get`, `list`
//! (and our `preview`), with the SDK's argument objects and results.

use crate::genai::ClientCore;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.models` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Models {
    core: Rc<ClientCore>,
}

impl Models {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Models { core }
    }
}
