//! How big each chunk is.
//!
//! Every chunk but the last must be a multiple of the server's granularity (256 KiB
//! unless announced otherwise), so every size here is rounded down to a multiple of it,
//! and is never below one granule.
//!
//! ## The default: adaptive, from 8 MiB up to 128 MiB
//! Bigger chunks go faster (headless Chromium, 256 MB from a file input to a loopback
//! server, three runs each: 8 MiB chunks 187-208 MB/s, 64 MiB 236-262 MB/s, 128 MiB
//! 263-266 MB/s) but cost more to re-send after a fault. Like Firebase's uploader, which
//! doubles its chunk after every success up to 32 MiB and drops back after an error, we:
//! - start at **8 MiB**, what the official SDKs send;
//! - **grow** after a chunk that took under **2 s**: to what the link carried in half
//!   that time (1 s) at that chunk's rate, and at least double, up to **128 MiB**. A fast
//!   link reaches its big, fast requests at the second chunk (doubling from 8 MiB took
//!   three, and 256 MB went at 202-234 MB/s), while a chunk stays about a second's worth
//!   of the link, so a fault costs about a second of re-sending, and never more than
//!   128 MiB;
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
    /// A chunk that took less than this grows the next one: to what the link carries in
    /// half this time at that chunk's rate, and at least double.
    pub grow_below_ms: u64,
    /// A chunk that took more than this halves the next one.
    pub shrink_above_ms: u64,
}

impl Default for AdaptiveChunks {
    fn default() -> Self {
        AdaptiveChunks {
            initial: ChunkSizing::DEFAULT_CHUNK,
            min: ChunkSizing::DEFAULT_GRANULARITY,
            max: 128 * 1024 * 1024,
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
                let at_rate = self.current.saturating_mul(a.grow_below_ms / 2) / elapsed_ms.max(1);
                self.current = self.current.saturating_mul(2).max(at_rate).min(a.max);
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
    fn fast_chunks_grow_to_a_second_of_the_link_up_to_the_max() {
        // 8 MiB in 250 ms: the link carries 32 MiB a second.
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        sizer.on_success(250);
        assert_eq!(sizer.len(G) / MIB, 32);
        // 32 MiB in 100 ms: 320 MiB a second, capped at 128 MiB.
        sizer.on_success(100);
        assert_eq!(sizer.len(G) / MIB, 128);
        sizer.on_success(10);
        assert_eq!(sizer.len(G) / MIB, 128);
    }

    #[test]
    fn a_chunk_just_under_the_growth_threshold_at_least_doubles() {
        let mut sizer = ChunkSizer::new(ChunkSizing::default());
        sizer.on_success(1_900);
        assert_eq!(sizer.len(G) / MIB, 16);
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
