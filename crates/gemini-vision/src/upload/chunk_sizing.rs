//! How big each chunk is.
//!
//! Every chunk but the last must be a multiple of the server's granularity (256 KiB
//! unless announced otherwise), so every size here is rounded down to a multiple of it,
//! and is never below one granule.
//!
//! ## The default: adaptive, from 8 MiB up to 64 MiB
//! Bigger chunks go faster (measured in headless Chromium to a loopback server: 8 MiB
//! slices ~78 MB/s, 32 MiB ~181 MB/s, one 128 MiB request ~230 MB/s) but cost more to
//! re-send after a fault. Like Firebase's uploader, which doubles its chunk after every
//! success up to 32 MiB and drops back after an error, we:
//! - start at **8 MiB**, what the official SDKs send;
//! - **double** after a chunk that took under **2 s** (so a fast link reaches the
//!   bigger, faster requests within a few chunks, while a slow link, where 8 MiB already
//!   takes seconds, stays put), up to **64 MiB**, so a fault never costs more than
//!   64 MiB of re-sending;
//! - **halve** after a failure or a chunk slower than **20 s**, down to one granule, so
//!   a connection that keeps dropping mid-chunk still gets chunks through.
//!
//! Unlike Firebase we grow on speed rather than on success alone: growing on a slow link
//! only makes each fault more expensive.

use crate::error::{Error, Result};

/// How chunk sizes are chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkSizing {
    /// Always this many bytes (rounded down to the granularity, at least one granule).
    Fixed(u64),
    /// Grow while chunks go fast, shrink after failures (see the module docs).
    Adaptive(AdaptiveChunks),
}

impl Default for ChunkSizing {
    fn default() -> Self {
        ChunkSizing::Adaptive(AdaptiveChunks::default())
    }
}

/// The bounds and thresholds of [`ChunkSizing::Adaptive`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdaptiveChunks {
    /// The first chunk's size.
    pub initial: u64,
    /// Never smaller than this (nor than one granule).
    pub min: u64,
    /// Never larger than this (unless one granule is larger).
    pub max: u64,
    /// A chunk that took less than this doubles the next one.
    pub grow_below_ms: u64,
    /// A chunk that took more than this halves the next one.
    pub shrink_above_ms: u64,
}

impl Default for AdaptiveChunks {
    fn default() -> Self {
        AdaptiveChunks {
            initial: ChunkSizing::DEFAULT_CHUNK,
            min: ChunkSizing::DEFAULT_GRANULARITY,
            max: 64 * 1024 * 1024,
            grow_below_ms: 2_000,
            shrink_above_ms: 20_000,
        }
    }
}

impl ChunkSizing {
    /// The granularity assumed when the server announces none (or CORS hides it).
    pub const DEFAULT_GRANULARITY: u64 = 256 * 1024;
    /// The chunk size the official SDKs use, and our starting size.
    pub const DEFAULT_CHUNK: u64 = 8 * 1024 * 1024;
    /// The largest granularity accepted from a server (1 GiB): anything larger is not a
    /// granularity but a mistake.
    pub const MAX_GRANULARITY: u64 = 1 << 30;

    /// Checks that the sizes make sense (non-zero, `min <= initial <= max`).
    pub fn validate(&self) -> Result<()> {
        let ok = match self {
            ChunkSizing::Fixed(bytes) => *bytes > 0,
            ChunkSizing::Adaptive(a) => a.min > 0 && a.min <= a.initial && a.initial <= a.max,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::invalid(
                "chunk size",
                "chunk sizes must be positive, with min <= initial <= max",
            ))
        }
    }
}

/// The current chunk size of one upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChunkSizer {
    sizing: ChunkSizing,
    current: u64,
}

impl ChunkSizer {
    pub(crate) fn new(sizing: ChunkSizing) -> Self {
        let current = match &sizing {
            ChunkSizing::Fixed(bytes) => *bytes,
            ChunkSizing::Adaptive(a) => a.initial,
        };
        ChunkSizer { sizing, current }
    }

    /// The next chunk's length for a server with this granularity (>= 1).
    pub(crate) fn len(&self, granularity: u64) -> u64 {
        let granularity = granularity.max(1);
        (self.current / granularity * granularity).max(granularity)
    }

