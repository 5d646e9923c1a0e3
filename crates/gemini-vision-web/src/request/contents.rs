//! `contents`, a chat message and a system instruction as the SDK normalises them
//! (`tContents`, `tContent`, `tParts`: the core's [`gemini_vision::sdk::contents`]
//! rules), each part in the SDK's field order, and our media parts (a `Blob`, `{
//! inlineData: Blob }`, `{ inlineData: { data: Blob, mimeType? } }`) set aside as
//! [`MediaSlot`]s for the plan, with their sibling fields kept.
//!
//! What this module never does: read a Blob's bytes, or change the caller's objects.

use super::media::{MediaSlot, Place};
use crate::shape::{is_missing, reshape};
use crate::values::{get, is_array, keys, list_items, object_of, set, type_of};
use gemini_vision::Result;
use gemini_vision::sdk::contents::{
    Item, ListForm, PART_DATA_FIELDS, PartFacts, PartForm, PartSource, SingleForm, content_form,
    list_form, part_form, part_source, parts_list, single_contents_form,
};
use gemini_vision::sdk::shape::{Shape, fields};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

/// What one value is, for the core's rules.
fn item_of(value: &JsValue) -> Item {
    if is_missing(value) {
        return Item::Missing;
    }
    if value.is_string() {
        return Item::Text;
    }
    if !value.is_object() {
        return Item::Other(static_type(value));
    }
    if value.is_instance_of::<Blob>() {
        return Item::Part;
    }
    let has = |key: &str| Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false);
    let parts = get(value, "parts", "content").unwrap_or(JsValue::UNDEFINED);
    if has("parts") && is_array(&parts) {
        Item::Content
    } else if has("functionCall") || has("functionResponse") {
        Item::FunctionPart
    } else {
        Item::Part
    }
}

/// `typeof value` for the kinds a part cannot be.
fn static_type(value: &JsValue) -> &'static str {
    match type_of(value).as_str() {
        "number" => "number",
        "boolean" => "boolean",
        "bigint" => "bigint",
        "symbol" => "symbol",
        "function" => "function",
        _ => "undefined",
    }
}

/// `contents` as a list of Contents (`tContents`); media parts go to `media`.
pub(crate) fn contents(value: &JsValue, media: &mut Vec<MediaSlot>) -> Result<Array> {
    let out = Array::new();
    if !is_array(value) {
        match single_contents_form(item_of(value))? {
            SingleForm::Content => {
                out.push(&content_object(value, media, 0)?.into());
            }
            SingleForm::Part | SingleForm::Parts => {
                out.push(&user_turn(std::slice::from_ref(value), media, Place::content(0))?.into());
            }
        }
        return Ok(out);
    }
    let items = list_items(value, "contents")?;
    let kinds: Vec<Item> = items.iter().map(item_of).collect();
    match list_form(&kinds)? {
        ListForm::Contents => {
            for (i, item) in items.iter().enumerate() {
                out.push(&content_object(item, media, i)?.into());
            }
        }
        ListForm::OneUserTurn => {
            out.push(&user_turn(&items, media, Place::content(0))?.into());
        }
    }
    Ok(out)
}

/// A chat message or a system instruction as one Content (`tContent`), at `place`.
pub(crate) fn content(value: &JsValue, media: &mut Vec<MediaSlot>, place: Place) -> Result<Object> {
    let list = is_array(value);
    match content_form(item_of(value), list)? {
        SingleForm::Content => content_at(value, media, place),
        SingleForm::Part => user_turn(std::slice::from_ref(value), media, place),
        SingleForm::Parts => {
            let items = list_items(value, "parts")?;
            parts_list(items.len())?;
            for item in &items {
                part_form(item_of(item))?;
            }
            user_turn(&items, media, place)
        }
    }
}

/// `{ parts: [...], role: "user" }` from part values.
fn user_turn(items: &[JsValue], media: &mut Vec<MediaSlot>, place: Place) -> Result<Object> {
    let parts = Array::new();
    for (i, item) in items.iter().enumerate() {
        part(item, &parts, media, place.part(i))?;
    }
    Ok(object_of(&[
        ("parts", &parts),
        ("role", &JsValue::from_str("user")),
    ]))
}

