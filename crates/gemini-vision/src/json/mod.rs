//! A small JSON reader and writer for the few documents the client itself reads and
//! writes: a file resource, an error body, a batch operation or result line, a stored
//! resume record.
//!
//! Why not `serde_json` here: serde's derive code is generated once per type and per
//! deserializer, and in the browser package that was about a sixth of the client's wasm.
//! This reader is one non-generic function that builds a [`serde_json::Value`] (the type
//! every public field already uses; building one needs none of serde's machinery), and
//! the types read what they need from it by hand ([`Fields`]). The model's answers do
//! not come here: the browser parses those with its own `JSON.parse`.
//!
//! It follows RFC 8259 strictly, as `serde_json` does: no comments, no trailing commas,
//! no lone surrogates, no control characters in strings, nothing after the document
//! but whitespace. Nesting is limited to [`MAX_DEPTH`], so hostile input cannot overflow
//! the stack; what a document may allocate is bounded before it gets here
//! ([`crate::wire::JsonLimits`]) or while it is read ([`Reader::with_budget`], for
//! documents mostly kept as text). It never panics.

mod fields;
mod reader;
mod writer;

pub use fields::Fields;
pub(crate) use fields::within;
pub(crate) use reader::float;
pub use reader::{JsonError, Reader, parse};
pub use writer::{to_string, write};

/// The deepest nesting of arrays and objects the reader accepts (`serde_json`'s limit).
pub const MAX_DEPTH: u32 = 128;

/// serde implementations that go through a type's hand-written `from_value` and
/// `to_value`, so that native users keep serde and the reading stays one piece of code.
macro_rules! serde_through_value {
    ($($ty:ty),*) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.to_value(), serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                <$ty>::from_value(&value).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

pub(crate) use serde_through_value;

#[cfg(test)]
mod tests;
