//! Wall-clock times in the API's RFC 3339 form (`2025-10-24T07:45:09.123456Z`).
//!
//! Only formatting lives here; it never reads a clock except in [`now`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The current time.
pub fn now() -> SystemTime {
    SystemTime::now()
}

/// Formats a time as RFC 3339 in UTC with microseconds and a `Z`, as the File API does.
pub fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = since.as_secs();
    let micros = since.subsec_micros();
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to a (year, month, day), after Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_a_known_instant() {
        let time = UNIX_EPOCH + Duration::from_micros(1_761_291_909_123_456);
        assert_eq!(rfc3339(time), "2025-10-24T07:45:09.123456Z");
    }

    #[test]
    fn formats_the_epoch() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
    }

    proptest! {
        #[test]
        fn every_instant_has_the_fixed_shape(secs in 0u64..8_000_000_000, micros in 0u64..1_000_000) {
            let text = rfc3339(UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_micros(micros));
            prop_assert_eq!(text.len(), 27);
            prop_assert!(text.ends_with('Z'));
            prop_assert_eq!(&text[10..11], "T");
        }
    }
}
