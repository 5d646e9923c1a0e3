//! Proleptic Gregorian dates as days since 1970-01-01, for the few timestamps the
//! protocols carry (`Retry-After`'s HTTP-dates, a batch job's RFC 3339 times), without a
//! date library.

/// How many days `month` (1-12) of `year` has.
pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
    }

    proptest! {
        #[test]
        fn day_arithmetic_matches_consecutive_days(
            year in 1900i64..2200, month in 1i64..=12, day in 1i64..=28,
        ) {
            let today = days_from_civil(year, month, day);
            let tomorrow = days_from_civil(year, month, day + 1);
            prop_assert_eq!(tomorrow - today, 1);
        }

        #[test]
        fn a_month_ends_where_the_next_begins(year in 1900i64..2200, month in 1i64..=11) {
            let last = days_from_civil(year, month, days_in_month(year, month));
            prop_assert_eq!(days_from_civil(year, month + 1, 1) - last, 1);
        }
    }
}
