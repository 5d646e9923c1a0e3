//! `google.rpc.RetryInfo`: how long the API asks a client to wait, in an error body.
//!
//! A 429 `RESOURCE_EXHAUSTED` from the Gemini API carries, among its `details`,
//! `{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}`. The
//! delay is a protobuf `Duration` in its JSON form: decimal seconds with up to nine
//! fractional digits and an `s` (`"0.5s"`, `"45.837906927s"`). The body, unlike the
//! `Retry-After` header, is readable cross-origin.

use serde_json::Value;

/// The delay of the first `google.rpc.RetryInfo` among `details`, in milliseconds
/// (rounded up), if there is a readable one.
pub(crate) fn retry_delay_ms(details: &[Value]) -> Option<u64> {
    details
        .iter()
        .find(|detail| {
            detail
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|kind| kind.ends_with("google.rpc.RetryInfo"))
        })
        .and_then(|detail| detail.get("retryDelay"))
        .and_then(Value::as_str)
        .and_then(duration_ms)
}

/// A protobuf JSON duration (`"37s"`, `"0.5s"`) in milliseconds, rounded up; `None`
/// for anything else, a negative one included. A huge one saturates.
pub(crate) fn duration_ms(text: &str) -> Option<u64> {
    let number = text.strip_suffix('s')?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    let seconds = whole.parse::<u64>().unwrap_or(u64::MAX);
    // Nine digits of nanoseconds, then up to the next millisecond.
    let nanos: u64 = format!("{fraction:0<9}").parse().unwrap_or(0);
    Some(
        seconds
            .saturating_mul(1000)
            .saturating_add(nanos.div_ceil(1_000_000)),
    )
}

/// A delay for a sentence: `"37 s"`, `"0.5 s"`.
pub(crate) fn seconds_text(millis: u64) -> String {
    if millis.is_multiple_of(1000) {
        format!("{} s", millis / 1000)
    } else {
        // Tenths by integer arithmetic (no float formatting code in the wasm).
        let tenths = millis.div_ceil(100);
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protobuf_durations_read_as_milliseconds_rounded_up() {
        for (text, ms) in [
            ("37s", Some(37_000)),
            ("0.5s", Some(500)),
            ("45.837906927s", Some(45_838)),
            ("1.000000001s", Some(1_001)),
            ("0s", Some(0)),
            ("99999999999999999999s", Some(u64::MAX)),
        ] {
            assert_eq!(duration_ms(text), ms, "{text}");
        }
    }

    #[test]
    fn anything_else_is_no_delay() {
        for text in [
            "",
            "s",
            "37",
            "-1s",
            "1e3s",
            " 3s",
            "3.s5",
            "1.0000000001s",
            "3 s",
        ] {
            assert_eq!(duration_ms(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_first_retry_info_among_the_details_is_read() {
        let details: Vec<Value> = serde_json::from_str(
            r#"[{"@type":"type.googleapis.com/google.rpc.Help"},
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"12s"},
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"99s"}]"#,
        )
        .unwrap();
        assert_eq!(retry_delay_ms(&details), Some(12_000));
        assert_eq!(retry_delay_ms(&details[..1]), None);
    }

    #[test]
    fn delays_read_as_seconds() {
        assert_eq!(seconds_text(37_000), "37 s");
        assert_eq!(seconds_text(500), "0.5 s");
    }
}
