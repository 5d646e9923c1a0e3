//! Reading: a whole document into a [`Value`], or member by member with values kept as
//! their raw text ([`Reader::object`], [`Reader::skip`]).

use super::MAX_DEPTH;
use serde_json::{Map, Number, Value};
use std::fmt;

/// Why a document is not JSON, and the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What was wrong there (`"expected a value"`, `"unterminated string"`, ...).
    pub reason: &'static str,
    /// Offset of the byte where it was found.
    pub offset: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.reason, self.offset)
    }
}

impl std::error::Error for JsonError {}

/// Parses one whole JSON document (whitespace around it allowed, nothing else).
pub fn parse(json: &[u8]) -> Result<Value, JsonError> {
    let mut reader = Reader::new(json);
    let value = reader.value()?;
    reader.end()?;
    Ok(value)
}

/// A cursor over one JSON document, for callers that read an object member by member
/// and keep some values as text ([`Reader::object`], [`Reader::skip`]).
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    /// How many more values [`Reader::value`] may build (keys count too).
    budget: u64,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `json`, with no limit on what [`Reader::value`] builds
    /// beyond the document's own size (for a document whose shape
    /// [`crate::wire::JsonLimits`] has checked).
    pub fn new(json: &'a [u8]) -> Self {
        Self::with_budget(json, u64::MAX)
    }

    /// A reader whose [`Reader::value`] builds at most `values` values in all (every
    /// string, key, number, literal, object and array counts one; what
    /// [`Reader::skip`] passes over counts nothing): a large document read member by
    /// member, most of it kept as text, cannot make the few members built as trees
    /// allocate more than that.
    pub fn with_budget(json: &'a [u8], values: u64) -> Self {
        Reader {
            bytes: json,
            pos: 0,
            depth: 0,
            budget: values,
        }
    }

    /// Reads the next value into a tree.
    pub fn value(&mut self) -> Result<Value, JsonError> {
        self.whitespace();
        self.spend()?;
        match self.peek() {
            Some(b'{') => {
                let mut map = Map::new();
                self.object(|reader, key| {
                    reader.spend()?;
                    let value = reader.value()?;
                    map.insert(key, value);
                    Ok(())
                })?;
                Ok(Value::Object(map))
            }
            Some(b'[') => {
                let mut items = Vec::new();
                self.array(|reader| {
                    items.push(reader.value()?);
                    Ok(())
                })?;
                Ok(Value::Array(items))
            }
            Some(b'"') => self.string().map(Value::String),
            _ => self.scalar(),
        }
    }

    /// Reads the next value, which must be an object, calling `member` with each key;
    /// `member` must read the member's value (with [`Reader::value`] or [`Reader::skip`]).
    /// What `member` kept from earlier members stays with it when a later one fails.
    pub fn object(
        &mut self,
        member: impl FnMut(&mut Self, String) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.whitespace();
        if self.peek() != Some(b'{') {
            return Err(self.error("expected an object"));
        }
        self.enter()?;
        self.members(member)?;
        self.depth -= 1;
        Ok(())
    }

    /// Reads the next value, which must be an array, calling `item` for each element;
    /// `item` must read the element (with [`Reader::value`], [`Reader::skip`], ...).
    pub fn array(
        &mut self,
        item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.whitespace();
        if self.peek() != Some(b'[') {
            return Err(self.error("expected an array"));
        }
        self.enter()?;
        self.items(item)?;
        self.depth -= 1;
        Ok(())
    }

    /// Reads a `null` if one is next and says whether it did, so that a member which
    /// may be `null` can be taken as absent before it is read as an object or array.
    pub fn null(&mut self) -> bool {
        self.whitespace();
        let found = self
            .bytes
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(b"null"));
        if found {
            self.pos += 4;
        }
        found
    }

    /// Checks the next value without building it and returns its text. It keeps no
    /// stack of its own calls, so any nesting is read (the text stays bounded by the
    /// caller's cap on the document).
    pub fn skip(&mut self) -> Result<&'a str, JsonError> {
        self.whitespace();
        let start = self.pos;
        // The closers still expected, innermost last.
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open.push(b'}');
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                _ => {
                    self.scalar()?;
                }
            }
            // After a value: close what ends here, then expect the next value.
            loop {
                let Some(&close) = open.last() else {
                    return self.text(start);
                };
                self.whitespace();
                match self.next() {
                    Some(b',') if close == b'}' => {
                        self.key()?;
                        break;
                    }
                    Some(b',') => break,
                    Some(byte) if byte == close => {
                        open.pop();
                    }
                    _ if close == b'}' => return Err(self.error_before("expected `,` or `}`")),
                    _ => return Err(self.error_before("expected `,` or `]`")),
                }
            }
        }
    }

    /// Checks that only whitespace is left.
    pub fn end(&mut self) -> Result<(), JsonError> {
        self.whitespace();
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// The members of the object at `{` (already checked), each key handed to `member`.
    fn members(
        &mut self,
        mut member: impl FnMut(&mut Self, String) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.pos += 1;
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            let key = self.key()?;
            member(self, key)?;
            self.whitespace();
            match self.next() {
                Some(b',') => {}
                Some(b'}') => return Ok(()),
                _ => return Err(self.error_before("expected `,` or `}`")),
            }
        }
    }

    /// The elements of the array at `[` (already checked), each handed to `item`.
    fn items(
        &mut self,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.pos += 1;
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.whitespace();
            match self.next() {
                Some(b',') => {}
                Some(b']') => return Ok(()),
                _ => return Err(self.error_before("expected `,` or `]`")),
            }
        }
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<String, JsonError> {
        self.whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string key"));
        }
        let key = self.string()?;
        self.whitespace();
        if self.next() != Some(b':') {
            return Err(self.error_before("expected `:`"));
        }
        Ok(key)
    }

    /// Counts one value built against the budget.
    fn spend(&mut self) -> Result<(), JsonError> {
        if self.budget == 0 {
            return Err(self.error("too many values to build"));
        }
        self.budget -= 1;
        Ok(())
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.depth += 1;
        Ok(())
    }

    /// A string at its opening quote, escapes decoded.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let run = self.pos;
            while let Some(&byte) = self.bytes.get(self.pos) {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.extend_from_slice(&self.bytes[run..self.pos]);
            match self.next() {
                Some(b'"') => break,
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.error_before("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
        String::from_utf8(out).map_err(|_| self.error_before("invalid UTF-8 in a string"))
    }

    /// One escape after its backslash, appended as UTF-8.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), JsonError> {
        let byte = match self.next() {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        if self.next() != Some(b'\\') || self.next() != Some(b'u') {
                            return Err(self.error_before("lone leading surrogate in an escape"));
                        }
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error_before("lone leading surrogate in an escape"));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error_before("lone trailing surrogate in an escape"));
                    }
                    _ => unit,
                };
                let Some(ch) = char::from_u32(code) else {
                    return Err(self.error_before("invalid escape"));
                };
                let mut buf = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error_before("invalid escape")),
        };
        out.push(byte);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut unit = 0u32;
        for _ in 0..4 {
            let digit = match self.next() {
                Some(byte @ b'0'..=b'9') => byte - b'0',
                Some(byte @ b'a'..=b'f') => byte - b'a' + 10,
                Some(byte @ b'A'..=b'F') => byte - b'A' + 10,
                _ => return Err(self.error_before("invalid escape")),
            };
            unit = unit * 16 + u32::from(digit);
        }
        Ok(unit)
    }

    /// A number, `true`, `false` or `null`.
    fn scalar(&mut self) -> Result<Value, JsonError> {
        for (word, value) in [
            (&b"true"[..], Value::Bool(true)),
            (b"false", Value::Bool(false)),
            (b"null", Value::Null),
        ] {
            if self.bytes[self.pos..].starts_with(word) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        self.number().map(Value::Number)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer when it has no
    /// fraction or exponent and fits 64 bits, else the nearest `f64`.
    fn number(&mut self) -> Result<Number, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ if negative => return Err(self.error("invalid number")),
            _ => return Err(self.error("expected a value")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            self.required_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        // The grammar above admits only ASCII.
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("");
        if integer {
            if negative {
                // `-0` stays a float, as serde_json reads it, so its sign survives.
                if let Ok(n @ ..=-1) = text.parse::<i64>() {
                    return Ok(Number::from(n));
                }
            } else if let Ok(n) = text.parse::<u64>() {
                return Ok(Number::from(n));
            }
        }
        float(text).and_then(Number::from_f64).ok_or(JsonError {
            reason: "number out of range",
            offset: start,
        })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("invalid number"));
        }
        self.digits();
        Ok(())
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn text(&self, start: usize) -> Result<&'a str, JsonError> {
        std::str::from_utf8(&self.bytes[start..self.pos]).map_err(|error| JsonError {
            reason: "invalid UTF-8 in a string",
            offset: start + error.valid_up_to(),
        })
    }

    fn error(&self, reason: &'static str) -> JsonError {
        JsonError {
            reason,
            offset: self.pos,
        }
    }

    /// An error about the byte just consumed (or the end, when nothing was left).
    fn error_before(&self, reason: &'static str) -> JsonError {
        JsonError {
            reason,
            offset: self.pos.saturating_sub(1).min(self.bytes.len()),
        }
    }
}

