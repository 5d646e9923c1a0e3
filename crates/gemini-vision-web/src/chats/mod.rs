//! `ai.chats`: `create({ model, config, history })` gives a `Chat` that keeps the history
//! (a deep copy of the one given, its roles checked), sends its curated turns with every
//! message, and records each exchange as the SDK does: the user's message, then the
//! model's content as it came (thought signatures and every other part field kept, so
//! they go back as the model gave them), or an empty model turn.
//!
//! Sends are serialised: a send waits until the previous one has its answer (for a
//! stream, until the API accepted it, as the SDK's does; its history is recorded when
//! the stream ends). Media the plan uploaded for a message is recorded as its file
//! reference, so the next message does not upload it again.
//!
//! What this module never does: hold the history's `RefCell` borrow across an `.await`,
//! or change the caller's objects (a changed turn is a copy).

mod history;

use crate::errors::{error_to_js, guard, promise};
use crate::genai::ClientCore;
use crate::models::{ChunkStream, StreamObserver, iterable, send_generate};
use crate::request::Place;
use crate::request::contents::as_content;
use crate::values::get;
use gemini_vision::sdk::names::model_name;
use gemini_vision::{Error, Result};
use history::{History, first_content, response_is_valid, with_part};
use js_sys::{Array, Function, Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

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

    /// A chat session (`chats.create({ model, config, history })`).
    pub fn create_chat(&self, params: &JsValue) -> Result<Chat> {
        if !params.is_object() {
            return Err(Error::invalid(
                "params",
                "expected an object { model, config, history }",
            ));
        }
        let history = History::from_given(&get(params, "history", "params")?)?;
        let config = get(params, "config", "params")?;
        Ok(Chat {
            state: Rc::new(ChatState {
                core: self.core.clone(),
                model: get(params, "model", "params")?.as_string(),
                config: if config.is_undefined() {
                    Object::new().into()
                } else {
                    config
                },
                history: RefCell::new(history),
                tail: RefCell::new(Promise::resolve(&JsValue::UNDEFINED)),
            }),
        })
    }
}

#[wasm_bindgen]
impl Chats {
    /// `create({ model, config, history })`: a `Chat`; throws for a history with a role
    /// other than `user` or `model`.
    #[wasm_bindgen(js_name = create)]
    pub fn js_create(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateChatParameters")] params: JsValue,
    ) -> std::result::Result<Chat, JsValue> {
        guard()?;
        self.create_chat(&params).map_err(|e| error_to_js(&e))
    }
}

/// A chat session.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Chat {
    state: Rc<ChatState>,
}

#[derive(Debug)]
struct ChatState {
    core: Rc<ClientCore>,
    model: Option<String>,
    config: JsValue,
    history: RefCell<History>,
    /// Settles when the last send started may let the next one go.
    tail: RefCell<Promise>,
}

/// A send's place in the queue: it may start once `previous` settles, and lets the next
/// one start with `open` (also when it is dropped unfinished).
struct Turn {
    previous: Promise,
    open: Option<Function>,
}

impl Turn {
    async fn wait(&self) {
        let _ = JsFuture::from(self.previous.clone()).await;
    }

    fn done(&mut self) {
        if let Some(open) = self.open.take() {
            let _ = open.call0(&JsValue::NULL);
        }
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.done();
    }
}

impl ChatState {
    /// Takes the next place in the queue (synchronously, so sends go in call order).
    fn turn(&self) -> Turn {
        let mut open = None;
        let gate = Promise::new(&mut |resolve, _reject| open = Some(resolve));
        let previous = self.tail.replace(gate);
        Turn { previous, open }
    }

    /// The request of one message: the model, the contents (curated history, then the
    /// message), the config, the message as recorded, and where the history's turns sit.
    fn request(&self, params: &JsValue) -> Result<Exchange> {
        if !params.is_object() {
            return Err(Error::invalid(
                "params",
                "expected an object { message, config }",
            ));
        }
        let model = self
            .model
            .as_deref()
            .ok_or_else(|| Error::invalid("model", "model is required and must be a string"))
            .and_then(model_name)?;
        let input = as_content(&get(params, "message", "params")?)?;
        let config = match get(params, "config", "params")? {
            given if given.is_undefined() || given.is_null() => self.config.clone(),
            given => given,
        };
        let history = self.history.borrow();
        let positions = history.curated_positions()?;
        let contents = Array::new();
        for entry in history.curated_entries()? {
            contents.push(&entry);
        }
        contents.push(&input);
        Ok(Exchange {
            model,
            contents: contents.into(),
            config,
            input,
            positions,
        })
    }

    /// Puts the file references of what the plan uploaded in place of the Blobs: in the
    /// history's turns now, in the message (returned) for when it is recorded.
    fn keep_uploads(&self, exchange: &Exchange, uploaded: &[(Place, Object)]) -> Result<JsValue> {
        let mut input = exchange.input.clone();
        let mut history = self.history.borrow_mut();
        for (place, part) in uploaded {
            let Some(content) = place.content else {
                continue;
            };
            match exchange.positions.get(content) {
                Some(position) => history.replace_part(*position, place.part, part)?,
                None => input = with_part(&input, place.part, part)?,
            }
        }
        Ok(input)
    }
}

