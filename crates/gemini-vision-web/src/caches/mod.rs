//! `ai.caches`: context caches (`create`, `get`, `list`, `update`, `delete`).

use crate::genai::ClientCore;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.caches` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Caches {
    core: Rc<ClientCore>,
}

impl Caches {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Caches { core }
    }
}
