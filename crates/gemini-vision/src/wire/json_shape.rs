//! Bounding what a JSON document from outside may make us allocate, before it is parsed.
//!
//! A byte cap does not bound parsed values: `{},` is three bytes of JSON and a ~200-byte
//! `Part` or `Candidate` on wasm32 (~380 bytes natively), so 25 MiB of
//! `{"candidates":[{},{},...]}` would ask for gigabytes, and a failed allocation aborts
//! a wasm module. [`JsonLimits::check`] walks the bytes once, allocating nothing, and
//! counts values, objects and arrays and the nesting depth; only a document within the
//! limits for its kind is handed to serde ([`read_json`]).
//!
//! The limits are sized from what real answers need (the recorded answers in
//! `../shared/fixtures` have at most ~130 values, ~35 objects and arrays, and nest 12
//! deep) with a wide margin, per kind of document: a model answer may be large (a long
//! answer with log-probabilities has a few objects per token), one file resource or an
//! error body is small.

use crate::api_key::ApiKey;
use crate::error::{Error, Result};
use serde::de::DeserializeOwned;

/// Caps on the shape of one JSON document, checked before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonLimits {
    /// Deepest nesting of objects and arrays.
    pub max_depth: u32,
    /// Most values: every string (object keys included), number, literal, object and
    /// array counts one.
    pub max_values: u64,
    /// Most objects and arrays (each may become a struct of a few hundred bytes).
    pub max_containers: u64,
}

impl JsonLimits {
    /// A model answer: a `generateContent` or `countTokens` answer, one streamed event.
    /// Room for ~400 times the largest recorded answer, or a long answer with
    /// log-probabilities (about 6 objects and 40 values per token with 5 alternatives);
    /// at most a few tens of MB whatever the document.
    pub const ANSWER: JsonLimits = JsonLimits {
        max_depth: 64,
        max_values: 500_000,
        max_containers: 50_000,
    };

    /// A page of `files.list` (at most 100 files of a few dozen values each).
    pub const FILE_LIST: JsonLimits = JsonLimits {
        max_depth: 32,
        max_values: 50_000,
        max_containers: 5_000,
    };

    /// One small resource: a file, the final upload answer, an error body, a stored
    /// resume record.
    pub const RESOURCE: JsonLimits = JsonLimits {
        max_depth: 32,
        max_values: 10_000,
        max_containers: 1_000,
    };