    /// The most a chunk can be with this granularity.
    #[cfg(test)]
    pub(crate) fn max_len(&self, granularity: u64) -> u64 {
        let ceiling = match &self.sizing {
            ChunkSizing::Fixed(bytes) => *bytes,
            ChunkSizing::Adaptive(a) => a.max,
        };
        ChunkSizer::new(ChunkSizing::Fixed(ceiling)).len(granularity)
    }

    /// A whole (non-final) chunk was confirmed after `elapsed_ms`.
    pub(crate) fn on_success(&mut self, elapsed_ms: u64) {
        if let ChunkSizing::Adaptive(a) = &self.sizing {
            if elapsed_ms < a.grow_below_ms {
                self.current = self.current.saturating_mul(2).min(a.max);
            } else if elapsed_ms > a.shrink_above_ms {
                self.current = (self.current / 2).max(a.min);
            }
        }
    }

    /// A chunk failed.
    pub(crate) fn on_failure(&mut self) {
        if let ChunkSizing::Adaptive(a) = &self.sizing {
            self.current = (self.current / 2).max(a.min);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MIB: u64 = 1024 * 1024;
    const G: u64 = ChunkSizing::DEFAULT_GRANULARITY;

    #[test]
    fn default_starts_at_eight_mebibytes() {
        assert_eq!(ChunkSizer::new(ChunkSizing::default()).len(G), 8 * MIB);
    }

    #[test]
    fn fast_chunks_double_the_size_up_to_the_max() {
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        let mut sizes = Vec::new();
        for _ in 0..5 {
            sizer.on_success(100);
            sizes.push(sizer.len(G) / MIB);
        }
        assert_eq!(sizes, [16, 32, 64, 64, 64]);
    }

    #[test]
    fn ordinary_chunks_keep_the_size() {
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        sizer.on_success(5_000);
        assert_eq!(sizer.len(G), 8 * MIB);
    }

    #[test]
    fn slow_chunks_halve_the_size() {
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        sizer.on_success(30_000);
        assert_eq!(sizer.len(G), 4 * MIB);
    }

    #[test]
    fn failures_halve_the_size_down_to_one_granule() {
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        for _ in 0..20 {
            sizer.on_failure();
        }
        assert_eq!(sizer.len(G), G);
    }

    #[test]
    fn fixed_size_never_changes() {
        let mut sizer = ChunkSizer::new(ChunkSizing::Fixed(3 * MIB));
        sizer.on_success(1);
        sizer.on_failure();
        assert_eq!(sizer.len(G), 3 * MIB);
    }

    #[test]
    fn sizes_round_down_to_the_granularity_but_not_below_one_granule() {
        assert_eq!(ChunkSizer::new(ChunkSizing::Fixed(G + 5)).len(G), G);
        assert_eq!(ChunkSizer::new(ChunkSizing::Fixed(5)).len(G), G);
    }

    #[test]
    fn inconsistent_bounds_are_refused() {
        let bad = ChunkSizing::Adaptive(AdaptiveChunks {
            min: 2 * MIB,
            initial: MIB,
            ..AdaptiveChunks::default()
        });
        assert_eq!(bad.validate().unwrap_err().code(), "INVALID_INPUT");
        assert!(ChunkSizing::Fixed(0).validate().is_err());
        assert!(ChunkSizing::default().validate().is_ok());
    }

    proptest! {
        #[test]
        fn every_size_is_a_whole_number_of_granules_within_bounds(
            granularity in 1u64..4 * MIB,
            events in proptest::collection::vec(prop_oneof![
                (0u64..40_000).prop_map(Some), Just(None)
            ], 0..40),
        ) {
            let mut sizer = ChunkSizer::new(ChunkSizing::default());
            let max = sizer.max_len(granularity);
            for event in events {
                match event {
                    Some(elapsed) => sizer.on_success(elapsed),
                    None => sizer.on_failure(),
                }
                let len = sizer.len(granularity);
                prop_assert_eq!(len % granularity, 0);
                prop_assert!(len >= granularity);
                prop_assert!(len <= max);
            }
        }
    }
}