/// Content `index` of a `contents` list, as given.
fn content_object(value: &JsValue, media: &mut Vec<MediaSlot>, index: usize) -> Result<Object> {
    content_at(value, media, Place::content(index))
}

/// A Content object in the SDK's field order (`parts`, `role`, then the rest).
fn content_at(value: &JsValue, media: &mut Vec<MediaSlot>, place: Place) -> Result<Object> {
    let out = Object::new();
    let parts = get(value, "parts", "content")?;
    if is_array(&parts) {
        let list = Array::new();
        for (i, item) in list_items(&parts, "parts")?.iter().enumerate() {
            part(item, &list, media, place.part(i))?;
        }
        set(&out, "parts", &list);
    }
    let role = get(value, "role", "content")?;
    if !is_missing(&role) {
        set(&out, "role", &role);
    }
    let known: Vec<&str> = fields(Shape::Content).iter().map(|f| f.from).collect();
    for key in keys(value, "content")? {
        if !known.contains(&key.as_str()) {
            set(&out, &key, &get(value, &key, "content")?);
        }
    }
    Ok(out)
}

/// Appends part `value` to `parts`: a text part, a part in the SDK's field order, a
/// reference to an uploaded file, or (for media) a slot the plan fills in later.
fn part(value: &JsValue, parts: &Array, media: &mut Vec<MediaSlot>, place: Place) -> Result<()> {
    if part_form(item_of(value))? == PartForm::Text {
        parts.push(&object_of(&[("text", value)]));
        return Ok(());
    }
    let inline = get(value, "inlineData", "part")?;
    let inline_data = get(&inline, "data", "inlineData")?;
    let name = get(value, "name", "part")?.as_string().unwrap_or_default();
    let mut has_part_data = false;
    for key in PART_DATA_FIELDS {
        has_part_data |= !get(value, key, "part")?.is_undefined();
    }
    let facts = PartFacts {
        is_blob: value.is_instance_of::<Blob>(),
        inline_blob: inline.is_instance_of::<Blob>(),
        inline_data_blob: inline_data.is_instance_of::<Blob>(),
        files_name: name.starts_with("files/"),
        has_uri: get(value, "uri", "part")?.is_string(),
        has_part_data,
    };
    let (blob, declared) = match part_source(facts) {
        PartSource::Plain => {
            parts.push(&reshape(value, Shape::Part)?.into());
            return Ok(());
        }
        PartSource::FileResource => {
            parts.push(&file_reference(value)?.into());
            return Ok(());
        }
        PartSource::Blob => (value.clone(), None),
        PartSource::InlineBlob => (inline, None),
        PartSource::InlineDataBlob => (
            inline_data,
            get(&inline, "mimeType", "inlineData")?.as_string(),
        ),
    };
    media.push(MediaSlot {
        blob: blob.unchecked_into(),
        declared_mime: declared,
        source: value.clone(),
        parts: parts.clone(),
        index: parts.length(),
        place,
    });
    parts.push(&JsValue::NULL);
    Ok(())
}

/// An uploaded file's resource object (`files.upload`'s answer) as the part that
/// refers to it.
fn file_reference(file: &JsValue) -> Result<Object> {
    let data = object_of(&[("fileUri", &get(file, "uri", "file")?)]);
    let mime = get(file, "mimeType", "file")?;
    if mime.is_string() {
        set(&data, "mimeType", &mime);
    }
    Ok(object_of(&[("fileData", &data)]))
}

/// A chat message as the Content the SDK records in its history (`tContent`): a Content
/// as it is, anything else as `{ role: "user", parts }` with strings made text parts and
/// other parts as given (media included, so that an inline image stays a Blob there).
pub(crate) fn as_content(value: &JsValue) -> Result<JsValue> {
    let list = is_array(value);
    let items = match content_form(item_of(value), list)? {
        SingleForm::Content => return Ok(value.clone()),
        SingleForm::Part => vec![value.clone()],
        SingleForm::Parts => {
            let items = list_items(value, "message")?;
            parts_list(items.len())?;
            items
        }
    };
    let parts = Array::new();
    for item in &items {
        match part_form(item_of(item))? {
            PartForm::Text => parts.push(&object_of(&[("text", item)])),
            PartForm::Object => parts.push(item),
        };
    }
    Ok(object_of(&[("role", &JsValue::from_str("user")), ("parts", &parts)]).into())
}