    /// Measures `json` in one pass without allocating; fails with
    /// [`Error::LimitExceeded`] at the first limit crossed (its `actual` is where
    /// counting stopped, one past the limit). The document's validity is left to the
    /// parser: strings, escapes and brackets are followed only as far as counting needs.
    pub fn check(&self, json: &[u8]) -> Result<JsonShape> {
        let mut shape = JsonShape::default();
        let mut depth: u32 = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut in_scalar = false;
        for &byte in json {
            if in_string {
                match byte {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match byte {
                b'"' => {
                    in_string = true;
                    in_scalar = false;
                    self.count_value(&mut shape)?;
                }
                b'{' | b'[' => {
                    in_scalar = false;
                    self.count_value(&mut shape)?;
                    shape.containers += 1;
                    if shape.containers > self.max_containers {
                        return Err(exceeded(
                            "JSON objects and arrays",
                            shape.containers,
                            self.max_containers,
                        ));
                    }
                    depth = depth.saturating_add(1);
                    shape.depth = shape.depth.max(depth);
                    if depth > self.max_depth {
                        return Err(exceeded(
                            "JSON nesting depth",
                            u64::from(depth),
                            u64::from(self.max_depth),
                        ));
                    }
                }
                b'}' | b']' => {
                    in_scalar = false;
                    depth = depth.saturating_sub(1);
                }
                b',' | b':' | b' ' | b'\t' | b'\n' | b'\r' => in_scalar = false,
                _ if !in_scalar => {
                    in_scalar = true;
                    self.count_value(&mut shape)?;
                }
                _ => {}
            }
        }
        Ok(shape)
    }

    fn count_value(&self, shape: &mut JsonShape) -> Result<()> {
        shape.values += 1;
        if shape.values > self.max_values {
            return Err(exceeded("JSON values", shape.values, self.max_values));
        }
        Ok(())
    }
}

fn exceeded(what: &'static str, actual: u64, max: u64) -> Error {
    Error::LimitExceeded { what, actual, max }
}

/// What [`JsonLimits::check`] counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JsonShape {
    /// Values (strings, numbers, literals, objects and arrays).
    pub values: u64,
    /// Objects and arrays.
    pub containers: u64,
    /// The deepest nesting seen.
    pub depth: u32,
}

/// Parses JSON that came from outside (a server, a proxy, storage) into `T`: its shape
/// is checked against `limits` first, and a parse error's text (serde quotes the
/// offending value) is scrubbed of `key` (the one the request carried, if any) before
/// it is cut and kept.
pub fn read_json<T: DeserializeOwned>(
    json: &[u8],
    what: &'static str,
    limits: &JsonLimits,
    key: Option<&ApiKey>,
) -> Result<T> {
    limits.check(json)?;
    serde_json::from_slice(json)
        .map_err(|error| Error::malformed_outside(what, &error.to_string(), key))
}

/// Parses JSON that came from outside into a tree with [`crate::json`] (no serde code
/// per type): the shape is checked against `limits` first; the reason of an error is
/// scrubbed of `key` (the one the request carried, if any) and cut.
pub fn read_value(
    json: &[u8],
    what: &'static str,
    limits: &JsonLimits,
    key: Option<&ApiKey>,
) -> Result<serde_json::Value> {
    limits.check(json)?;
    crate::json::parse(json)
        .map_err(|error| Error::malformed_outside(what, &error.to_string(), key))
}

/// [`read_value`], then `from_value` (a type's hand-written reader) on the tree; its
/// reason (which may quote the document) is scrubbed as well.
pub fn read_with<T>(
    json: &[u8],
    what: &'static str,
    limits: &JsonLimits,
    key: Option<&ApiKey>,
    from_value: impl FnOnce(&serde_json::Value) -> std::result::Result<T, String>,
) -> Result<T> {
    let value = read_value(json, what, limits, key)?;
    from_value(&value).map_err(|reason| Error::malformed_outside(what, &reason, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(json: &str) -> JsonShape {
        JsonLimits::ANSWER.check(json.as_bytes()).unwrap()
    }

    #[test]
    fn every_key_scalar_and_container_counts_once() {
        let s = shape(r#"{"a": [1, -2.5e3, true, null, "x"], "b": {}}"#);
        assert_eq!((s.values, s.containers, s.depth), (10, 3, 2));
    }

    #[test]
    fn brackets_and_quotes_inside_strings_are_text() {
        let s = shape(r#"["[{\"]}", "\\", "]]]]"]"#);
        assert_eq!((s.values, s.containers, s.depth), (4, 1, 1));
    }

    #[test]
    fn each_limit_is_enforced_with_its_name() {
        let tight = JsonLimits {
            max_depth: 2,
            max_values: 6,
            max_containers: 3,
        };
        let cases = [
            ("[[[]]]", "JSON nesting depth"),
            ("[1,2,3,4,5,6]", "JSON values"),
            ("[{},{},{}]", "JSON objects and arrays"),
        ];
        for (json, what) in cases {
            match tight.check(json.as_bytes()) {
                Err(Error::LimitExceeded { what: got, .. }) => assert_eq!(got, what, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
    }

    #[test]
    fn unbalanced_closers_cannot_lower_the_depth_below_zero() {
        let s = shape("]]]]}}[[");
        assert_eq!(s.depth, 2);
    }

    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            (-1e9f64..1e9).prop_map(Value::from),
            "[a-z\\\\\"\\[\\]{},: ]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(5, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z\\\\\"\\]]{0,4}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// The scan counts exactly what serde builds, whatever the layout.
        #[test]
        fn the_scan_counts_exactly_what_serde_builds(value in json_value(), pretty: bool) {
            let json = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let s = JsonLimits::ANSWER.check(json.as_bytes()).unwrap();
            let (values, containers, depth) = count(&value);
            proptest::prop_assert_eq!((s.values, s.containers, s.depth), (values, containers, depth));
        }
    }

    /// Values (keys included), containers and depth of a parsed document.
    fn count(value: &serde_json::Value) -> (u64, u64, u32) {
        use serde_json::Value;
        let add = |a: (u64, u64, u32), b: (u64, u64, u32)| (a.0 + b.0, a.1 + b.1, a.2.max(b.2 + 1));
        match value {
            Value::Array(items) => items.iter().map(count).fold((1, 1, 1), add),
            Value::Object(map) => map
                .values()
                .map(count)
                .fold((1 + map.len() as u64, 1, 1), add),
            _ => (1, 0, 0),
        }
    }
}
