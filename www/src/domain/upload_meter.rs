//! Upload progress as the bar shows it: bytes, percentage, speed and time left.
//!
//! The speed is measured over a sliding window of recent reports, so a pause (a retry
//! after a fault) shows as a drop and the estimate recovers when bytes flow again. The
//! clock is passed in (milliseconds from `performance.now()`), which keeps this testable.

use super::units::{human_bytes, human_duration, human_rate, percent};
use std::collections::VecDeque;

/// How far back the speed looks.
const WINDOW_MS: f64 = 3_000.0;

/// Progress of one upload.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadMeter {
    total: u64,
    sent: u64,
    restarts: u32,
    samples: VecDeque<(f64, u64)>,
}

impl UploadMeter {
    /// An upload of `total` bytes that starts at `now_ms`.
    pub fn new(total: u64, now_ms: f64) -> Self {
        let mut samples = VecDeque::new();
        samples.push_back((now_ms, 0));
        UploadMeter {
            total,
            sent: 0,
            restarts: 0,
            samples,
        }
    }

    /// Records a progress report.
    pub fn record(&mut self, sent: u64, restarts: u32, now_ms: f64) {
        self.sent = sent.min(self.total);
        self.restarts = restarts;
        self.samples.push_back((now_ms, self.sent));
        while self.samples.len() > 2
            && self
                .samples
                .front()
                .is_some_and(|(t, _)| now_ms - t > WINDOW_MS)
        {
            self.samples.pop_front();
        }
    }

    /// Bytes the server has.
    pub fn sent(&self) -> u64 {
        self.sent
    }

    /// Bytes in all.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Whole percent done.
    pub fn percent(&self) -> u32 {
        percent(self.sent, self.total)
    }

    /// How many times the upload had to start again from a new session.
    pub fn restarts(&self) -> u32 {
        self.restarts
    }

    /// Bytes per second over the recent window, if it can be told.
    pub fn speed(&self) -> Option<f64> {
        let (first, last) = (self.samples.front()?, self.samples.back()?);
        let seconds = (last.0 - first.0) / 1000.0;
        let bytes = last.1.saturating_sub(first.1);
        (seconds > 0.05 && bytes > 0).then(|| bytes as f64 / seconds)
    }

    /// Seconds left at the current speed.
    pub fn seconds_left(&self) -> Option<f64> {
        let speed = self.speed()?;
        Some(self.total.saturating_sub(self.sent) as f64 / speed)
    }

    /// `"120 MB of 315 MB \u{b7} 38 % \u{b7} 82 MB/s \u{b7} 2 s left"`.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} of {} \u{b7} {} %",
            human_bytes(self.sent),
            human_bytes(self.total),
            self.percent()
        );
        if let Some(speed) = self.speed() {
            text.push_str(&format!(" \u{b7} {}", human_rate(speed)));
        }
        if self.sent < self.total
            && let Some(left) = self.seconds_left()
        {
            text.push_str(&format!(" \u{b7} {} left", human_duration(left)));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_meter_is_at_zero_with_no_speed() {
        let meter = UploadMeter::new(1000, 0.0);
        assert_eq!(meter.percent(), 0);
        assert_eq!(meter.speed(), None);
    }

    #[test]
    fn speed_is_bytes_over_the_window() {
        let mut meter = UploadMeter::new(100_000_000, 0.0);
        meter.record(10_000_000, 0, 1_000.0);
        meter.record(20_000_000, 0, 2_000.0);
        assert_eq!(meter.speed(), Some(10_000_000.0));
        assert_eq!(meter.seconds_left(), Some(8.0));
    }

    #[test]
    fn old_samples_leave_the_window() {
        let mut meter = UploadMeter::new(100_000_000, 0.0);
        meter.record(50_000_000, 0, 1_000.0);
        meter.record(51_000_000, 0, 10_000.0);
        meter.record(52_000_000, 0, 11_000.0);
        // The fast first second no longer counts.
        assert_eq!(meter.speed(), Some(1_000_000.0));
    }

    #[test]
    fn the_summary_names_bytes_percent_and_speed() {
        let mut meter = UploadMeter::new(315_000_000, 0.0);
        meter.record(157_500_000, 1, 2_000.0);
        let summary = meter.summary();
        assert!(
            summary.starts_with("158 MB of 315 MB \u{b7} 50 %"),
            "{summary}"
        );
        assert!(summary.contains("MB/s"), "{summary}");
        assert!(summary.contains("left"), "{summary}");
        assert_eq!(meter.restarts(), 1);
    }

    #[test]
    fn a_finished_upload_shows_no_time_left() {
        let mut meter = UploadMeter::new(1_000, 0.0);
        meter.record(1_000, 0, 100.0);
        assert_eq!(meter.percent(), 100);
        assert!(!meter.summary().contains("left"));
    }

    #[test]
    fn reports_beyond_the_total_are_clamped() {
        let mut meter = UploadMeter::new(1_000, 0.0);
        meter.record(5_000, 0, 100.0);
        assert_eq!(meter.sent(), 1_000);
    }

    proptest::proptest! {
        #[test]
        fn percent_never_exceeds_100(total: u64, reports in proptest::collection::vec((proptest::num::u64::ANY, 0.0f64..1e7), 0..20)) {
            let mut meter = UploadMeter::new(total, 0.0);
            let mut now = 0.0;
            for (sent, dt) in reports {
                now += dt;
                meter.record(sent, 0, now);
                proptest::prop_assert!(meter.percent() <= 100);
                if let Some(speed) = meter.speed() {
                    proptest::prop_assert!(speed.is_finite() && speed > 0.0);
                }
            }
        }
    }
}
