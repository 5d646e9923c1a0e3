//! Reading a typed value's fields out of a parsed object by hand, with the leniency the
//! API's documents need: a field may be absent or `null`, may be spelled in camelCase or
//! snake_case, and an int64 may be a decimal string or a number.

use serde_json::{Map, Value};

/// The members of one JSON object, read by name. Errors are sentences naming the field.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'v> {
    map: &'v Map<String, Value>,
}

impl<'v> Fields<'v> {
    /// The fields of `value`, which must be an object (`what` names it in the error).
    pub fn of(value: &'v Value, what: &str) -> Result<Self, String> {
        match value {
            Value::Object(map) => Ok(Fields { map }),
            _ => Err(format!("{what} is not a JSON object")),
        }
    }

    /// The value under the first of `names` present and not `null`.
    pub fn get(&self, names: &[&str]) -> Option<&'v Value> {
        names
            .iter()
            .find_map(|name| self.map.get(*name).filter(|value| !value.is_null()))
    }

    /// A string field; absent or `null` is `None`, another type an error.
    pub fn string(&self, names: &[&str]) -> Result<Option<String>, String> {
        match self.get(names) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text.clone())),
            Some(_) => Err(format!("`{}` is not a string", names[0])),
        }
    }

    /// An int64 field: a decimal string (how the API writes int64) or an integer.
    pub fn int64(&self, names: &[&str]) -> Result<Option<i64>, String> {
        let wrong = || format!("`{}` is not an integer", names[0]);
        match self.get(names) {
            None => Ok(None),
            Some(Value::String(text)) => text.trim().parse().map(Some).map_err(|_| wrong()),
            Some(Value::Number(number)) => number.as_i64().map(Some).ok_or_else(wrong),
            Some(_) => Err(wrong()),
        }
    }

    /// A non-negative int64 field (a size, a count).
    pub fn uint64(&self, names: &[&str]) -> Result<Option<u64>, String> {
        let wrong = || format!("`{}` is not a non-negative integer", names[0]);
        match self.get(names) {
            None => Ok(None),
            Some(Value::String(text)) => text.trim().parse().map(Some).map_err(|_| wrong()),
            Some(Value::Number(number)) => number.as_u64().map(Some).ok_or_else(wrong),
            Some(_) => Err(wrong()),
        }
    }

    /// A number field (any JSON number).
    pub fn number(&self, names: &[&str]) -> Result<Option<f64>, String> {
        match self.get(names) {
            None => Ok(None),
            Some(Value::Number(number)) => Ok(number.as_f64()),
            Some(_) => Err(format!("`{}` is not a number", names[0])),
        }
    }

    /// The first member whose name is not in `known` (for documents that refuse
    /// unknown fields).
    pub fn unknown(&self, known: &[&str]) -> Option<&'v str> {
        self.map
            .keys()
            .find(|name| !known.contains(&name.as_str()))
            .map(String::as_str)
    }

    /// An array field; absent or `null` is empty, another type an error.
    pub fn array(&self, names: &[&str]) -> Result<&'v [Value], String> {
        match self.get(names) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(_) => Err(format!("`{}` is not an array", names[0])),
        }
    }

    /// The members whose names are not in `known`, as they were.
    pub fn others(&self, known: &[&str]) -> Map<String, Value> {
        // Inserted one by one: collecting would sort them again (and bring a stable
        // sort's code into the wasm).
        let mut others = Map::new();
        for (name, value) in self.map {
            if !known.contains(&name.as_str()) {
                others.insert(name.clone(), value.clone());
            }
        }
        others
    }
}

/// A field's error said as one of `member`'s (`in `error`, `message` is not a string`).
pub(crate) fn within(member: &'static str) -> impl Fn(String) -> String {
    move |reason| format!("in `{member}`, {reason}")
}
