//! A chat's history, as `@google/genai`'s `Chat` keeps it: which roles it accepts
//! (`validateHistory`), which answers are valid (`isValidContent`), which turns are sent
//! with the next message (`extractCuratedHistory`: a model turn that is empty or has an
//! empty part is left out together with the user turn that asked for it), and what is
//! recorded after an answer (`recordHistory`).
//!
//! A shell describes each content ([`Turn`], [`PartPresence`]) and applies the answers to
//! the JS objects it holds: nothing here sees a content's data.

use crate::error::{Error, Result};

/// The role of one content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `"user"`.
    User,
    /// `"model"`.
    Model,
    /// Anything else (missing included).
    Other,
}

impl Role {
    /// The role named `role`.
    pub fn of(role: Option<&str>) -> Role {
        match role {
            Some("user") => Role::User,
            Some("model") => Role::Model,
            _ => Role::Other,
        }
    }
}

/// One content of a history, described.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// Its role.
    pub role: Role,
    /// Whether it is valid ([`is_valid_content`]).
    pub valid: bool,
}

/// One part of a content, described.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartPresence {
    /// `undefined`.
    Missing,
    /// An object without a single field.
    Empty,
    /// Anything with content.
    Filled,
}

/// Whether a content is valid: it has parts, and none of them is missing or empty.
/// `parts` is `None` when the content has no `parts` list.
pub fn is_valid_content(parts: Option<&[PartPresence]>) -> bool {
    match parts {
        None | Some([]) => false,
        Some(parts) => parts.iter().all(|p| *p == PartPresence::Filled),
    }
}

/// Checks that every content of a history given to `chats.create` is a user or model
/// turn, with the SDK's message (`role` is the offending role as JS would print it).
pub fn validate_roles<'a>(roles: impl IntoIterator<Item = Option<&'a str>>) -> Result<()> {
    for role in roles {
        if Role::of(role) == Role::Other {
            return Err(Error::sdk_check(format!(
                "Role must be user or model, but got {}.",
                role.unwrap_or("undefined")
            )));
        }
    }
    Ok(())
}

/// The positions of the turns sent with the next message (`extractCuratedHistory`):
/// user turns, and each run of model turns if all of them are valid; a run with an
/// invalid turn is dropped together with the user turn before it. A turn with another
/// role is skipped (the SDK's loop would never end on one; `chats.create` refuses them).
pub fn curated(history: &[Turn]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(history.len());
    let mut i = 0;
    while i < history.len() {
        match history[i].role {
            Role::User => {
                kept.push(i);
                i += 1;
            }
            Role::Other => i += 1,
            Role::Model => {
                let start = i;
                let mut valid = true;
                while i < history.len() && history[i].role == Role::Model {
                    valid &= history[i].valid;
                    i += 1;
                }
                if valid {
                    kept.extend(start..i);
                } else {
                    kept.pop();
                }
            }
        }
    }
    kept
}

/// What a finished send adds to the history after the user's message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordedOutput {
    /// The model's contents, as they came.
    Answer,
    /// One empty model turn (`{ role: "model", parts: [] }`), so the history keeps
    /// alternating: the answer had no content, or a content without a role.
    EmptyModelTurn,
}

/// What to record for an answer made of contents whose roles are given
/// (`has_role[i]`: whether content `i` has a role).
pub fn recorded_output(has_role: &[bool]) -> RecordedOutput {
    if !has_role.is_empty() && has_role.iter().all(|r| *r) {
        RecordedOutput::Answer
    } else {
        RecordedOutput::EmptyModelTurn
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: Turn = Turn {
        role: Role::User,
        valid: true,
    };
    const MODEL: Turn = Turn {
        role: Role::Model,
        valid: true,
    };
    const EMPTY_MODEL: Turn = Turn {
        role: Role::Model,
        valid: false,
    };

    #[test]
    fn a_valid_history_is_kept_whole() {
        assert_eq!(curated(&[USER, MODEL, USER, MODEL]), [0, 1, 2, 3]);
    }

    #[test]
    fn an_invalid_answer_drops_its_question_too() {
        assert_eq!(
            curated(&[USER, MODEL, USER, EMPTY_MODEL, USER, MODEL]),
            [0, 1, 4, 5]
        );
    }

    #[test]
    fn a_run_of_model_turns_is_kept_or_dropped_together() {
        assert_eq!(curated(&[USER, MODEL, EMPTY_MODEL]), Vec::<usize>::new());
        assert_eq!(curated(&[USER, MODEL, MODEL]), [0, 1, 2]);
    }

    #[test]
    fn a_history_may_start_with_a_model_turn() {
        assert_eq!(curated(&[MODEL, USER]), [0, 1]);
        assert_eq!(curated(&[EMPTY_MODEL, USER]), [1]);
    }

    #[test]
    fn another_role_is_skipped_rather_than_looping() {
        let other = Turn {
            role: Role::Other,
            valid: true,
        };
        assert_eq!(curated(&[USER, other, MODEL]), [0, 2]);
    }

    #[test]
    fn valid_contents_have_filled_parts() {
        assert!(is_valid_content(Some(&[PartPresence::Filled])));
        assert!(!is_valid_content(None));
        assert!(!is_valid_content(Some(&[])));
        assert!(!is_valid_content(Some(&[
            PartPresence::Filled,
            PartPresence::Empty
        ])));
        assert!(!is_valid_content(Some(&[PartPresence::Missing])));
    }

    #[test]
    fn roles_must_be_user_or_model() {
        assert!(validate_roles([Some("user"), Some("model")]).is_ok());
        let error = validate_roles([Some("user"), Some("system")]).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("Role must be user or model, but got system.")
        );
        let error = validate_roles([None]).unwrap_err();
        assert!(error.to_string().contains("but got undefined."));
    }

    #[test]
    fn an_answer_without_roles_is_recorded_as_an_empty_model_turn() {
        assert_eq!(recorded_output(&[true, true]), RecordedOutput::Answer);
        assert_eq!(
            recorded_output(&[true, false]),
            RecordedOutput::EmptyModelTurn
        );
        assert_eq!(recorded_output(&[]), RecordedOutput::EmptyModelTurn);
    }
}