/// The `f64` of a decimal number in Rust's float syntax without `inf` and `NaN`
/// (`[+-]?digits[.digits][(e|E)[+-]?digits]`, either side of the point may be empty but
/// not both): the JSON reader's numbers and the lenient answer parser's.
///
/// With the `exact-floats` feature (the default), the nearest `f64`, by the core library's
/// parser. Without it (the browser package), within 16 units in the last place
/// ([`approximate_float`]), as `serde_json` reads floats without its `float_roundtrip`
/// feature: the exact parser's tables are 10 KB of the wasm, and nothing read here needs
/// the last bit (box corners are on a 0-1000 grid; the client's documents carry no floats).
pub(crate) fn float(text: &str) -> Option<f64> {
    if cfg!(feature = "exact-floats") {
        text.parse().ok()
    } else {
        approximate_float(text)
    }
}

/// Decimal digits times a power of ten: exact when both fit an `f64` exactly (up to 15
/// digits and 10^22), else within 16 units in the last place (property tested; 3.5e-15
/// relative). `None` for text outside the syntax [`float`] describes.
pub(super) fn approximate_float(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (number, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => {
            let exponent = &unsigned[at + 1..];
            let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // Beyond any f64's reach either way; the clamp keeps the sum below in range.
            let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX).min(100_000);
            let sign = if exponent.starts_with('-') { -1 } else { 1 };
            (&unsigned[..at], sign * magnitude)
        }
        None => (unsigned, 0),
    };
    let mut mantissa: u64 = 0;
    let mut scale: i64 = exponent;
    let mut after_point = false;
    let mut digits = 0usize;
    for byte in number.bytes() {
        match byte {
            b'.' if !after_point => after_point = true,
            b'0'..=b'9' => {
                digits += 1;
                // 19 significant digits fill a u64; later ones only move the scale.
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa * 10 + u64::from(byte - b'0');
                    if after_point {
                        scale -= 1;
                    }
                } else if !after_point {
                    scale += 1;
                }
            }
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let scale = i32::try_from(scale.clamp(-800, 800)).ok()?;
    let value = mantissa as f64;
    let value = if mantissa == 0 {
        0.0
    } else if scale >= 0 {
        value * 10f64.powi(scale)
    } else if scale >= -300 {
        value / 10f64.powi(-scale)
    } else {
        // 10^-scale would overflow: divide in two steps.
        value / 1e300 / 10f64.powi(-scale - 300)
    };
    Some(if negative { -value } else { value })
}
