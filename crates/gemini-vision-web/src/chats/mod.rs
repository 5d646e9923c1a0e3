//! `ai.chats`: `create({ model, config, history })` gives a `Chat` that keeps the
//! history (curated as the SDK curates it) and sends it with every message.

use crate::genai::ClientCore;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `ai.chats` of one client.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Chats {
    core: Rc<ClientCore>,
}

impl Chats {
    pub(crate) fn new(core: Rc<ClientCore>) -> Self {
        Chats { core }
    }
}
