//! The schema rules of `@google/genai` (`processJsonSchema`, used by `tSchema` for
//! `responseSchema` and by `tTool` for function declarations): a JSON-Schema-ish object
//! from zod or typebox becomes the API's OpenAPI subset. Types are upper-cased (an
//! unknown type becomes `TYPE_UNSPECIFIED`), a `null` in a type list or in a two-way
//! `anyOf` becomes `nullable: true`, a type list becomes an `anyOf`, `items`,
//! `properties` and `anyOf` are walked, `additionalProperties` is dropped, every other
//! key is kept.
//!
//! A shell walks the JS object with these answers; it bounds the depth ([`MAX_DEPTH`]) so
//! that a cyclic schema is an error, not a stack overflow.

use crate::error::{Error, Result};

/// The API's type names (the SDK's `Type` enum).
pub const TYPES: &[&str] = &[
    "TYPE_UNSPECIFIED",
    "STRING",
    "NUMBER",
    "INTEGER",
    "BOOLEAN",
    "ARRAY",
    "OBJECT",
    "NULL",
];

/// The deepest schema walked (real schemas are a few levels deep; a cycle is endless).
pub const MAX_DEPTH: usize = 64;

/// What one key of a schema is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKey {
    /// `type`: a name ([`type_name`]) or a list of names ([`type_list`]).
    Type,
    /// `items`: one schema.
    Schema,
    /// `anyOf`: a list of schemas (a `{type: "null"}` among them makes it nullable).
    SchemaList,
    /// `properties`: schemas by name.
    SchemaMap,
    /// `additionalProperties`: dropped.
    Dropped,
    /// Anything else: kept as it is.
    Keep,
}

/// What `key` of a schema is.
pub fn schema_key(key: &str) -> SchemaKey {
    match key {
        "type" => SchemaKey::Type,
        "items" => SchemaKey::Schema,
        "anyOf" => SchemaKey::SchemaList,
        "properties" => SchemaKey::SchemaMap,
        "additionalProperties" => SchemaKey::Dropped,
        _ => SchemaKey::Keep,
    }
}

/// The API's name for a type: upper-cased when it is one of [`TYPES`], else
/// `TYPE_UNSPECIFIED`. A lone `"null"` type is refused, with the SDK's message.
pub fn type_name(name: &str) -> Result<&'static str> {
    if name == "null" {
        return Err(Error::invalid(
            "schema",
            "type: null can not be the only possible type for the field.",
        ));
    }
    Ok(known_type(name))
}

fn known_type(name: &str) -> &'static str {
    let upper = name.to_ascii_uppercase();
    TYPES
        .iter()
        .find(|t| **t == upper)
        .copied()
        .unwrap_or("TYPE_UNSPECIFIED")
}

/// A list of types (`["string", "null"]`): whether it makes the field nullable, and the
/// API's names of the others. One name becomes `type`; several become an `anyOf` of
/// `{ type }`.
pub fn type_list<'a>(names: impl IntoIterator<Item = &'a str>) -> (bool, Vec<&'static str>) {
    let mut nullable = false;
    let mut types = Vec::new();
    for name in names {
        if name == "null" {
            nullable = true;
        } else {
            types.push(known_type(name));
        }
    }
    (nullable, types)
}

/// The SDK's refusal of a schema with both `type` and `anyOf`.
pub fn type_and_any_of() -> Error {
    Error::sdk_check("type and anyOf cannot be both populated.")
}

/// For an `anyOf` of exactly two schemas of which one is `{type: "null"}` (given as
/// whether each is): the position of the other one, which replaces the whole schema
/// (made nullable).
pub fn nullable_pair(first_is_null: bool, second_is_null: bool) -> Option<usize> {
    if first_is_null {
        Some(1)
    } else if second_is_null {
        Some(0)
    } else {
        None
    }
}

/// Where a function declaration's `parameters` or `response` goes: a schema with a
/// `$schema` key is a JSON Schema and moves, as it is, to `parametersJsonSchema` /
/// `responseJsonSchema` (unless that is set already, when it stays as it was); others go
/// through the schema rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclarationSchema {
    /// Through the schema rules, under the same key.
    Process,
    /// Moved to this key, as it is.
    MoveTo(&'static str),
    /// Left as it is (a `$schema` schema next to a set JSON-schema key).
    Keep,
}

/// What happens to a declaration's `key` (`parameters` or `response`).
pub fn declaration_schema(
    key: &str,
    has_dollar_schema: bool,
    json_key_set: bool,
) -> DeclarationSchema {
    match (has_dollar_schema, json_key_set, key) {
        (false, _, _) => DeclarationSchema::Process,
        (true, true, _) => DeclarationSchema::Keep,
        (true, false, "response") => DeclarationSchema::MoveTo("responseJsonSchema"),
        (true, false, _) => DeclarationSchema::MoveTo("parametersJsonSchema"),
    }
}

/// The error for a schema nested deeper than [`MAX_DEPTH`].
pub fn too_deep() -> Error {
    Error::invalid(
        "schema",
        format!("nested deeper than {MAX_DEPTH} levels (is it cyclic?)"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_upper_cased_and_unknown_ones_unspecified() {
        assert_eq!(type_name("object").unwrap(), "OBJECT");
        assert_eq!(type_name("STRING").unwrap(), "STRING");
        assert_eq!(type_name("date").unwrap(), "TYPE_UNSPECIFIED");
    }

    #[test]
    fn a_lone_null_type_is_refused() {
        let error = type_name("null").unwrap_err().to_string();
        assert!(error.contains("type: null can not be the only possible type for the field."));
    }

    #[test]
    fn a_type_list_with_null_is_nullable() {
        assert_eq!(type_list(["string", "null"]), (true, vec!["STRING"]));
        assert_eq!(
            type_list(["string", "integer"]),
            (false, vec!["STRING", "INTEGER"])
        );
    }

    #[test]
    fn the_walked_keys_are_items_any_of_and_properties() {
        assert_eq!(schema_key("items"), SchemaKey::Schema);
        assert_eq!(schema_key("anyOf"), SchemaKey::SchemaList);
        assert_eq!(schema_key("properties"), SchemaKey::SchemaMap);
        assert_eq!(schema_key("additionalProperties"), SchemaKey::Dropped);
        assert_eq!(schema_key("description"), SchemaKey::Keep);
        assert_eq!(schema_key("oneOf"), SchemaKey::Keep);
    }

    #[test]
    fn a_nullable_pair_keeps_the_other_schema() {
        assert_eq!(nullable_pair(true, false), Some(1));
        assert_eq!(nullable_pair(false, true), Some(0));
        assert_eq!(nullable_pair(false, false), None);
    }

    #[test]
    fn json_schemas_in_declarations_move_to_their_own_keys() {
        assert_eq!(
            declaration_schema("parameters", true, false),
            DeclarationSchema::MoveTo("parametersJsonSchema")
        );
        assert_eq!(
            declaration_schema("response", true, false),
            DeclarationSchema::MoveTo("responseJsonSchema")
        );
        assert_eq!(
            declaration_schema("parameters", true, true),
            DeclarationSchema::Keep
        );
        assert_eq!(
            declaration_schema("parameters", false, true),
            DeclarationSchema::Process
        );
    }
}
