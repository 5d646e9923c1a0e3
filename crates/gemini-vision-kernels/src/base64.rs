//! Standard, padded base64 into a reused buffer: wasm SIMD128 for whole 12-byte steps
//! where the target has it, the `base64` crate's scalar encoder for the rest.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The length of the standard, padded base64 of `raw_len` bytes.
pub fn encoded_len(raw_len: u64) -> u64 {
    raw_len.div_ceil(3).saturating_mul(4)
}

/// Writes the standard, padded base64 of `bytes` into `out`, replacing its contents and
/// reusing its allocation. Slices whose length is a multiple of 3 encode without
/// padding, so encoding a file slice by slice and concatenating gives the base64 of the
/// whole file.
pub fn encode_slice(bytes: &[u8], out: &mut Vec<u8>) {
    let len = usize::try_from(encoded_len(bytes.len() as u64)).unwrap_or(usize::MAX);
    // Every byte is overwritten below, so only a change of length touches the buffer
    // (slices of one size reuse it as it is, without filling it again).
    out.resize(len, 0);
    let written = encode_to_slice(bytes, out).unwrap_or(0);
    out.truncate(written);
}

/// Writes the standard, padded base64 of `bytes` at the start of `out`; how many
/// characters, or `None` (nothing written) when `out` is shorter than
/// [`encoded_len`] of `bytes`.
pub fn encode_to_slice(bytes: &[u8], out: &mut [u8]) -> Option<usize> {
    let len = usize::try_from(encoded_len(bytes.len() as u64)).ok()?;
    let out = out.get_mut(..len)?;
    let (bytes, text, simd) = encode_simd(bytes, out);
    // The room left is exactly the rest's encoded length: encoding cannot run out of it.
    let written = STANDARD.encode_slice(bytes, text).ok()?;
    Some(simd + written)
}

/// Encodes what the SIMD encoder can (whole 12-byte steps); the bytes and the room left
/// for the scalar encoder, and how many characters were written.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn encode_simd<'a>(bytes: &'a [u8], out: &'a mut [u8]) -> (&'a [u8], &'a mut [u8], usize) {
    let read = crate::base64_simd::encode_steps(bytes, out);
    let written = read / crate::base64_simd::STEP_IN * crate::base64_simd::STEP_OUT;
    (
        bytes.get(read..).unwrap_or_default(),
        out.get_mut(written..).unwrap_or_default(),
        written,
    )
}

/// Without wasm SIMD, the scalar encoder does everything.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn encode_simd<'a>(bytes: &'a [u8], out: &'a mut [u8]) -> (&'a [u8], &'a mut [u8], usize) {
    (bytes, out, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_encodes_as_the_base64_crate_does() {
        let data: Vec<u8> = (0..200u32).map(|i| (i * 151 % 256) as u8).collect();
        let mut out = Vec::new();
        for len in 0..data.len() {
            encode_slice(&data[..len], &mut out);
            assert_eq!(
                out,
                STANDARD.encode(&data[..len]).into_bytes(),
                "length {len}"
            );
            assert_eq!(out.len() as u64, encoded_len(len as u64));
        }
    }

    #[test]
    fn a_slice_too_short_gets_nothing_and_a_longer_one_keeps_its_tail() {
        let mut room = [b'#'; 10];
        assert_eq!(encode_to_slice(b"hello", &mut room[..7]), None);
        assert_eq!(room, [b'#'; 10]);
        assert_eq!(encode_to_slice(b"hello", &mut room), Some(8));
        assert_eq!(&room, b"aGVsbG8=##");
    }
}
