//! A global allocator that counts, so a test can assert how much memory untrusted
//! input made the library allocate at its peak (a failed allocation aborts a wasm
//! module, so bounds on allocation are part of the contract).
//!
//! Use it from a test binary of its own (`#[global_allocator]` is per binary). Every
//! test of that binary starts with [`Meter::exclusive`], which keeps the other tests
//! (and their allocations) out until it ends, and measures with [`Meter::peak_during`].
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

/// Counts live bytes and the highest count since the last reset.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The right to measure: while it lives, no other test of the binary runs.
pub struct Meter(#[allow(dead_code)] MutexGuard<'static, ()>);

// SAFETY: every call is forwarded unchanged to the system allocator; only counters
// are updated on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            // While moving, both blocks may exist: count the new one first.
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        new
    }
}

impl Meter {
    /// Waits until no other test of the binary runs, and keeps it so.
    pub fn exclusive() -> Self {
        Meter(ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs `work` and returns its result with the most bytes it had allocated at
    /// once (on top of what was live before it started).
    pub fn peak_during<T>(&self, work: impl FnOnce() -> T) -> (T, usize) {
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let out = work();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(before);
        (out, peak)
    }
}

pub const MIB: usize = 1024 * 1024;
