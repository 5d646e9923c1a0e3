//! The bodies of `batchGenerateContent`: the requests inline, or a JSONL file's name.
//!
//! Inline, every `GenerateContentRequest` field sits inside `request` and only
//! `metadata` (which carries the key) sits beside it:
//! `{"batch": {"displayName", "inputConfig": {"requests": {"requests": [{"request":
//! {...}, "metadata": {"key": K}}]}}}}`. The body comes as [`BodyPieces`] so media
//! are base64-encoded by the shell straight into it, as for `generateContent`.

use super::error::BatchError;
use super::input::BatchInput;
use super::pieces::PieceWriter;
use crate::endpoint::batch::resource_name;
use crate::request::BodyPieces;
use serde_json::json;

const OPEN: &[u8] = br#"{"batch":{"#;
const INPUT_OPEN: &[u8] = br#""inputConfig":{"requests":{"requests":["#;
const REQUEST_OPEN: &[u8] = br#"{"request":"#;
const METADATA_OPEN: &[u8] = br#","metadata":{"key":"#;
const ENTRY_CLOSE: &[u8] = b"}}";
const CLOSE: &[u8] = b"]}}}}";

impl BatchInput {
    /// The inline create body, `POST` to
    /// [`Endpoint::batch_generate_content`](crate::endpoint::Endpoint::batch_generate_content).
    /// Media slots are global (see [`BatchInput::slot_owner`]).
    pub fn inline_body(&self, display_name: Option<&str>) -> Result<BodyPieces, BatchError> {
        let mut body = PieceWriter::new();
        body.json(OPEN);
        body.json(&display_name_member(display_name));
        body.json(INPUT_OPEN);
        for index in 0..self.len() {
            if index > 0 {
                body.json(b",");
            }
            body.json(REQUEST_OPEN);
            body.extend(self.request_pieces(index)?);
            body.json(METADATA_OPEN);
            body.json(&self.key_json(index));
            body.json(ENTRY_CLOSE);
        }
        body.json(CLOSE);
        Ok(body.finish())
    }

    /// The exact length of [`BatchInput::inline_body`], without laying it out.
    pub fn inline_body_len(&self, display_name: Option<&str>) -> u64 {
        let fixed =
            OPEN.len() + display_name_member(display_name).len() + INPUT_OPEN.len() + CLOSE.len();
        let per_entry = (REQUEST_OPEN.len() + METADATA_OPEN.len() + ENTRY_CLOSE.len()) as u64;
        let entries = (0..self.len()).fold(0u64, |sum, index| {
            sum.saturating_add(
                per_entry + self.request_len(index) + self.key_json(index).len() as u64,
            )
        });
        let commas = self.len().saturating_sub(1) as u64;
        (fixed as u64)
            .saturating_add(entries)
            .saturating_add(commas)
    }
}

/// The create body of a batch whose requests are in an uploaded JSONL file
/// (`files/{id}` or a bare id): `{"batch": {"displayName", "inputConfig":
/// {"fileName": "files/{id}"}}}`.
pub fn file_create_body(
    display_name: Option<&str>,
    file_name: &str,
) -> Result<Vec<u8>, BatchError> {
    // Checked like a name in a URL: a file name the API would never have issued.
    resource_name("files", file_name)?;
    let trimmed = file_name.trim();
    let name = if trimmed.starts_with("files/") {
        trimmed.to_owned()
    } else {
        format!("files/{trimmed}")
    };
    let mut batch = json!({ "inputConfig": { "fileName": name } });
    if let Some(display_name) = display_name {
        batch["displayName"] = json!(display_name);
    }
    Ok(serde_json::to_vec(&json!({ "batch": batch })).unwrap_or_default())
}

/// `"displayName":"...",` or nothing.
fn display_name_member(display_name: Option<&str>) -> Vec<u8> {
    let Some(name) = display_name else {
        return Vec::new();
    };
    let mut member = br#""displayName":"#.to_vec();
    // A string always serializes.
    member.extend(serde_json::to_vec(name).unwrap_or_default());
    member.push(b',');
    member
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::BatchItem;
    use crate::request::{BodyPiece, RequestBuilder};
    use serde_json::Value;

    fn input() -> BatchInput {
        let mut first = RequestBuilder::new();
        first
            .system_instruction("Answer with JSON.")
            .inline_with_mime(vec![1, 2, 3, 4], "image/png")
            .text("Detect the cupcakes.")
            .json_output()
            .safety_setting(
                crate::wire::HarmCategory::DangerousContent,
                crate::wire::HarmBlockThreshold::BlockOnlyHigh,
            );
        let mut second = RequestBuilder::new();
        second.text("Point to the tea pot.");
        BatchInput::new(vec![
            BatchItem::keyed("cupcakes.png", first),
            BatchItem::new(second),
        ])
        .unwrap()
    }

    /// The body with each media slot filled with the base64 of `[7; raw_len]`.
    fn assemble(pieces: &BodyPieces) -> Vec<u8> {
        let mut out = Vec::new();
        for piece in pieces.pieces() {
            match piece {
                BodyPiece::Json(json) => out.extend_from_slice(json),
                BodyPiece::Media { raw_len, .. } => {
                    let mut encoded = Vec::new();
                    crate::base64::encode_slice(&vec![7; *raw_len as usize], &mut encoded);
                    out.extend(encoded);
                }
            }
        }
        out
    }

    #[test]
    fn every_request_field_sits_inside_request_and_the_key_in_metadata() {
        let body = input().inline_body(Some("job-1")).unwrap();
        let json: Value = serde_json::from_slice(&assemble(&body)).unwrap();
        assert_eq!(json["batch"]["displayName"], "job-1");
        let entries = json["batch"]["inputConfig"]["requests"]["requests"]
            .as_array()
            .unwrap();
        assert_eq!(entries.len(), 2);
        for entry in entries {
            let mut members: Vec<_> = entry.as_object().unwrap().keys().cloned().collect();
            members.sort();
            assert_eq!(members, ["metadata", "request"]);
        }
        let first = &entries[0];
        assert_eq!(first["metadata"]["key"], "cupcakes.png");
        assert!(first["request"]["systemInstruction"].is_object());
        assert!(first["request"]["safetySettings"].is_array());
        assert_eq!(
            first["request"]["generationConfig"]["responseMimeType"],
            "application/json"
        );
        assert_eq!(
            first["request"]["contents"][0]["parts"][0]["inlineData"]["data"],
            "BwcHBw=="
        );
        assert_eq!(entries[1]["metadata"]["key"], "req-2");
    }

    #[test]
    fn the_predicted_length_is_exact() {
        let input = input();
        for name in [None, Some("job \"1\" ✓")] {
            let body = input.inline_body(name).unwrap();
            assert_eq!(body.len(), input.inline_body_len(name));
            assert_eq!(assemble(&body).len() as u64, body.len());
        }
    }

    #[test]
    fn a_file_body_names_the_file_and_nothing_else() {
        let body = file_create_body(Some("nightly"), "abc-123").unwrap();
        let json: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"batch": {"displayName": "nightly", "inputConfig": {"fileName": "files/abc-123"}}})
        );
        let bare = file_create_body(None, "files/abc").unwrap();
        assert_eq!(
            bare,
            br#"{"batch":{"inputConfig":{"fileName":"files/abc"}}}"#
        );
    }

    #[test]
    fn a_file_name_that_could_not_be_real_is_refused() {
        for name in ["", "files/../x", "batches/x", "a?b"] {
            assert!(file_create_body(None, name).is_err(), "{name:?}");
        }
    }
}
