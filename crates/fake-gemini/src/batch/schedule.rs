//! The batch clock: how long a job stays `PENDING`, and when each of its requests is
//! done once it is `RUNNING`. Pure arithmetic over the settings of the moment the job
//! was created, so a job keeps its pace when settings change.

use std::time::Duration;

use crate::config::Settings;

/// The pace of one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Time spent `PENDING`.
    pub pending: Duration,
    /// Base time spent `RUNNING`, spread over the requests.
    pub running: Duration,
    /// Time each request adds to `RUNNING`.
    pub per_request: Duration,
}

impl Schedule {
    /// The pace the settings ask for.
    pub fn from_settings(settings: &Settings) -> Self {
        Schedule {
            pending: Duration::from_millis(settings.batch_pending_ms),
            running: Duration::from_millis(settings.batch_running_ms),
            per_request: Duration::from_millis(settings.batch_request_ms),
        }
    }

    /// When request `index` (0-based) of `count` is done, counted from the start of
    /// `RUNNING`: the base time is spread evenly, and each request adds its own, so the
    /// counts move one request at a time.
    pub fn done_after(&self, index: u64, count: u64) -> Duration {
        let done = index.saturating_add(1).min(count.max(1));
        let share = self.running.as_nanos() * u128::from(done) / u128::from(count.max(1));
        let share = Duration::from_nanos(u64::try_from(share).unwrap_or(u64::MAX));
        share.saturating_add(
            self.per_request
                .saturating_mul(u32::try_from(done).unwrap_or(u32::MAX)),
        )
    }

    /// How long `RUNNING` lasts for `count` requests.
    pub fn running_for(&self, count: u64) -> Duration {
        if count == 0 {
            self.running
        } else {
            self.done_after(count - 1, count)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn schedule(running: u64, per_request: u64) -> Schedule {
        Schedule {
            pending: Duration::from_millis(200),
            running: Duration::from_millis(running),
            per_request: Duration::from_millis(per_request),
        }
    }

    #[test]
    fn the_defaults_finish_a_small_batch_within_a_second() {
        let schedule = Schedule::from_settings(&Settings::default());
        assert!(schedule.pending + schedule.running_for(10) <= Duration::from_secs(1));
    }

    #[test]
    fn the_last_request_ends_running() {
        let schedule = schedule(300, 20);
        assert_eq!(schedule.running_for(4), Duration::from_millis(380));
        assert_eq!(schedule.done_after(0, 4), Duration::from_millis(95));
        assert_eq!(schedule.running_for(0), Duration::from_millis(300));
    }

    proptest! {
        #[test]
        fn requests_finish_in_order(running in 0u64..10_000, per_request in 0u64..1000, count in 1u64..500) {
            let schedule = schedule(running, per_request);
            let mut previous = Duration::ZERO;
            for index in 0..count {
                let done = schedule.done_after(index, count);
                prop_assert!(done >= previous);
                previous = done;
            }
            prop_assert_eq!(previous, schedule.running_for(count));
        }
    }
}
