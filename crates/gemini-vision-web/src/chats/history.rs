//! A chat's history as the SDK keeps it, with the core's rules
//! ([`gemini_vision::sdk::history`]) applied to the JS contents: roles checked when a
//! chat is created, the curated turns sent with each message, answers recorded as they
//! came (thought signatures and every other part field included), copies handed out.

use crate::values::{deep_copy, get, is_array, keys, list_items};
use gemini_vision::sdk::history::{
    PartPresence, RecordedOutput, Role, Turn, curated, is_valid_content, recorded_output,
    validate_roles,
};
use gemini_vision::{Error, Result};
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

/// The contents of one chat, oldest first.
#[derive(Debug, Default)]
pub(crate) struct History {
    entries: Vec<JsValue>,
}

impl History {
    /// A deep copy of `given` (`undefined` for none), its roles checked.
    pub(crate) fn from_given(given: &JsValue) -> Result<History> {
        if given.is_undefined() || given.is_null() {
            return Ok(History::default());
        }
        if !is_array(given) {
            return Err(Error::invalid("history", "expected a list of Contents"));
        }
        let copy = deep_copy(given, "history")?;
        let entries = list_items(&copy, "history")?;
        let roles: Vec<Option<String>> = entries.iter().map(role_text).collect::<Result<_>>()?;
        validate_roles(roles.iter().map(Option::as_deref))?;
        Ok(History { entries })
    }

    /// Where the curated turns sit among all of them.
    pub(crate) fn curated_positions(&self) -> Result<Vec<usize>> {
        let turns: Vec<Turn> = self.entries.iter().map(turn_of).collect::<Result<_>>()?;
        Ok(curated(&turns))
    }

    /// The curated turns (the same objects), to send with the next message.
    pub(crate) fn curated_entries(&self) -> Result<Vec<JsValue>> {
        Ok(self
            .curated_positions()?
            .into_iter()
            .map(|i| self.entries[i].clone())
            .collect())
    }

    /// A deep copy of the history, or of its curated turns.
    pub(crate) fn copy(&self, curated_only: bool) -> Result<JsValue> {
        let list = Array::new();
        let entries = if curated_only {
            self.curated_entries()?
        } else {
            self.entries.clone()
        };
        for entry in &entries {
            list.push(entry);
        }
        deep_copy(&list, "history")
    }

    /// Records one exchange: the user's `input`, then the model's contents (or one empty
    /// model turn when they are none, or lack a role).
    pub(crate) fn record(&mut self, input: JsValue, outputs: Vec<JsValue>) -> Result<()> {
        let has_role: Vec<bool> = outputs
            .iter()
            .map(|content| Ok(!get(content, "role", "content")?.is_undefined()))
            .collect::<Result<_>>()?;
        self.entries.push(input);
        match recorded_output(&has_role) {
            RecordedOutput::Answer => self.entries.extend(outputs),
            RecordedOutput::EmptyModelTurn => {
                let empty = Object::new();
                crate::values::set(&empty, "role", &JsValue::from_str("model"));
                crate::values::set(&empty, "parts", &Array::new());
                self.entries.push(empty.into());
            }
        }
        Ok(())
    }

    /// Replaces part `part` of entry `position` (a Blob the plan uploaded becomes its
    /// file reference, so that it is not uploaded again with the next message). The
    /// entry becomes a copy: the objects it was made of are not changed.
    pub(crate) fn replace_part(
        &mut self,
        position: usize,
        part: usize,
        with: &JsValue,
    ) -> Result<()> {
        if let Some(entry) = self.entries.get_mut(position) {
            *entry = with_part(entry, part, with)?;
        }
        Ok(())
    }
}

/// A copy of `content` with part `index` replaced by `part`.
pub(crate) fn with_part(content: &JsValue, index: usize, part: &JsValue) -> Result<JsValue> {
    let copy = Object::new();
    for key in keys(content, "content")? {
        crate::values::set(&copy, &key, &get(content, &key, "content")?);
    }
    let parts = get(content, "parts", "content")?;
    if is_array(&parts) {
        let list = Array::new();
        for (i, item) in list_items(&parts, "parts")?.into_iter().enumerate() {
            list.push(if i == index { part } else { &item });
        }
        crate::values::set(&copy, "parts", &list);
    }
    Ok(copy.into())
}

/// A content's role as JS would print it (`None` when it has none).
fn role_text(content: &JsValue) -> Result<Option<String>> {
    let role = get(content, "role", "content")?;
    if role.is_undefined() {
        return Ok(None);
    }
    Ok(Some(crate::values::js_text(&role)))
}

fn turn_of(content: &JsValue) -> Result<Turn> {
    let role = get(content, "role", "content")?.as_string();
    Ok(Turn {
        role: Role::of(role.as_deref()),
        valid: content_is_valid(content)?,
    })
}

/// `isValidContent`: parts, none missing or empty.
pub(crate) fn content_is_valid(content: &JsValue) -> Result<bool> {
    let parts = get(content, "parts", "content")?;
    if !is_array(&parts) {
        return Ok(is_valid_content(None));
    }
    let presence: Vec<PartPresence> = list_items(&parts, "parts")?
        .iter()
        .map(|part| {
            Ok(if part.is_undefined() {
                PartPresence::Missing
            } else if part.is_object() && keys(part, "part")?.is_empty() {
                PartPresence::Empty
            } else {
                PartPresence::Filled
            })
        })
        .collect::<Result<_>>()?;
    Ok(is_valid_content(Some(&presence)))
}

/// `isValidResponse`: a first candidate whose content is valid.
pub(crate) fn response_is_valid(response: &JsValue) -> Result<bool> {
    Ok(match first_content(response)? {
        Some(content) => content_is_valid(&content)?,
        None => false,
    })
}

/// `response.candidates[0].content`, if any.
pub(crate) fn first_content(response: &JsValue) -> Result<Option<JsValue>> {
    let candidates = get(response, "candidates", "response")?;
    if !is_array(&candidates) {
        return Ok(None);
    }
    let first = get(&candidates, "0", "candidates")?;
    let content = get(&first, "content", "candidate")?;
    Ok((!content.is_undefined()).then_some(content))
}
