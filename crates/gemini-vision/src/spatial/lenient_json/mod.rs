//! A forgiving, iterative JSON reader for model text.
//!
//! Models write *almost* JSON: trailing commas, missing commas between items, single
//! quotes, Python literals (`True`, `None`), unquoted keys, `//` comments, unquoted junk
//! where a value belongs (`"mask": <start_of_mask><seg_35>...`), and answers cut off
//! mid-item. This reader accepts all of that and, when the text stops or breaks, closes
//! every open container and marks it incomplete, so the caller can keep the complete
//! items and drop the rest.
//!
//! It never recurses (an explicit stack with a depth cap), never stores a string over
//! the cap (only its length), stops after a value count cap and at a list or object
//! longer than an item cap, and spends at most the work budget it is given. It never
//! panics: every byte access is checked.

/// A parsed value. Containers remember whether their closing bracket was seen.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    /// A string longer than the cap: only its length in bytes is kept.
    Oversized(usize),
    /// Unquoted text where an object member's value belongs.
    Bare(String),
    Array {
        items: Vec<Node>,
        complete: bool,
    },
    Object {
        members: Vec<(String, Node)>,
        complete: bool,
    },
}

/// Caps on what one call may build.
#[derive(Debug, Clone, Copy)]
pub(crate) struct JsonLimits {
    pub max_depth: usize,
    pub max_string_bytes: usize,
    pub max_values: usize,
    /// Most items in one list (or members in one object).
    pub max_items: usize,
}

/// Why parsing stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// A whole value was read.
    Complete,
    /// The text ended inside the value.
    Truncated,
    /// The text broke the grammar at `Parsed::end`.
    Invalid(&'static str),
    /// Nesting went past the depth cap.
    TooDeep,
    /// More values than the value cap.
    TooManyValues,
    /// A list or object with more items than the item cap.
    TooManyItems,
    /// The work budget ran out.
    OutOfBudget,
}

/// The result of one read: the (possibly partial) value, where reading stopped, and why.
#[derive(Debug)]
pub(crate) struct Parsed {
    pub node: Option<Node>,
    pub end: usize,
    pub stop: Stop,
}

mod scalar;

enum Frame {
    Array(Vec<Node>),
    Object {
        members: Vec<(String, Node)>,
        key: Option<String>,
    },
}

#[derive(Clone, Copy)]
enum Expect {
    Value,
    Key,
    Colon,
    CommaOrClose,
}

/// Reads one value starting at byte `start` of `text`, spending at most `budget` bytes
/// of work (decremented by what was consumed).
pub(crate) fn parse_value(
    text: &str,
    start: usize,
    limits: &JsonLimits,
    budget: &mut usize,
) -> Parsed {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: start,
        limits,
        values: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect = Expect::Value;
    loop {
        let consumed_before = reader.pos;
        let step = reader.step(&mut stack, &mut expect);
        let spent = reader.pos.saturating_sub(consumed_before).max(1);
        *budget = budget.saturating_sub(spent);
        match step {
            Step::Continue if *budget == 0 => return reader.abandon(stack, Stop::OutOfBudget),
            Step::Continue => {}
            Step::Done(node) => {
                return Parsed {
                    node: Some(node),
                    end: reader.pos,
                    stop: Stop::Complete,
                };
            }
            Step::Stop(stop) => return reader.abandon(stack, stop),
        }
    }
}

enum Step {
    Continue,
    Done(Node),
    Stop(Stop),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    limits: &'a JsonLimits,
    values: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn step(&mut self, stack: &mut Vec<Frame>, expect: &mut Expect) -> Step {
        self.skip_insignificant();
        let Some(byte) = self.peek() else {
            return Step::Stop(Stop::Truncated);
        };
        match *expect {
            Expect::Value => self.on_value(byte, stack, expect),
            Expect::Key => self.on_key(byte, stack, expect),
            Expect::Colon => {
                if byte == b':' || byte == b'=' {
                    self.pos += 1;
                    *expect = Expect::Value;
                    Step::Continue
                } else {
                    Step::Stop(Stop::Invalid("expected ':' after an object key"))
                }
            }
            Expect::CommaOrClose => self.on_comma_or_close(byte, stack, expect),
        }
    }

