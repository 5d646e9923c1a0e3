//! How `contents` (and a chat message, and a system instruction) become a list of
//! `Content`, as `@google/genai` decides it (`tContents`, `tContent`, `tParts`, `tPart`),
//! over a description of each item ([`Item`]) that a shell makes from the JS value.
//!
//! The SDK's rules: a list of Contents stays as it is; a list of parts (strings, part
//! objects) becomes one `user` turn; the two cannot be mixed; a function call or response
//! part must be inside a Content (its role matters). The errors carry the SDK's words.
//!
//! Ours on top (additive): a `Blob`/`File` is a part; an uploaded file's resource object
//! (`{ name: "files/..", uri, mimeType }`) is a part that refers to it
//! ([`part_source`]).

use crate::error::{Error, Result};

/// What one item is, as far as the rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `null` or `undefined`.
    Missing,
    /// A string.
    Text,
    /// An object with a `parts` list.
    Content,
    /// An object with a `functionCall` or `functionResponse` field.
    FunctionPart,
    /// Any other object (a part, a `Blob`, a file resource...).
    Part,
    /// A number, boolean, function...: its `typeof`.
    Other(&'static str),
}

/// What a list of `contents` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListForm {
    /// Contents, each kept as it is.
    Contents,
    /// Parts, all in one `user` turn.
    OneUserTurn,
}

/// What a single value given as `contents`, a message or a system instruction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleForm {
    /// A Content, kept as it is.
    Content,
    /// One part (a string becomes a text part), in a `user` turn.
    Part,
    /// A list of parts in a `user` turn; each item is judged by [`part_form`].
    Parts,
}

/// What one part is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartForm {
    /// A string: `{ text }`.
    Text,
    /// An object, kept as it is.
    Object,
}

/// The SDK's own check and words; `what` names the argument for readers of this file.
fn invalid(_what: &'static str, reason: &str) -> Error {
    Error::sdk_check(reason)
}

/// `tContents` for a list: Contents stay, parts become one `user` turn.
pub fn list_form(items: &[Item]) -> Result<ListForm> {
    let Some(first) = items.first() else {
        return Err(invalid("contents", "contents are required"));
    };
    let contents = *first == Item::Content;
    for item in items {
        if (*item == Item::Content) != contents {
            return Err(invalid(
                "contents",
                "Mixing Content and Parts is not supported, please group the parts into a \
                 the appropriate Content objects and specify the roles for them",
            ));
        }
        if *item == Item::FunctionPart {
            return Err(invalid(
                "contents",
                "To specify functionCall or functionResponse parts, please wrap them, and any \
                 other parts, in Content objects as appropriate, specifying the role for them",
            ));
        }
    }
    if contents {
        return Ok(ListForm::Contents);
    }
    for item in items {
        part_form(*item)?;
    }
    Ok(ListForm::OneUserTurn)
}

/// `tContents` for a value that is not a list.
pub fn single_contents_form(item: Item) -> Result<SingleForm> {
    match item {
        Item::Missing => Err(invalid("contents", "contents are required")),
        Item::FunctionPart => Err(invalid(
            "contents",
            "To specify functionCall or functionResponse parts, please wrap them in a Content \
             object, specifying the role for them",
        )),
        other => content_form(other, false),
    }
}

/// `tContent`: a chat message or a system instruction (`is_list` when the value is a
/// list, judged item by item with [`part_form`]; an empty list is refused).
pub fn content_form(item: Item, is_list: bool) -> Result<SingleForm> {
    match item {
        Item::Missing => Err(invalid("content", "ContentUnion is required")),
        _ if is_list => Ok(SingleForm::Parts),
        Item::Content => Ok(SingleForm::Content),
        other => part_form(other).map(|_| SingleForm::Part),
    }
}

/// `tParts` for a list (each item through [`part_form`] by the caller).
pub fn parts_list(len: usize) -> Result<()> {
    if len == 0 {
        Err(invalid("parts", "PartListUnion is required"))
    } else {
        Ok(())
    }
}

/// `tPart`: a string is a text part, an object is a part, anything else is refused.
pub fn part_form(item: Item) -> Result<PartForm> {
    match item {
        Item::Missing => Err(invalid("part", "PartUnion is required")),
        Item::Text => Ok(PartForm::Text),
        Item::Content | Item::FunctionPart | Item::Part => Ok(PartForm::Object),
        Item::Other(kind) => Err(Error::InvalidInput {
            what: "part",
            reason: format!("Unsupported part type: {kind}"),
        }),
    }
}

/// What a part object carries, as a shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartFacts {
    /// The part itself is a `Blob` (or `File`).
    pub is_blob: bool,
    /// `inlineData` is a `Blob`.
    pub inline_blob: bool,
    /// `inlineData.data` is a `Blob`.
    pub inline_data_blob: bool,
    /// `name` is a string starting with `files/`.
    pub files_name: bool,
    /// `uri` is a string.
    pub has_uri: bool,
    /// It has one of a part's data fields (`text`, `inlineData`, `fileData`,
    /// `functionCall`, `functionResponse`, `executableCode`, `codeExecutionResult`).
    pub has_part_data: bool,
}

