//! Reading the scalars: strings (with escapes and the length cap), numbers, literals,
//! unquoted text, and the whitespace and comments between them.

use super::{Node, Reader};

const MAX_NUMBER_CHARS: usize = 512;

impl Reader<'_> {
    pub(super) fn skip_insignificant(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'/') => {
                    while let Some(b) = self.peek() {
                        if b == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                b'/' if self.bytes.get(self.pos + 1) == Some(&b'*') => {
                    self.pos += 2;
                    while self.pos < self.bytes.len() && !self.bytes[self.pos..].starts_with(b"*/")
                    {
                        self.pos += 1;
                    }
                    self.pos = (self.pos + 2).min(self.bytes.len());
                }
                _ => return,
            }
        }
    }

    pub(super) fn word(&mut self) -> &str {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' {
                self.pos += 1;
            } else {
                break;
            }
        }
        self.text.get(start..self.pos).unwrap_or("")
    }

    pub(super) fn word_reaches_end(&mut self) -> bool {
        let start = self.pos;
        let reaches = !self.word().is_empty()
            && self
                .bytes
                .get(self.pos..)
                .is_some_and(|rest| rest.iter().all(u8::is_ascii_whitespace));
        self.pos = start;
        reaches
    }

    pub(super) fn literal(&mut self) -> Option<Node> {
        let start = self.pos;
        let node = match self.word() {
            "true" | "True" => Node::Bool(true),
            "false" | "False" => Node::Bool(false),
            "null" | "None" => Node::Null,
            "NaN" => Node::Number(f64::NAN),
            "Infinity" => Node::Number(f64::INFINITY),
            _ => {
                self.pos = start;
                return None;
            }
        };
        Some(node)
    }

    pub(super) fn number(&mut self) -> Option<Node> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E') {
                self.pos += 1;
            } else {
                break;
            }
        }
        let raw = self.text.get(start..self.pos)?;
        if raw == "-" && self.text.get(self.pos..)?.starts_with("Infinity") {
            self.pos += "Infinity".len();
            return Some(Node::Number(f64::NEG_INFINITY));
        }
        if raw.len() > MAX_NUMBER_CHARS {
            return None;
        }
        crate::json::float(raw).map(Node::Number)
    }

    /// Unquoted text up to the end of the member: a comma, a closing bracket or a line end.
    pub(super) fn bare(&mut self) -> Node {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b'}' | b']' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
        let raw = self.text.get(start..self.pos).unwrap_or("").trim_end();
        if raw.len() > self.limits.max_string_bytes {
            Node::Oversized(raw.len())
        } else {
            Node::Bare(raw.to_owned())
        }
    }

    /// A quoted string; `None` when the text ends inside it.
    pub(super) fn string(&mut self, quote: u8) -> Option<Node> {
        self.pos += 1;
        let cap = self.limits.max_string_bytes;
        let mut out = String::new();
        let mut length = 0usize;
        loop {
            let run_start = self.pos;
            while let Some(b) = self.peek() {
                if b == quote || b == b'\\' {
                    break;
                }
                self.pos += 1;
            }
            let run = self.text.get(run_start..self.pos)?;
            length += run.len();
            if length <= cap {
                out.push_str(run);
            }
            match self.peek()? {
                b'\\' => {
                    self.pos += 1;
                    let decoded = self.escape()?;
                    length += decoded.len_utf8();
                    if length <= cap {
                        out.push(decoded);
                    }
                }
                _ => {
                    self.pos += 1;
                    return Some(if length <= cap {
                        Node::String(out)
                    } else {
                        Node::Oversized(length)
                    });
                }
            }
        }
    }

    fn escape(&mut self) -> Option<char> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(match byte {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => self.unicode_escape(),
            _ => {
                // Unknown escapes keep the character itself (`\'`, `\/`, `\"`, `\\`, `\é`).
                self.pos -= 1;
                let c = self.text.get(self.pos..)?.chars().next()?;
                self.pos += c.len_utf8();
                c
            }
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.pos += 4;
        Some(value)
    }

    fn unicode_escape(&mut self) -> char {
        let Some(high) = self.hex4() else {
            return char::REPLACEMENT_CHARACTER;
        };
        if (0xD800..0xDC00).contains(&high)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            self.pos += 2;
            match self.hex4() {
                Some(low) if (0xDC00..0xE000).contains(&low) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    return char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
                }
                _ => self.pos = save,
            }
        }
        char::from_u32(high).unwrap_or(char::REPLACEMENT_CHARACTER)
    }
}
