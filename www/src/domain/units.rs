//! Sizes, rates, durations and dates as a person reads them ("1.4 MB", "82 MB/s").
//! Decimal units, as file managers and the API's documented limits use them.

/// `1234567` -> `"1.2 MB"`; below 1 kB the exact count (`"532 B"`).
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    let digits = if value < 10.0 { 1 } else { 0 };
    format!("{value:.digits$} {}", UNITS[unit])
}

/// A transfer rate in bytes per second, `"82 MB/s"`.
pub fn human_rate(bytes_per_second: f64) -> String {
    if !bytes_per_second.is_finite() || bytes_per_second <= 0.0 {
        return "\u{2013}".to_owned();
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = bytes_per_second.min(u64::MAX as f64) as u64;
    format!("{}/s", human_bytes(whole))
}

/// Seconds as `"42 s"`, `"3 min 5 s"` or `"1 h 02 min"`.
pub fn human_duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "\u{2013}".to_owned();
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = seconds.round().min(1.0e9) as u64;
    match whole {
        0..60 => format!("{whole} s"),
        60..3600 => format!("{} min {} s", whole / 60, whole % 60),
        _ => format!("{} h {:02} min", whole / 3600, (whole % 3600) / 60),
    }
}

/// A whole percentage of `done` out of `total`, clamped to 0-100 (100 for an empty total).
pub fn percent(done: u64, total: u64) -> u32 {
    if total == 0 {
        return 100;
    }
    let ratio = (u128::from(done.min(total)) * 100) / u128::from(total);
    u32::try_from(ratio).unwrap_or(100)
}

/// An RFC 3339 time from the API (`2026-11-24T10:00:00.123456Z`) shortened to
/// `2026-11-24 10:00 UTC`; anything else is returned as given.
pub fn short_timestamp(rfc3339: &str) -> String {
    let bytes = rfc3339.as_bytes();
    let looks_right = bytes.len() >= 16
        && bytes.get(4) == Some(&b'-')
        && bytes.get(10) == Some(&b'T')
        && bytes.get(13) == Some(&b':')
        && rfc3339.ends_with('Z');
    match (looks_right, rfc3339.get(..10), rfc3339.get(11..16)) {
        (true, Some(date), Some(time)) => format!("{date} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sizes_are_exact() {
        assert_eq!(human_bytes(0), "0 B");
        assert_eq!(human_bytes(999), "999 B");
    }

    #[test]
    fn sizes_use_decimal_units() {
        assert_eq!(human_bytes(1_000), "1.0 kB");
        assert_eq!(human_bytes(694_972), "695 kB");
        assert_eq!(human_bytes(1_803_972), "1.8 MB");
        assert_eq!(human_bytes(314_572_800), "315 MB");
        assert_eq!(human_bytes(20_971_520), "21 MB");
    }

    #[test]
    fn sizes_just_under_a_unit_roll_over() {
        assert_eq!(human_bytes(999_999), "1.0 MB");
    }

    #[test]
    fn rates_are_per_second() {
        assert_eq!(human_rate(82_000_000.0), "82 MB/s");
        assert_eq!(human_rate(0.0), "\u{2013}");
        assert_eq!(human_rate(f64::NAN), "\u{2013}");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(42.4), "42 s");
        assert_eq!(human_duration(185.0), "3 min 5 s");
        assert_eq!(human_duration(3720.0), "1 h 02 min");
        assert_eq!(human_duration(-1.0), "\u{2013}");
    }

    #[test]
    fn percent_is_clamped() {
        assert_eq!(percent(0, 10), 0);
        assert_eq!(percent(5, 10), 50);
        assert_eq!(percent(11, 10), 100);
        assert_eq!(percent(0, 0), 100);
    }

    #[test]
    fn api_timestamps_are_shortened() {
        assert_eq!(
            short_timestamp("2026-11-24T10:00:00.123456Z"),
            "2026-11-24 10:00 UTC"
        );
        assert_eq!(short_timestamp("yesterday"), "yesterday");
    }

    proptest::proptest! {
        #[test]
        fn percent_stays_in_range(done: u64, total: u64) {
            proptest::prop_assert!(percent(done, total) <= 100);
        }

        #[test]
        fn sizes_never_get_long(bytes: u64) {
            proptest::prop_assert!(human_bytes(bytes).len() <= 8, "{}", human_bytes(bytes));
        }

        #[test]
        fn timestamps_never_panic(text in "\\PC{0,40}") {
            let _ = short_timestamp(&text);
        }
    }
}
