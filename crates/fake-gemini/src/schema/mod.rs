//! The request schema of the Gemini API, in one place, and the check every body goes
//! through before a handler reads it.
//!
//! The tables ([`content`], [`tools`], [`config`], [`resources`]) list every field the API knows
//! per message type, by its proto name, with its JSON kind; the walker ([`walk`]) reads
//! a body against them the way Google's JSON-to-proto front end does: both casings
//! (`generationConfig` and `generation_config`), numbers as numbers or strings,
//! case-insensitive enum names, one object where a list is expected, and the API's own
//! error sentences for unknown names, wrong kinds, bad enum values and oneofs set twice.
//! What passes comes back normalised (camelCase keys, numbers as numbers, lists as
//! lists, nulls dropped), so handlers parse one shape.
//!
//! This module decides nothing about meaning (roles, empty contents, caches...): that
//! is `rules`. It must never accept a field the table does not list unless the server
//! runs with `--accept-unknown-fields`.

pub mod config;
pub mod content;
pub mod ordered;
pub mod resources;
pub mod tools;
pub mod walk;

pub use ordered::{Json, parse};
pub use walk::{Violation, check, check_at, refusal};

/// The package every message and enum type URL names.
pub const PACKAGE: &str = "google.ai.generativelanguage.v1beta";

/// What a field holds on the wire.
#[derive(Debug)]
pub enum Kind {
    /// `string`.
    String,
    /// `bytes`: base64, standard or URL-safe, padded or not.
    Bytes,
    /// `bool`.
    Bool,
    /// `int32`: a number or a numeric string.
    Int32,
    /// `int64`: a number or a numeric string.
    Int64,
    /// `float`: a number or a numeric string.
    Float,
    /// `double`: a number or a numeric string.
    Double,
    /// An enum, by name (any case) or number.
    Enum(&'static EnumType),
    /// A nested message.
    Message(&'static MessageType),
    /// `google.protobuf.Struct`: any JSON object.
    Struct,
    /// `google.protobuf.Value`: any JSON value.
    Value,
    /// `google.protobuf.Duration`: `"3.5s"`.
    Duration,
    /// `google.protobuf.Timestamp`: RFC 3339.
    Timestamp,
    /// `map<string, V>`: a JSON object whose values are of the given kind.
    Map(&'static Kind),
}

/// One field of a message.
#[derive(Debug)]
pub struct Field {
    /// The proto name (snake_case); the camelCase JSON name is derived from it.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// A list.
    pub repeated: bool,
    /// The oneof group it belongs to, if any.
    pub oneof: Option<&'static str>,
}

/// A message type.
#[derive(Debug)]
pub struct MessageType {
    /// The name inside [`PACKAGE`] (`Content`, `GenerationConfig`, ...).
    pub name: &'static str,
    /// Every field the API knows.
    pub fields: &'static [Field],
    /// Accepted whole without looking inside: messages the emulator never reads and
    /// whose inner fields the public clients do not document (auth configs, voice
    /// cloning consent). Kept to a handful, each named in the tables.
    pub opaque: bool,
}

/// An enum type.
#[derive(Debug)]
pub struct EnumType {
    /// The name inside [`PACKAGE`] (`HarmCategory`, `FunctionCallingConfig.Mode`, ...).
    pub name: &'static str,
    /// The value names, in number order from 0.
    pub values: &'static [&'static str],
}

/// A singular field.
pub const fn one(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        repeated: false,
        oneof: None,
    }
}

/// A repeated field.
pub const fn many(name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        repeated: true,
        oneof: None,
    }
}

/// A member of a oneof group.
pub const fn either(group: &'static str, name: &'static str, kind: Kind) -> Field {
    Field {
        name,
        kind,
        repeated: false,
        oneof: Some(group),
    }
}

/// A message type whose fields are checked.
pub const fn message(name: &'static str, fields: &'static [Field]) -> MessageType {
    MessageType {
        name,
        fields,
        opaque: false,
    }
}

/// A message type accepted whole (see [`MessageType::opaque`]).
pub const fn opaque(name: &'static str) -> MessageType {
    MessageType {
        name,
        fields: &[],
        opaque: true,
    }
}

/// Whether a JSON key names the field with proto name `snake`: the proto name itself or
/// its lowerCamelCase JSON name.
pub fn names(key: &str, snake: &str) -> bool {
    if key == snake {
        return true;
    }
    let mut expected = snake.chars().peekable();
    let mut got = key.chars();
    while let Some(c) = expected.next() {
        let want = if c == '_' {
            match expected.next() {
                Some(next) => next.to_ascii_uppercase(),
                None => return false,
            }
        } else {
            c
        };
        if got.next() != Some(want) {
            return false;
        }
    }
    got.next().is_none()
}

/// The lowerCamelCase JSON name of a proto field name.
pub fn json_name(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl MessageType {
    /// The field a JSON key names.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| names(key, field.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_casings_name_a_field() {
        assert!(names("generationConfig", "generation_config"));
        assert!(names("generation_config", "generation_config"));
        assert!(names("text", "text"));
        assert!(!names("generationconfig", "generation_config"));
        assert!(!names("GenerationConfig", "generation_config"));
        assert!(!names("generationConfigs", "generation_config"));
        assert_eq!(json_name("thought_signature"), "thoughtSignature");
    }

    proptest! {
        #[test]
        fn the_json_name_always_names_its_field(snake in "[a-z]{1,6}(_[a-z]{1,6}){0,3}") {
            prop_assert!(names(&json_name(&snake), &snake));
            prop_assert!(names(&snake, &snake));
        }
    }
}
