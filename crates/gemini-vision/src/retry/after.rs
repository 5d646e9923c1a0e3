//! `Retry-After`, turned into a delay without a clock.
//!
//! The header is either delta-seconds (`120`) or an HTTP-date. A date is only useful
//! relative to "now", and this crate has no clock, so the delay is the difference with
//! the same answer's `Date` header: both come from the server's clock, which makes the
//! result right even when the client's clock is wrong. Without a usable `Date` (CORS
//! hides it unless exposed) the date form yields nothing and the caller falls back to
//! its own backoff.

use crate::calendar::{days_from_civil, days_in_month};
use crate::http::{ResponseHeaders, header};

/// The delay the server asked for, in milliseconds, if it asked in a form we can use.
/// A date in the past means "now" (0).
pub fn retry_after_ms(headers: &ResponseHeaders) -> Option<u64> {
    let value = headers.get(header::RETRY_AFTER)?.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Saturate rather than fail: "wait forever" is still an instruction to wait long.
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(seconds.saturating_mul(1000));
    }
    let retry_at = parse_http_date(value)?;
    let now = parse_http_date(headers.get(header::DATE)?)?;
    let seconds = u64::try_from(retry_at.saturating_sub(now)).unwrap_or(0);
    Some(seconds.saturating_mul(1000))
}

/// Seconds since the Unix epoch for an HTTP-date in any of the three forms RFC 9110
/// asks recipients to accept:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT`
/// (RFC 850) and `Sun Nov  6 08:49:37 1994` (asctime).
pub(crate) fn parse_http_date(text: &str) -> Option<i64> {
    if text.len() > 64 {
        return None;
    }
    let tokens: Vec<&str> = text
        .split([' ', ',', '-'])
        .filter(|t| !t.is_empty())
        .collect();
    let (day, month, year, time) = match tokens.as_slice() {
        [weekday, day, month, year, time, "GMT"] if is_word(weekday) => {
            (*day, *month, *year, *time)
        }
        [weekday, month, day, time, year] if is_word(weekday) => (*day, *month, *year, *time),
        _ => return None,
    };
    let day: i64 = digits(day, 1, 2)?;
    let month = month_number(month)?;
    let year: i64 = match year.len() {
        // RFC 850's two-digit years: the nearest century in the past, as RFC 9110 says.
        2 => {
            let yy: i64 = digits(year, 2, 2)?;
            if yy < 70 { 2000 + yy } else { 1900 + yy }
        }
        _ => digits(year, 4, 4)?,
    };
    let mut clock = time.split(':');
    let hour: i64 = digits(clock.next()?, 2, 2)?;
    let minute: i64 = digits(clock.next()?, 2, 2)?;
    let second: i64 = digits(clock.next()?, 2, 2)?;
    let valid = clock.next().is_none()
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

fn is_word(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_alphabetic())
}

fn digits<T: std::str::FromStr>(token: &str, min: usize, max: usize) -> Option<T> {
    let ok = (min..=max).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit());
    if ok { token.parse().ok() } else { None }
}

fn month_number(name: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let index = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(name))?;
    i64::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn headers(retry_after: &str, date: Option<&str>) -> ResponseHeaders {
        let headers = ResponseHeaders::new().with(header::RETRY_AFTER, retry_after);
        match date {
            Some(date) => headers.with(header::DATE, date),
            None => headers,
        }
    }

    #[test]
    fn delta_seconds_become_milliseconds() {
        assert_eq!(retry_after_ms(&headers("7", None)), Some(7000));
        assert_eq!(retry_after_ms(&headers("0", None)), Some(0));
    }

    #[test]
    fn huge_delta_seconds_saturate() {
        let value = "99999999999999999999999";
        assert_eq!(retry_after_ms(&headers(value, None)), Some(u64::MAX));
    }

    #[test]
    fn http_date_is_measured_against_the_date_header() {
        let got = retry_after_ms(&headers(
            "Wed, 21 Oct 2015 07:28:30 GMT",
            Some("Wed, 21 Oct 2015 07:28:00 GMT"),
        ));
        assert_eq!(got, Some(30_000));
    }

    #[test]
    fn http_date_across_midnight_and_month_end() {
        let got = retry_after_ms(&headers(
            "Sun, 01 Mar 2020 00:00:05 GMT",
            Some("Sat, 29 Feb 2020 23:59:59 GMT"),
        ));
        assert_eq!(got, Some(6_000));
    }

    #[test]
    fn http_date_in_the_past_means_now() {
        let got = retry_after_ms(&headers(
            "Wed, 21 Oct 2015 07:28:00 GMT",
            Some("Wed, 21 Oct 2015 07:29:00 GMT"),
        ));
        assert_eq!(got, Some(0));
    }

    #[test]
    fn http_date_without_a_date_header_is_unusable() {
        assert_eq!(
            retry_after_ms(&headers("Wed, 21 Oct 2015 07:28:00 GMT", None)),
            None
        );
    }

    #[test]
    fn garbage_retry_after_is_ignored() {
        for value in ["soon", "-5", "1.5", "", "Wed, 32 Oct 2015 07:28:00 GMT"] {
            let got = retry_after_ms(&headers(value, Some("Wed, 21 Oct 2015 07:28:00 GMT")));
            assert_eq!(got, None, "{value:?}");
        }
    }

    #[test]
    fn all_three_date_forms_agree() {
        let imf = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
        let rfc850 = parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT");
        let asctime = parse_http_date("Sun Nov  6 08:49:37 1994");
        assert_eq!(imf, Some(784_111_777));
        assert_eq!(rfc850, imf);
        assert_eq!(asctime, imf);
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "Mon, 29 Feb 2021 00:00:00 GMT",
            "Mon, 01 Jan 2021 24:00:00 GMT",
            "Mon, 01 Foo 2021 00:00:00 GMT",
            "Mon, 01 Jan 2021 00:00:00 PST",
            "01 Jan 2021 00:00:00 GMT",
        ] {
            assert_eq!(parse_http_date(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn date_parsing_never_panics(text in "\\PC{0,80}") {
            let _ = parse_http_date(&text);
        }


        #[test]
        fn imf_dates_round_trip_through_delay(delta in 0u32..86_400) {
            let base = parse_http_date("Thu, 01 Jan 2026 00:00:00 GMT").unwrap();
            let later = base + i64::from(delta);
            let day = later.div_euclid(86_400) - base.div_euclid(86_400) + 1;
            let secs = later.rem_euclid(86_400);
            let text = format!(
                "Fri, {day:02} Jan 2026 {:02}:{:02}:{:02} GMT",
                secs / 3600, secs / 60 % 60, secs % 60
            );
            let got = retry_after_ms(&headers(&text, Some("Thu, 01 Jan 2026 00:00:00 GMT")));
            prop_assert_eq!(got, Some(u64::from(delta) * 1000));
        }
    }
}
