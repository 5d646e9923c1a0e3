//! The resumable protocol's rules as pure functions: which chunk is accepted, which of
//! its bytes are new, what is kept after a broken connection, and when a session may be
//! finalized (see `docs/contract.md`, "Resumable uploads").
//!
//! No I/O here: the handlers feed in numbers and act on the decision.

/// Granularity announced in `X-Goog-Upload-Chunk-Granularity`: 256 KiB.
pub const GRANULARITY: u64 = 262_144;

/// The commands of `X-Goog-Upload-Command`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// The request carries bytes.
    pub upload: bool,
    /// The request ends the upload.
    pub finalize: bool,
    /// The client asks how much the server has.
    pub query: bool,
    /// The client abandons the session.
    pub cancel: bool,
}

impl Command {
    /// Parses `upload`, `upload, finalize`, `finalize`, `query`, `cancel`.
    pub fn parse(text: &str) -> Option<Command> {
        let mut command = Command {
            upload: false,
            finalize: false,
            query: false,
            cancel: false,
        };
        for word in text.split(',').map(|word| word.trim().to_ascii_lowercase()) {
            match word.as_str() {
                "upload" => command.upload = true,
                "finalize" => command.finalize = true,
                "query" => command.query = true,
                "cancel" => command.cancel = true,
                "" => {}
                _ => return None,
            }
        }
        let any = command.upload || command.finalize || command.query || command.cancel;
        any.then_some(command)
    }
}

/// Why a chunk is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The chunk starts after what the server has: bytes would be missing.
    OffsetAhead {
        /// What the client sent.
        offset: u64,
        /// What the server has.
        committed: u64,
    },
    /// A non-final chunk does not end on a granule boundary.
    Misaligned {
        /// Bytes in the chunk.
        length: u64,
    },
    /// The bytes go past the declared size.
    BeyondDeclared {
        /// Where they end.
        end: u64,
        /// `X-Goog-Upload-Header-Content-Length` at start.
        declared: u64,
    },
    /// Finalizing with another size than declared.
    SizeMismatch {
        /// What the server has.
        total: u64,
        /// What was declared.
        declared: u64,
    },
    /// The file would be larger than the per-file limit.
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The project's stored bytes would pass the per-project limit.
    ProjectFull {
        /// The limit.
        limit: u64,
    },
}

impl Refusal {
    /// The message of the 400 answer.
    pub fn message(&self) -> String {
        match self {
            Refusal::OffsetAhead { offset, committed } => format!(
                "Invalid upload offset {offset}: the server has received {committed} bytes. \
                 Query the upload status and resume from there."
            ),
            Refusal::Misaligned { length } => format!(
                "The upload chunk of {length} bytes is not a multiple of the upload chunk \
                 granularity {GRANULARITY} and is not the final chunk."
            ),
            Refusal::BeyondDeclared { end, declared } => format!(
                "The upload would end at byte {end}, beyond the declared length {declared}."
            ),
            Refusal::SizeMismatch { total, declared } => format!(
                "Failed to finalize the upload: received {total} bytes but the declared length \
                 is {declared} bytes."
            ),
            Refusal::TooLarge { limit } => {
                format!("The file exceeds the maximum allowed size of {limit} bytes.")
            }
            Refusal::ProjectFull { limit } => {
                format!("The project's file storage limit of {limit} bytes would be exceeded.")
            }
        }
    }
}

/// Checks a chunk before its body is read; returns how many leading bytes overlap what
/// the server already has (they are read and ignored).
pub fn admit(committed: u64, offset: u64) -> Result<u64, Refusal> {
    if offset > committed {
        return Err(Refusal::OffsetAhead { offset, committed });
    }
    Ok(committed - offset)
}

/// The end state after a chunk's body was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Commit up to `committed`; finalize if asked and the body was whole.
    Commit {
        /// The session's new committed size.
        committed: u64,
        /// The file is complete.
        finalize: bool,
    },
    /// Nothing from this chunk is kept.
    Refuse(Refusal),
}

