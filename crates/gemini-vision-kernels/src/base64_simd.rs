//! Standard base64 with wasm's 128-bit SIMD: 12 bytes in, 16 characters out per step,
//! for browsers without `Uint8Array.prototype.toBase64`. Built only for wasm32 with the
//! `simd128` target feature (`.cargo/config.toml` turns it on); everywhere else the
//! `base64` crate's scalar encoder does all the work.
//!
//! Each step spreads 3 input bytes over each 32-bit lane (`[b1, b0, b2, b1]`, so the
//! lane's two 16-bit halves are `b0b1` and `b1b2` big-endian), cuts the four 6-bit
//! indices out with shifts and masks, and turns indices into characters by adding an
//! offset looked up by range (`A-Z`, `a-z`, `0-9`, `+`, `/`) with one swizzle. The tail
//! (fewer than 12 bytes, with its padding) is left to the scalar encoder. No unsafe
//! code: input and output move through plain integer loads and stores.

use core::arch::wasm32::{
    i8x16, i8x16_add, i8x16_swizzle, i64x2, u8x16_lt, u8x16_splat, u8x16_sub_sat, u32x4_shl,
    u32x4_shr, u32x4_splat, u64x2_extract_lane, v128, v128_and, v128_or,
};

/// Raw bytes per step.
pub(crate) const STEP_IN: usize = 12;
/// Characters per step.
pub(crate) const STEP_OUT: usize = 16;

/// Encodes the whole steps of `input` (a multiple of 12 bytes) into `out` (16 bytes per
/// step); how many input bytes were encoded.
pub(crate) fn encode_steps(input: &[u8], out: &mut [u8]) -> usize {
    // Which input byte goes to each output lane byte: [b1, b0, b2, b1] per 3 bytes.
    let spread = i8x16(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
    // Offsets to add to an index, by range: 0 for 26-51 (after the map below: +71),
    // 1-10 for 52-61 (-4), 11 for 62 (-19), 12 for 63 (-16), 13 for 0-25 (+65).
    let offsets = i8x16(
        71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 65, 0, 0,
    );
    let mut done = 0;
    for (raw, text) in input
        .chunks_exact(STEP_IN)
        .zip(out.chunks_exact_mut(STEP_OUT))
    {
        let (Some(low), Some(high)) = (raw.first_chunk::<8>(), raw.last_chunk::<4>()) else {
            break;
        };
        let bytes = i64x2(
            i64::from_le_bytes(*low),
            i64::from(u32::from_le_bytes(*high)),
        );
        let lanes = i8x16_swizzle(bytes, spread);
        let indices = six_bit_indices(lanes);
        // 52-63 become 1-12, the rest 0; then 0-25 become 13.
        let range = u8x16_sub_sat(indices, u8x16_splat(51));
        let below_26 = v128_and(u8x16_lt(indices, u8x16_splat(26)), u8x16_splat(13));
        let chars = i8x16_add(indices, i8x16_swizzle(offsets, v128_or(range, below_26)));
        let (first, second) = text.split_at_mut(8);
        first.copy_from_slice(&u64x2_extract_lane::<0>(chars).to_le_bytes());
        second.copy_from_slice(&u64x2_extract_lane::<1>(chars).to_le_bytes());
        done += STEP_IN;
    }
    done
}

/// Per 32-bit lane `x` (bytes `[b1, b0, b2, b1]`), the four indices in byte order:
/// `b0 >> 2`, `(b0 & 3) << 4 | b1 >> 4`, `(b1 & 15) << 2 | b2 >> 6`, `b2 & 63`.
fn six_bit_indices(x: v128) -> v128 {
    let mask = |m: u32| u32x4_splat(m);
    let first = v128_and(u32x4_shr(x, 10), mask(0x3f));
    let second = v128_and(u32x4_shl(x, 4), mask(0x3f00));
    let third = v128_and(u32x4_shr(x, 6), mask(0x003f_0000));
    let fourth = v128_and(u32x4_shl(x, 8), mask(0x3f00_0000));
    v128_or(v128_or(first, second), v128_or(third, fourth))
}
