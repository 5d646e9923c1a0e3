//! A small JSON text writer: escaping, numbers as the parser reads them, commas.
//!
//! The browser build writes detections and schemas as text that `JSON.parse` turns into
//! objects, so this writer is all the JSON *output* the parser's path needs: no
//! `serde_json` serializer is linked for it. It never recurses (a deep `extra` value is
//! walked with an explicit stack) and cannot produce invalid JSON: strings are escaped,
//! non-finite numbers become `null`, and commas are placed by the writer, not the caller.

use serde_json::Value;

/// JSON text being written, value by value.
#[derive(Debug, Default)]
pub(crate) struct JsonText {
    out: String,
    /// Whether the next value or key needs a comma before it.
    after_value: bool,
}

impl JsonText {
    pub(crate) fn new() -> Self {
        JsonText::default()
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    /// The text so far, for writers that append raw bytes (base64) inside a string.
    pub(crate) fn buffer(&mut self) -> &mut String {
        &mut self.out
    }

    fn separate(&mut self) {
        if self.after_value {
            self.out.push(',');
        }
    }

    pub(crate) fn open_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.after_value = false;
    }

    pub(crate) fn close_object(&mut self) {
        self.out.push('}');
        self.after_value = true;
    }

    pub(crate) fn open_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.after_value = false;
    }

    pub(crate) fn close_array(&mut self) {
        self.out.push(']');
        self.after_value = true;
    }

    /// `"name":`; the value written next belongs to it.
    pub(crate) fn key(&mut self, name: &str) {
        self.separate();
        escape_into(&mut self.out, name);
        self.out.push(':');
        self.after_value = false;
    }

    pub(crate) fn string(&mut self, text: &str) {
        self.separate();
        escape_into(&mut self.out, text);
        self.after_value = true;
    }

    /// Opens a string whose content the caller appends to [`JsonText::buffer`] (it must
    /// need no escaping, like base64); [`JsonText::close_string`] ends it.
    pub(crate) fn open_string(&mut self) {
        self.separate();
        self.out.push('"');
    }

    pub(crate) fn close_string(&mut self) {
        self.out.push('"');
        self.after_value = true;
    }

    /// A number as the parser would read it back: integral values without a fraction
    /// (`384`, not `384.0`), others in the shortest form that round-trips, and `null`
    /// for values JSON cannot hold (NaN, infinities).
    pub(crate) fn number(&mut self, v: f64) {
        self.separate();
        write_number(&mut self.out, v);
        self.after_value = true;
    }

    pub(crate) fn unsigned(&mut self, v: u64) {
        self.separate();
        self.out.push_str(&v.to_string());
        self.after_value = true;
    }

    pub(crate) fn boolean(&mut self, v: bool) {
        self.separate();
        self.out.push_str(if v { "true" } else { "false" });
        self.after_value = true;
    }

    pub(crate) fn null(&mut self) {
        self.separate();
        self.out.push_str("null");
        self.after_value = true;
    }

    pub(crate) fn numbers(&mut self, values: &[f64]) {
        self.open_array();
        for v in values {
            self.number(*v);
        }
        self.close_array();
    }

    /// A `serde_json` value, walked without recursion.
    pub(crate) fn value(&mut self, value: &Value) {
        enum Frame<'a> {
            Array(std::slice::Iter<'a, Value>),
            Object(serde_json::map::Iter<'a>),
        }
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut next = Some(value);
        loop {
            if let Some(value) = next.take() {
                match value {
                    Value::Null => self.null(),
                    Value::Bool(b) => self.boolean(*b),
                    Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                        (Some(u), _, _) => self.unsigned(u),
                        (None, Some(i), _) => {
                            self.separate();
                            self.out.push_str(&i.to_string());
                            self.after_value = true;
                        }
                        (None, None, Some(f)) => self.number(f),
                        (None, None, None) => self.null(),
                    },
                    Value::String(s) => self.string(s),
                    Value::Array(items) => {
                        self.open_array();
                        stack.push(Frame::Array(items.iter()));
                    }
                    Value::Object(members) => {
                        self.open_object();
                        stack.push(Frame::Object(members.iter()));
                    }
                }
            }
            let Some(top) = stack.last_mut() else {
                return;
            };
            match top {
                Frame::Array(items) => match items.next() {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                        self.close_array();
                    }
                },
                Frame::Object(members) => match members.next() {
                    Some((key, item)) => {
                        self.key(key);
                        next = Some(item);
                    }
                    None => {
                        stack.pop();
                        self.close_object();
                    }
                },
            }
        }
    }
}