/// What a session keeps of a chunk that started at `offset` and of which `received`
/// bytes arrived; `complete` is false when the connection broke.
pub fn settle(
    committed: u64,
    offset: u64,
    received: u64,
    complete: bool,
    command: Command,
    declared: Option<u64>,
    max_file: u64,
) -> Settled {
    let end = offset + received;
    if !complete {
        // A broken chunk keeps its whole granules only.
        let kept = end - end % GRANULARITY;
        let kept = declared
            .map_or(kept, |declared| kept.min(declared))
            .min(max_file);
        return Settled::Commit {
            committed: committed.max(kept),
            finalize: false,
        };
    }
    if end > max_file {
        return Settled::Refuse(Refusal::TooLarge { limit: max_file });
    }
    if let Some(declared) = declared
        && end > declared
    {
        return Settled::Refuse(Refusal::BeyondDeclared { end, declared });
    }
    let total = committed.max(end);
    if command.finalize {
        if let Some(declared) = declared
            && total != declared
        {
            return Settled::Refuse(Refusal::SizeMismatch { total, declared });
        }
        return Settled::Commit {
            committed: total,
            finalize: true,
        };
    }
    if received > 0 && !end.is_multiple_of(GRANULARITY) {
        return Settled::Refuse(Refusal::Misaligned { length: received });
    }
    Settled::Commit {
        committed: total,
        finalize: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const G: u64 = GRANULARITY;
    const UPLOAD: Command = Command {
        upload: true,
        finalize: false,
        query: false,
        cancel: false,
    };
    const FINAL: Command = Command {
        upload: true,
        finalize: true,
        query: false,
        cancel: false,
    };
    const MAX: u64 = u64::MAX / 2;

    #[test]
    fn parses_the_combined_command() {
        assert_eq!(Command::parse("upload, finalize"), Some(FINAL));
        assert_eq!(Command::parse("query").map(|c| c.query), Some(true));
        assert_eq!(Command::parse("dance"), None);
        assert_eq!(Command::parse(""), None);
    }

    #[test]
    fn refuses_an_offset_ahead_of_the_server() {
        assert_eq!(
            admit(G, 2 * G),
            Err(Refusal::OffsetAhead {
                offset: 2 * G,
                committed: G
            })
        );
    }

    #[test]
    fn ignores_the_overlap_of_a_chunk_that_starts_below() {
        assert_eq!(admit(2 * G, G), Ok(G));
        assert_eq!(
            settle(2 * G, G, 2 * G, true, UPLOAD, None, MAX),
            Settled::Commit {
                committed: 3 * G,
                finalize: false
            }
        );
    }

    #[test]
    fn refuses_a_misaligned_middle_chunk() {
        assert_eq!(
            settle(0, 0, G + 1, true, UPLOAD, None, MAX),
            Settled::Refuse(Refusal::Misaligned { length: G + 1 })
        );
    }

    #[test]
    fn accepts_a_misaligned_final_chunk() {
        assert_eq!(
            settle(G, G, 7, true, FINAL, Some(G + 7), MAX),
            Settled::Commit {
                committed: G + 7,
                finalize: true
            }
        );
    }

    #[test]
    fn keeps_whole_granules_of_a_broken_chunk() {
        assert_eq!(
            settle(G, G, 2 * G + 100, false, UPLOAD, None, MAX),
            Settled::Commit {
                committed: 3 * G,
                finalize: false
            }
        );
        assert_eq!(
            settle(G, G, G - 1, false, FINAL, None, MAX),
            Settled::Commit {
                committed: G,
                finalize: false
            }
        );
    }

    #[test]
    fn refuses_to_finalize_with_the_wrong_length() {
        assert_eq!(
            settle(0, 0, 10, true, FINAL, Some(11), MAX),
            Settled::Refuse(Refusal::SizeMismatch {
                total: 10,
                declared: 11
            })
        );
    }

    #[test]
    fn finalizes_an_empty_file() {
        assert_eq!(
            settle(0, 0, 0, true, FINAL, Some(0), MAX),
            Settled::Commit {
                committed: 0,
                finalize: true
            }
        );
    }

    #[test]
    fn refuses_bytes_beyond_the_per_file_limit() {
        assert_eq!(
            settle(0, 0, 2 * G, true, UPLOAD, None, G),
            Settled::Refuse(Refusal::TooLarge { limit: G })
        );
    }

    proptest! {
        #[test]
        fn committed_never_shrinks_and_stays_aligned_until_final(
            committed_granules in 0u64..50, back in 0u64..5, received in 0u64..(20 * G), complete: bool
        ) {
            let committed = committed_granules * G;
            let offset = committed.saturating_sub(back * G);
            match settle(committed, offset, received, complete, UPLOAD, None, MAX) {
                Settled::Commit { committed: next, finalize } => {
                    prop_assert!(next >= committed);
                    prop_assert_eq!(next % G, 0);
                    prop_assert!(!finalize);
                }
                Settled::Refuse(Refusal::Misaligned { .. }) => prop_assert!(complete),
                Settled::Refuse(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }
}
