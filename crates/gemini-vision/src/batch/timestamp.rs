//! RFC 3339 timestamps (`createTime`, `updateTime`, `endTime`) as milliseconds since
//! the Unix epoch, so a job's age can be measured without a date library.

use crate::calendar::{days_from_civil, days_in_month};

/// Milliseconds since 1970-01-01T00:00:00Z for an RFC 3339 timestamp
/// (`2026-05-12T08:30:00.123456Z`, `2026-05-12T10:30:00+02:00`), or `None` when the
/// text is not one. Fractions beyond milliseconds are dropped; years before 1970 are
/// refused (no job is that old).
pub(crate) fn parse_rfc3339_ms(text: &str) -> Option<i64> {
    let bytes = text.trim().as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let separators_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let valid = (1970..=9999).contains(&year)
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }

    let mut at = 19;
    let mut millis = 0;
    if bytes.get(at) == Some(&b'.') {
        let digits = bytes
            .get(at + 1..)?
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        let kept = digits.min(3);
        let scale = [100, 10, 1][kept - 1];
        millis = number(at + 1..at + 1 + kept)? * scale;
        at += 1 + digits;
    }
    let offset_minutes = match bytes.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (hours, minutes) = (number(at + 1..at + 3)?, number(at + 4..at + 6)?);
            if hours >= 24 || minutes >= 60 {
                return None;
            }
            let offset = hours * 60 + minutes;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => return None,
    };

    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::parse_http_date;
    use proptest::prelude::*;

    #[test]
    fn the_epoch_is_zero() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
    }

    #[test]
    fn fractions_and_offsets_are_honoured() {
        let utc = parse_rfc3339_ms("2026-05-12T08:30:00Z").unwrap();
        assert_eq!(
            parse_rfc3339_ms("2026-05-12T08:30:00.123456789Z"),
            Some(utc + 123)
        );
        assert_eq!(parse_rfc3339_ms("2026-05-12T08:30:00.5Z"), Some(utc + 500));
        assert_eq!(parse_rfc3339_ms("2026-05-12T10:30:00+02:00"), Some(utc));
        assert_eq!(parse_rfc3339_ms("2026-05-12T07:00:00-01:30"), Some(utc));
    }

    #[test]
    fn it_agrees_with_the_http_date_parser() {
        let http = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(parse_rfc3339_ms("1994-11-06T08:49:37Z"), Some(http * 1000));
        let leap = parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT").unwrap();
        assert_eq!(parse_rfc3339_ms("2028-02-29T23:59:59Z"), Some(leap * 1000));
    }

    #[test]
    fn malformed_timestamps_are_none() {
        for text in [
            "",
            "2026-05-12",
            "2026-05-12T08:30:00",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-05-12T24:00:00Z",
            "2026-05-12T08:30:00.Z",
            "2026-05-12T08:30:00+0200",
            "1969-12-31T23:59:59Z",
            "２026-05-12T08:30:00Z",
            "2026-05-12T08:30:00Zjunk",
        ] {
            assert_eq!(parse_rfc3339_ms(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,40}") {
            let _ = parse_rfc3339_ms(&text);
        }

        #[test]
        fn consecutive_seconds_are_a_second_apart(
            year in 1970i64..2200, month in 1i64..=12, day in 1i64..=28, second in 0i64..86_399,
        ) {
            let stamp = |s: i64| format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60
            );
            let a = parse_rfc3339_ms(&stamp(second)).unwrap();
            let b = parse_rfc3339_ms(&stamp(second + 1)).unwrap();
            prop_assert_eq!(b - a, 1000);
        }
    }
}