/// Where a part's media comes from (ours: the SDK takes base64 strings and URIs only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartSource {
    /// A plain part, sent through its shape.
    Plain,
    /// The part is a `Blob`: a media part with no other field.
    Blob,
    /// `{ inlineData: Blob, ...fields }`: the Blob's type is its MIME type.
    InlineBlob,
    /// `{ inlineData: { data: Blob, mimeType? }, ...fields }`.
    InlineDataBlob,
    /// A File API resource (`files.upload`'s answer): `{ fileData: { fileUri: uri,
    /// mimeType } }`.
    FileResource,
}

/// Where a part's media comes from, from what it carries.
pub fn part_source(facts: PartFacts) -> PartSource {
    if facts.is_blob {
        PartSource::Blob
    } else if facts.inline_blob {
        PartSource::InlineBlob
    } else if facts.inline_data_blob {
        PartSource::InlineDataBlob
    } else if facts.files_name && facts.has_uri && !facts.has_part_data {
        PartSource::FileResource
    } else {
        PartSource::Plain
    }
}

/// The data fields of a part: an object with one of them is a part, not a file resource.
pub const PART_DATA_FIELDS: &[&str] = &[
    "text",
    "inlineData",
    "fileData",
    "functionCall",
    "functionResponse",
    "executableCode",
    "codeExecutionResult",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(error: Error) -> String {
        error.to_string()
    }

    #[test]
    fn a_list_of_parts_is_one_user_turn() {
        assert_eq!(
            list_form(&[Item::Part, Item::Text, Item::Part]).ok(),
            Some(ListForm::OneUserTurn)
        );
    }

    #[test]
    fn a_list_of_contents_stays_as_it_is() {
        assert_eq!(
            list_form(&[Item::Content, Item::Content]).ok(),
            Some(ListForm::Contents)
        );
    }

    #[test]
    fn contents_and_parts_cannot_be_mixed() {
        let error = list_form(&[Item::Content, Item::Text]).unwrap_err();
        assert!(reason(error).contains("Mixing Content and Parts is not supported"));
        let error = list_form(&[Item::Text, Item::Content]).unwrap_err();
        assert!(reason(error).contains("Mixing Content and Parts"));
    }

    #[test]
    fn function_parts_must_be_inside_a_content() {
        let error = list_form(&[Item::Text, Item::FunctionPart]).unwrap_err();
        assert!(reason(error).contains("please wrap them, and any other parts, in Content"));
        let error = single_contents_form(Item::FunctionPart).unwrap_err();
        assert!(reason(error).contains("please wrap them in a Content object"));
    }

    #[test]
    fn empty_or_missing_contents_are_refused() {
        assert!(reason(list_form(&[]).unwrap_err()).contains("contents are required"));
        let error = single_contents_form(Item::Missing).unwrap_err();
        assert!(reason(error).contains("contents are required"));
    }

    #[test]
    fn a_missing_item_in_a_list_of_parts_is_refused_after_the_mixing_check() {
        let error = list_form(&[Item::Missing, Item::Text]).unwrap_err();
        assert!(reason(error).contains("PartUnion is required"));
        let error = list_form(&[Item::Missing, Item::Content]).unwrap_err();
        assert!(reason(error).contains("Mixing"));
    }

    #[test]
    fn a_number_is_not_a_part() {
        let error = list_form(&[Item::Text, Item::Other("number")]).unwrap_err();
        assert!(reason(error).contains("Unsupported part type: number"));
        let error = single_contents_form(Item::Other("boolean")).unwrap_err();
        assert!(reason(error).contains("Unsupported part type: boolean"));
    }

    #[test]
    fn a_message_is_a_content_or_parts() {
        assert_eq!(content_form(Item::Text, false).ok(), Some(SingleForm::Part));
        assert_eq!(
            content_form(Item::Content, false).ok(),
            Some(SingleForm::Content)
        );
        assert_eq!(content_form(Item::Part, true).ok(), Some(SingleForm::Parts));
        let error = content_form(Item::Missing, false).unwrap_err();
        assert!(reason(error).contains("ContentUnion is required"));
        assert!(reason(parts_list(0).unwrap_err()).contains("PartListUnion is required"));
    }

    #[test]
    fn media_sources_are_told_apart() {
        let blob = PartFacts {
            is_blob: true,
            ..PartFacts::default()
        };
        assert_eq!(part_source(blob), PartSource::Blob);
        let inline = PartFacts {
            inline_blob: true,
            has_part_data: true,
            ..PartFacts::default()
        };
        assert_eq!(part_source(inline), PartSource::InlineBlob);
        let nested = PartFacts {
            inline_data_blob: true,
            has_part_data: true,
            ..PartFacts::default()
        };
        assert_eq!(part_source(nested), PartSource::InlineDataBlob);
    }

    #[test]
    fn a_file_resource_is_told_from_a_part_with_a_name() {
        let file = PartFacts {
            files_name: true,
            has_uri: true,
            ..PartFacts::default()
        };
        assert_eq!(part_source(file), PartSource::FileResource);
        let part = PartFacts {
            has_part_data: true,
            ..file
        };
        assert_eq!(part_source(part), PartSource::Plain);
        let no_uri = PartFacts {
            has_uri: false,
            ..file
        };
        assert_eq!(part_source(no_uri), PartSource::Plain);
    }
}
