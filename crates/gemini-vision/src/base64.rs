//! Base64, in one place. Out: the standard alphabet with padding (the API's `inlineData`),
//! written by `gemini_vision_kernels::base64` (wasm SIMD128 where the target has it) so
//! that a request's media is encoded once, slice by slice. In: either alphabet, padded
//! or not, line breaks skipped (what models and users send).

use crate::error::{Error, Result};
use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

pub use gemini_vision_kernels::base64::{encode_slice, encode_to_slice, encoded_len};

/// Appends the standard, padded base64 of `bytes` to `out`.
pub(crate) fn encode_to_string(bytes: &[u8], out: &mut String) {
    let mut text = Vec::new();
    encode_slice(bytes, &mut text);
    // Base64 is ASCII.
    out.push_str(std::str::from_utf8(&text).unwrap_or_default());
}

const LENIENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const URL_SAFE_LENIENT: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// Decodes base64 in either alphabet (URL-safe when it holds `-` or `_`), padded or not,
/// skipping ASCII whitespace (line breaks).
pub fn decode(text: &[u8]) -> Result<Vec<u8>> {
    let compact: std::borrow::Cow<'_, [u8]> = if text.iter().any(u8::is_ascii_whitespace) {
        text.iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect::<Vec<u8>>()
            .into()
    } else {
        text.into()
    };
    let engine = if compact.iter().any(|&b| b == b'-' || b == b'_') {
        &URL_SAFE_LENIENT
    } else {
        &STANDARD_LENIENT
    };
    engine
        .decode(&compact)
        .map_err(|err| Error::malformed("base64 data", err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};

    #[test]
    fn both_alphabets_padded_or_not_and_broken_lines_decode() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        let standard = STANDARD.encode(&bytes);
        assert_eq!(decode(standard.as_bytes()).unwrap(), bytes);
        assert_eq!(
            decode(URL_SAFE_NO_PAD.encode(&bytes).as_bytes()).unwrap(),
            bytes
        );
        assert_eq!(
            decode(standard.trim_end_matches('=').as_bytes()).unwrap(),
            bytes
        );
        assert_eq!(decode(b"aGVs\nbG8=\r\n").unwrap(), b"hello");
    }

    #[test]
    fn what_is_not_base64_is_a_malformed_error() {
        assert_eq!(decode(b"a!b=").unwrap_err().code(), "MALFORMED");
    }

    #[test]
    fn appending_to_a_string_keeps_what_was_there() {
        let mut out = String::from("data:image/png;base64,");
        encode_to_string(b"hello", &mut out);
        assert_eq!(out, "data:image/png;base64,aGVsbG8=");
    }
}
