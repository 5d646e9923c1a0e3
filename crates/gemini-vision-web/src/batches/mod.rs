//! `ai.batches`: Batch Mode (`create`, `get`, `list`, `cancel`, `delete`, `results`,
//! `wait`).

use crate::genai::ClientCore;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.batches` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Batches {
    core: Rc<ClientCore>,
}

impl Batches {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Batches { core }
    }
}