/// What one message sends.
struct Exchange {
    model: String,
    contents: JsValue,
    config: JsValue,
    input: JsValue,
    positions: Vec<usize>,
}

impl Chat {
    /// `sendMessage({ message, config })`: the answer, once the previous send has its
    /// own; the exchange is then in the history.
    pub fn send_message(
        &self,
        params: JsValue,
    ) -> impl std::future::Future<Output = Result<JsValue>> + use<> {
        let state = self.state.clone();
        let mut turn = state.turn();
        async move {
            turn.wait().await;
            let result = send(&state, &params).await;
            turn.done();
            result
        }
    }

    /// `sendMessageStream({ message, config })`: once the API accepted the message, an
    /// async iterable of chunks; the exchange is recorded when the stream ends.
    pub fn send_message_stream(
        &self,
        params: JsValue,
    ) -> impl std::future::Future<Output = Result<JsValue>> + use<> {
        let state = self.state.clone();
        let mut turn = state.turn();
        async move {
            turn.wait().await;
            let sent = match state.request(&params) {
                Ok(exchange) => {
                    let (model, contents, config) =
                        (&exchange.model, &exchange.contents, &exchange.config);
                    send_generate(&state.core, model, contents, config, true)
                        .await
                        .map(|sent| (exchange, sent))
                }
                Err(error) => Err(error),
            };
            // As the SDK's: the next send may go once this one was accepted (or failed).
            turn.done();
            let (exchange, sent) = sent?;
            let input = state.keep_uploads(&exchange, &sent.uploaded)?;
            let recorder = Recorder {
                state: state.clone(),
                input: Some(input),
                outputs: Vec::new(),
                valid: true,
                finished: false,
            };
            Ok(iterable(ChunkStream::new(sent, Some(Box::new(recorder)))))
        }
    }

    /// `getHistory(curated)`: a deep copy of every turn, or of the curated ones.
    pub fn history(&self, curated: bool) -> Result<JsValue> {
        self.state.history.borrow().copy(curated)
    }
}

async fn send(state: &Rc<ChatState>, params: &JsValue) -> Result<JsValue> {
    let exchange = state.request(params)?;
    let sent = send_generate(
        &state.core,
        &exchange.model,
        &exchange.contents,
        &exchange.config,
        false,
    )
    .await?;
    let input = state.keep_uploads(&exchange, &sent.uploaded)?;
    let response = sent.response().await?;
    let outputs: Vec<JsValue> = first_content(&response)?.into_iter().collect();
    state.history.borrow_mut().record(input, outputs)?;
    Ok(response)
}

/// Records a streamed exchange when its stream ends: the model's contents if every chunk
/// was valid and the last said why it finished, else an empty model turn.
struct Recorder {
    state: Rc<ChatState>,
    input: Option<JsValue>,
    outputs: Vec<JsValue>,
    valid: bool,
    finished: bool,
}

impl StreamObserver for Recorder {
    fn chunk(&mut self, chunk: &JsValue) {
        match (response_is_valid(chunk), first_content(chunk)) {
            (Ok(true), Ok(Some(content))) => self.outputs.push(content),
            (Ok(true), _) => {}
            _ => self.valid = false,
        }
        let finish = get(chunk, "candidates", "response")
            .and_then(|candidates| get(&candidates, "0", "candidates"))
            .and_then(|first| get(&first, "finishReason", "candidate"));
        if finish.is_ok_and(|reason| !reason.is_undefined()) {
            self.finished = true;
        }
    }

    fn end(&mut self) {
        let outputs = if self.valid && self.finished {
            std::mem::take(&mut self.outputs)
        } else {
            Vec::new()
        };
        if let Some(input) = self.input.take() {
            let _ = self.state.history.borrow_mut().record(input, outputs);
        }
    }
}

#[wasm_bindgen]
impl Chat {
    /// `sendMessage({ message, config })`.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<GenerateContentResponse>")]
    pub fn js_send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendMessageParameters")] params: JsValue,
    ) -> Promise {
        promise(self.send_message(params))
    }

    /// `sendMessageStream({ message, config })`.
    #[wasm_bindgen(
        js_name = sendMessageStream,
        unchecked_return_type = "Promise<AsyncGenerator<GenerateContentResponse>>"
    )]
    pub fn js_send_message_stream(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SendMessageParameters")] params: JsValue,
    ) -> Promise {
        promise(self.send_message_stream(params))
    }

    /// `getHistory(curated?)`: every turn (default), or the curated ones.
    #[wasm_bindgen(js_name = getHistory, unchecked_return_type = "Content[]")]
    pub fn js_get_history(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean")] curated: Option<JsValue>,
    ) -> std::result::Result<JsValue, JsValue> {
        guard()?;
        let curated = curated.is_some_and(|c| c.is_truthy());
        self.history(curated).map_err(|e| error_to_js(&e))
    }
}
