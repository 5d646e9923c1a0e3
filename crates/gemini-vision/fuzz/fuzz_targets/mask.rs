#![no_main]
//! Any bytes as a PNG mask and as polygon points: header checks, decoding, the
//! Pillow-exact resize (every pass order) and polygon filling must never panic.
//!
//! `cargo +nightly fuzz run mask -- -max_total_time=60` (from `crates/gemini-vision`).
//! The first 4 bytes choose the output size, the 5th how to read the rest.

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{
    MaskLimits, PillowVersion, PngMask, PolygonMask, ProbabilityMap, resize_bilinear_as,
};
use libfuzzer_sys::fuzz_target;

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
const VERSIONS: [PillowVersion; 3] = [
    PillowVersion::UpTo12_1,
    PillowVersion::From12_2To12_3,
    PillowVersion::From13,
];

fuzz_target!(|data: &[u8]| {
    let [w, h, iw, mode, rest @ ..] = data else {
        return;
    };
    let (out_w, out_h) = (u32::from(*w % 200) + 1, u32::from(*h % 200) + 1);
    let version = VERSIONS[usize::from(*mode / 3) % VERSIONS.len()];
    match mode % 3 {
        // A PNG file (signature added so the fuzzer reaches the chunk parser).
        0 => {
            let mut png = SIGNATURE.to_vec();
            png.extend_from_slice(rest);
            let limits = MaskLimits {
                max_side: 512,
                max_pixels: 512 * 512,
            };
            if let Ok(mask) = PngMask::from_png_bytes(png, &limits) {
                if let Ok(map) = mask.decode() {
                    assert_eq!(map.values().len(), (map.width() * map.height()) as usize);
                    let out = resize_bilinear_as(&map, out_w, out_h, version)
                        .expect("sizes are in range");
                    assert_eq!(out.values().len(), (out_w * out_h) as usize);
                }
            }
        }
        // Raw greyscale values of a map `iw` wide.
        1 => {
            let width = u32::from(*iw % 64) + 1;
            let height = rest.len() as u32 / width;
            if let Ok(map) =
                ProbabilityMap::new(width, height, rest[..(width * height) as usize].to_vec())
            {
                let out =
                    resize_bilinear_as(&map, out_w, out_h, version).expect("sizes are in range");
                let (lo, hi) = (map.values().iter().min(), map.values().iter().max());
                assert!(out.values().iter().all(|v| Some(v) >= lo && Some(v) <= hi));
            }
        }
        // Polygon rings: pairs of bytes scaled to 0-1000 (and beyond), a 255 byte ends a ring.
        _ => {
            let mut rings = vec![Vec::new()];
            for pair in rest.chunks_exact(2) {
                if pair[0] == 255 {
                    rings.push(Vec::new());
                } else {
                    let ring = rings.last_mut().expect("never empty");
                    ring.push([
                        f64::from(pair[0]) * 4.5 - 50.0,
                        f64::from(pair[1]) * 4.5 - 50.0,
                    ]);
                }
            }
            if let (Some(polygon), Ok(size)) =
                (PolygonMask::new(rings), ImageSize::new(out_w, out_h))
            {
                if let Ok(Some(mask)) = polygon.rasterize(size) {
                    let b = mask.bbox();
                    assert!(b.x_end() <= out_w && b.y_end() <= out_h);
                    assert_eq!(
                        mask.to_image_mask(size, 127)
                            .iter()
                            .filter(|v| **v == 255)
                            .count(),
                        mask.count_above(127)
                    );
                }
            }
        }
    }
});
