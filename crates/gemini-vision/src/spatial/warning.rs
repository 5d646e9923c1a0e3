//! What the parser repaired, dropped or could not read, in words a user can act on.

use serde::Serialize;

/// What kind of thing a [`Warning`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The answer was cut off; complete items were kept, the rest dropped.
    Truncated,
    /// JSON that could not be read past some point.
    InvalidJson,
    /// An item was dropped (no usable box, point, 3D box or polygon).
    ItemDropped,
    /// A value was repaired (corners swapped, values clamped).
    Repaired,
    /// A part of an item was ignored (a malformed point, an extra key clash).
    FieldIgnored,
    /// A mask could not be used; the detection keeps its box.
    MaskUnsupported,
    /// A cap was reached (detections, nesting, values, work).
    LimitReached,
    /// Nothing that looks like detections was found.
    NoDetections,
}

impl WarningKind {
    /// The kind's name in JSON: `"truncated"`, `"invalid_json"`, `"item_dropped"`,
    /// `"repaired"`, `"field_ignored"`, `"mask_unsupported"`, `"limit_reached"` or
    /// `"no_detections"`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Truncated => "truncated",
            WarningKind::InvalidJson => "invalid_json",
            WarningKind::ItemDropped => "item_dropped",
            WarningKind::Repaired => "repaired",
            WarningKind::FieldIgnored => "field_ignored",
            WarningKind::MaskUnsupported => "mask_unsupported",
            WarningKind::LimitReached => "limit_reached",
            WarningKind::NoDetections => "no_detections",
        }
    }
}

/// One thing the parser wants the caller to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// What kind of problem this is.
    pub kind: WarningKind,
    /// The item it is about: its position among all items found in the text
    /// (not the detection index, since dropped items have none).
    pub item: Option<usize>,
    /// A sentence describing it.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.item {
            Some(item) => write!(f, "item {item}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Collects warnings up to a cap and counts the overflow.
#[derive(Debug)]
pub(crate) struct Warnings {
    kept: Vec<Warning>,
    cap: usize,
    overflow: usize,
}

impl Warnings {
    pub(crate) fn new(cap: usize) -> Self {
        Warnings {
            kept: Vec::new(),
            cap,
            overflow: 0,
        }
    }

    pub(crate) fn push(
        &mut self,
        kind: WarningKind,
        item: Option<usize>,
        message: impl Into<String>,
    ) {
        if self.kept.len() < self.cap {
            self.kept.push(Warning {
                kind,
                item,
                message: message.into(),
            });
        } else {
            self.overflow += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Warning> {
        if self.overflow > 0 {
            self.kept.push(Warning {
                kind: WarningKind::LimitReached,
                item: None,
                message: format!("{} more warnings were left out", self.overflow),
            });
        }
        self.kept
    }
}
