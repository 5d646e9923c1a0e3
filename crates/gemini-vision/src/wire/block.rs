//! Whether an answer was blocked, and why: the prompt (`promptFeedback.blockReason`)
//! or the first candidate (a filtering `finishReason` such as `SAFETY`).

use super::response::{BlockReason, FinishReason, GenerateContentResponse};
use super::safety::SafetyRating;
use std::fmt;

/// What blocked an answer.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockCause {
    /// The prompt itself was refused; there are no candidates.
    Prompt(BlockReason),
    /// The candidate was withheld or cut off by a filter.
    Candidate(FinishReason),
}

/// Why an answer was blocked.
#[derive(Debug, Clone, PartialEq)]
pub struct Blocked {
    /// What blocked it.
    pub cause: BlockCause,
    /// The server's explanation (`blockReasonMessage` / `finishMessage`), if any.
    pub message: Option<String>,
    /// The ratings that flagged it (`blocked`, or `MEDIUM`/`HIGH` probability).
    pub flagged: Vec<SafetyRating>,
}

impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.cause {
            BlockCause::Prompt(reason) => write!(f, "the prompt was blocked ({reason})")?,
            BlockCause::Candidate(reason) => write!(f, "the answer was blocked ({reason})")?,
        }
        for rating in &self.flagged {
            if let (Some(category), Some(probability)) = (&rating.category, &rating.probability) {
                write!(f, "; {category}: {probability}")?;
            }
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl GenerateContentResponse {
    /// Why the answer was blocked, or `None` when it was not.
    pub fn blocked(&self) -> Option<Blocked> {
        if let Some(feedback) = &self.prompt_feedback
            && let Some(reason) = &feedback.block_reason
        {
            return Some(Blocked {
                cause: BlockCause::Prompt(reason.clone()),
                message: feedback.block_reason_message.clone(),
                flagged: flagged(feedback.safety_ratings.as_deref().unwrap_or_default()),
            });
        }
        let candidate = self.first_candidate()?;
        let reason = candidate.finish_reason.as_ref().filter(|r| r.is_block())?;
        Some(Blocked {
            cause: BlockCause::Candidate(reason.clone()),
            message: candidate.finish_message.clone(),
            flagged: flagged(candidate.safety_ratings()),
        })
    }

    /// Whether the answer was blocked (see [`GenerateContentResponse::blocked`]).
    pub fn is_blocked(&self) -> bool {
        self.blocked().is_some()
    }
}

fn flagged(ratings: &[SafetyRating]) -> Vec<SafetyRating> {
    ratings.iter().filter(|r| r.is_flagged()).cloned().collect()
}
