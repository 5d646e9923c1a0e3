//! What the user sees on stderr: one line per event, progress at most once a second,
//! and nothing that holds the API key (every line is scrubbed before it is written, so
//! a server that echoed the key back still could not make us print it).

use gemini_vision::ApiKey;
use std::time::{Duration, Instant};

/// How often a repeating progress line is written.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// The command's stderr.
#[derive(Debug)]
pub struct Console {
    key: ApiKey,
    last_progress: Option<Instant>,
}

impl Console {
    /// A console that scrubs `key` from everything it writes.
    pub fn new(key: ApiKey) -> Self {
        Console {
            key,
            last_progress: None,
        }
    }

    /// Writes one line.
    pub fn say(&self, line: &str) {
        eprintln!("gemini-vision batch: {}", self.key.redact(line));
    }

    /// Writes a progress line, unless one was written less than a second ago and this
    /// one is not `last`.
    pub fn progress(&mut self, line: &str, last: bool) {
        let due = self
            .last_progress
            .is_none_or(|at| at.elapsed() >= PROGRESS_EVERY);
        if due || last {
            self.say(line);
            self.last_progress = Some(Instant::now());
        }
    }
}

/// `12.3 MB` and the like, for progress lines.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "kB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_person_writes_them() {
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_500), "1.5 kB");
        assert_eq!(bytes(40_100_000), "40.1 MB");
    }
}