/// Integral values below 2^53 (every one an `f64` holds exactly) print without a fraction.
const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0;

fn write_number(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
    } else if v.fract() == 0.0 && v.abs() < EXACT_INTEGERS {
        // Exact: |v| < 2^53 and integral.
        #[allow(clippy::cast_possible_truncation)]
        let whole = v as i64;
        out.push_str(&whole.to_string());
    } else {
        // Rust's `Display` for `f64` is the shortest text that reads back to the same
        // value, and never uses an exponent, so it is always valid JSON.
        out.push_str(&v.to_string());
    }
}

/// `text` as a quoted JSON string.
fn escape_into(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut plain_from = 0;
    for (at, c) in text.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            c if c < ' ' => "",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push_str(escape);
        }
        plain_from = at + c.len_utf8();
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn written(write: impl FnOnce(&mut JsonText)) -> String {
        let mut text = JsonText::new();
        write(&mut text);
        text.finish()
    }

    #[test]
    fn commas_go_between_members_and_items_only() {
        let text = written(|t| {
            t.open_object();
            t.key("a");
            t.numbers(&[1.0, 2.5]);
            t.key("b");
            t.open_object();
            t.close_object();
            t.key("c");
            t.null();
            t.close_object();
        });
        assert_eq!(text, r#"{"a":[1,2.5],"b":{},"c":null}"#);
    }

    #[test]
    fn numbers_read_back_as_the_parser_reads_them() {
        let text = written(|t| t.numbers(&[384.0, -0.0, 0.1, 1e21, f64::NAN, f64::INFINITY]));
        assert_eq!(text, "[384,0,0.1,1000000000000000000000,null,null]");
    }

    #[test]
    fn control_characters_quotes_and_backslashes_are_escaped() {
        let text = written(|t| t.string("a\"b\\c\nd\u{1}e\u{7f}é\u{2028}"));
        assert_eq!(text, "\"a\\\"b\\\\c\\nd\\u0001e\u{7f}é\u{2028}\"");
    }

    #[test]
    fn a_deep_value_is_written_without_recursion() {
        let mut deep = Value::Null;
        for _ in 0..100_000 {
            deep = Value::Array(vec![deep]);
        }
        let text = written(|t| t.value(&deep));
        assert_eq!(text.len(), 200_000 + 4);
        // Dropping `deep` recursively would overflow the stack: unwind it by hand.
        let mut current = deep;
        while let Value::Array(mut items) = current {
            current = items.pop().unwrap_or(Value::Null);
        }
    }

    fn any_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            // Integral floats read back as integers, a different `Value`: kept out.
            any::<f64>()
                .prop_filter("finite, fractional", |v| v.is_finite() && v.fract() != 0.0)
                .prop_map(Value::from),
            "\\PC{0,12}".prop_map(Value::from),
            any::<String>().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                proptest::collection::btree_map(any::<String>(), inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_value_is_written_as_json_serde_reads_back_equal(value in any_value()) {
            let text = written(|t| t.value(&value));
            let back: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, value);
        }

        #[test]
        fn any_finite_number_round_trips_exactly(v in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
            let text = written(|t| t.number(v));
            let back: f64 = serde_json::from_str(&text).unwrap();
            prop_assert!(back == v, "{} read back as {}", text, back);
        }

        #[test]
        fn any_string_round_trips(s in any::<String>()) {
            let text = written(|t| t.string(&s));
            let back: String = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(back, s);
        }
    }
}
