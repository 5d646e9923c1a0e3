//! Wall-clock times in the API's RFC 3339 form (`2025-10-24T07:45:09.123456Z`) and
//! protobuf durations (`"3600s"`).
//!
//! Only formatting and parsing live here; it never reads a clock except in [`now`].

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

/// Parses RFC 3339 (`2025-10-24T07:45:09.123Z`, `...+02:00`), as protobuf's
/// `Timestamp` takes it. `None` for anything else or before 1970.
pub fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = text.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if bytes.len() < 20
        || separators
            .iter()
            .any(|(at, byte)| bytes.get(*at) != Some(byte))
    {
        return None;
    }
    if !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = text.get(19..)?;
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let padded = format!("{:0<9}", fraction.get(..digits)?);
        nanos = padded.parse().ok()?;
        rest = fraction.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        zone if zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')) => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let hours: i64 = zone.get(1..3)?.parse().ok()?;
            let minutes: i64 = zone.get(4..6)?.parse().ok()?;
            if zone.as_bytes().get(3) != Some(&b':') || hours > 23 || minutes > 59 {
                return None;
            }
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month as u32, day as u32);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let secs = u64::try_from(secs).ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_nanos(u64::from(nanos)))
}

/// Parses a protobuf duration (`"3600s"`, `"1.5s"`, `"-2s"`) into seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let number = text.strip_suffix('s')?;
    let unsigned = number.strip_prefix('-').unwrap_or(number);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 12
        || fraction.len() > 9
        || !digits(whole)
        || !digits(fraction)
    {
        return None;
    }
    if unsigned.ends_with('.') {
        return None;
    }
    number.parse().ok()
}

/// (year, month, day) to days since 1970-01-01, the inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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

    #[test]
    fn parses_offsets_and_fractions() {
        let time = UNIX_EPOCH + Duration::from_micros(1_761_291_909_123_456);
        assert_eq!(parse_rfc3339("2025-10-24T07:45:09.123456Z"), Some(time));
        assert_eq!(
            parse_rfc3339("2025-10-24T09:45:09.123456+02:00"),
            Some(time)
        );
        assert_eq!(
            parse_rfc3339("2025-10-24T07:45:09Z"),
            Some(UNIX_EPOCH + Duration::from_secs(1_761_291_909))
        );
        assert_eq!(parse_rfc3339("2025-10-24"), None);
        assert_eq!(parse_rfc3339("2025-13-24T07:45:09Z"), None);
        assert_eq!(parse_rfc3339("2025-10-24T07:45:09"), None);
    }

    #[test]
    fn parses_protobuf_durations() {
        assert_eq!(parse_duration("3600s"), Some(3600.0));
        assert_eq!(parse_duration("1.5s"), Some(1.5));
        assert_eq!(parse_duration("-2s"), Some(-2.0));
        assert_eq!(parse_duration("3600"), None);
        assert_eq!(parse_duration("1h"), None);
        assert_eq!(parse_duration("s"), None);
        assert_eq!(parse_duration("1.s"), None);
    }

    proptest! {
        #[test]
        fn formatted_times_parse_back(secs in 0u64..8_000_000_000, micros in 0u64..1_000_000) {
            let time = UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_micros(micros);
            prop_assert_eq!(parse_rfc3339(&rfc3339(time)), Some(time));
        }

        #[test]
        fn every_instant_has_the_fixed_shape(secs in 0u64..8_000_000_000, micros in 0u64..1_000_000) {
            let text = rfc3339(UNIX_EPOCH + Duration::from_secs(secs) + Duration::from_micros(micros));
            prop_assert_eq!(text.len(), 27);
            prop_assert!(text.ends_with('Z'));
            prop_assert_eq!(&text[10..11], "T");
        }
    }
}