    fn on_value(&mut self, byte: u8, stack: &mut Vec<Frame>, expect: &mut Expect) -> Step {
        let in_object = matches!(stack.last(), Some(Frame::Object { .. }));
        let value = match byte {
            b'[' | b'{' => {
                if stack.len() >= self.limits.max_depth {
                    return Step::Stop(Stop::TooDeep);
                }
                self.pos += 1;
                if byte == b'[' {
                    stack.push(Frame::Array(Vec::new()));
                    *expect = Expect::Value;
                } else {
                    stack.push(Frame::Object {
                        members: Vec::new(),
                        key: None,
                    });
                    *expect = Expect::Key;
                }
                return Step::Continue;
            }
            // `[]` and a trailing comma in an array.
            b']' if matches!(stack.last(), Some(Frame::Array(_))) => {
                return self.close(stack, expect);
            }
            b'"' | b'\'' => match self.string(byte) {
                Some(value) => value,
                None => return Step::Stop(Stop::Truncated),
            },
            b'-' | b'+' | b'.' | b'0'..=b'9' => match self.number() {
                Some(value) => value,
                None => return Step::Stop(Stop::Invalid("malformed number")),
            },
            _ if byte.is_ascii_alphabetic() => match self.literal() {
                Some(value) => value,
                // `tr` at the very end (maybe before a line break): a cut-off literal, not a wrong word.
                None if self.word_reaches_end() => return Step::Stop(Stop::Truncated),
                None if in_object => self.bare(),
                None => return Step::Stop(Stop::Invalid("unexpected word")),
            },
            _ if in_object => self.bare(),
            _ => return Step::Stop(Stop::Invalid("expected a value")),
        };
        self.complete(value, stack, expect)
    }

    fn on_key(&mut self, byte: u8, stack: &mut Vec<Frame>, expect: &mut Expect) -> Step {
        let key = match byte {
            // `{}` and a trailing comma in an object.
            b'}' => return self.close(stack, expect),
            b'"' | b'\'' => match self.string(byte) {
                Some(Node::String(key)) => key,
                Some(_) => return Step::Stop(Stop::Invalid("object key over the string cap")),
                None => return Step::Stop(Stop::Truncated),
            },
            _ if byte.is_ascii_alphabetic() || byte == b'_' || byte == b'$' => {
                self.word().to_owned()
            }
            _ => return Step::Stop(Stop::Invalid("expected an object key")),
        };
        if let Some(Frame::Object { key: slot, .. }) = stack.last_mut() {
            *slot = Some(key);
        }
        *expect = Expect::Colon;
        Step::Continue
    }

    fn on_comma_or_close(&mut self, byte: u8, stack: &mut Vec<Frame>, expect: &mut Expect) -> Step {
        let in_array = matches!(stack.last(), Some(Frame::Array(_)));
        match byte {
            b',' => {
                self.pos += 1;
                *expect = if in_array { Expect::Value } else { Expect::Key };
                Step::Continue
            }
            b']' if in_array => self.close(stack, expect),
            b'}' if !in_array => self.close(stack, expect),
            // A missing comma between two items: carry on as if it were there.
            b'{' | b'[' | b'"' | b'\'' | b'-' | b'0'..=b'9' if in_array => {
                *expect = Expect::Value;
                Step::Continue
            }
            b'"' | b'\'' => {
                *expect = Expect::Key;
                Step::Continue
            }
            _ => Step::Stop(Stop::Invalid("expected ',' or a closing bracket")),
        }
    }

    /// Pops the innermost container as complete and hands it to its parent.
    fn close(&mut self, stack: &mut Vec<Frame>, expect: &mut Expect) -> Step {
        self.pos += 1;
        let node = match stack.pop() {
            Some(Frame::Array(items)) => Node::Array {
                items,
                complete: true,
            },
            Some(Frame::Object { members, .. }) => Node::Object {
                members,
                complete: true,
            },
            None => return Step::Stop(Stop::Invalid("unbalanced closing bracket")),
        };
        self.complete(node, stack, expect)
    }

    fn complete(&mut self, node: Node, stack: &mut [Frame], expect: &mut Expect) -> Step {
        self.values += 1;
        if self.values > self.limits.max_values {
            return Step::Stop(Stop::TooManyValues);
        }
        let full = match stack.last() {
            Some(Frame::Array(items)) => items.len() >= self.limits.max_items,
            Some(Frame::Object { members, .. }) => members.len() >= self.limits.max_items,
            None => false,
        };
        if full {
            return Step::Stop(Stop::TooManyItems);
        }
        match stack.last_mut() {
            None => Step::Done(node),
            Some(Frame::Array(items)) => {
                items.push(node);
                *expect = Expect::CommaOrClose;
                Step::Continue
            }
            Some(Frame::Object { members, key }) => {
                let name = key.take().unwrap_or_default();
                members.push((name, node));
                *expect = Expect::CommaOrClose;
                Step::Continue
            }
        }
    }

    /// Closes every open container as incomplete; a member whose value never came is
    /// dropped, and so is a half-read scalar.
    fn abandon(&self, stack: Vec<Frame>, stop: Stop) -> Parsed {
        let mut carried: Option<Node> = None;
        for frame in stack.into_iter().rev() {
            let node = match frame {
                Frame::Array(mut items) => {
                    items.extend(carried.take());
                    Node::Array {
                        items,
                        complete: false,
                    }
                }
                Frame::Object { mut members, key } => {
                    if let (Some(key), Some(child)) = (key, carried.take()) {
                        members.push((key, child));
                    }
                    Node::Object {
                        members,
                        complete: false,
                    }
                }
            };
            carried = Some(node);
        }
        Parsed {
            node: carried,
            end: self.pos,
            stop,
        }
    }
}

#[cfg(test)]
mod tests;
