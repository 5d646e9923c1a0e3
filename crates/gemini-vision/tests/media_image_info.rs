//! Image size and orientation from headers: the real samples (sizes as `file`
//! reports them), EXIF orientations in both byte orders, WEBP, GIF and HEIF headers,
//! and prefixes too short to answer.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::Error;
use gemini_vision::media::{ImageInfo, Orientation, TYPICAL_HEADER_LEN, image_info};
use io_support::{files, image, read};
use proptest::prelude::*;

/// Sizes from `file samples/images/*`.
const SAMPLES: &[(&str, u32, u32)] = &[
    ("baklava.jpg", 2454, 1790),
    ("breakfast.jpg", 1698, 2254),
    ("cat.jpg", 3024, 4032),
    ("cupcakes.png", 620, 620),
    ("fruit.jpg", 3072, 4080),
    ("socks.jpg", 640, 482),
    ("spill.jpg", 2643, 1982),
];

#[test]
fn every_sample_image_reports_the_size_file_reports() {
    for &(name, width, height) in SAMPLES {
        let info = image_info(&image(name)).unwrap();
        assert_eq!(info.stored_size(), (width, height), "{name}");
        assert_eq!(info.orientation, Orientation::NORMAL, "{name}");
        assert_eq!(info.displayed_size(), (width, height), "{name}");
    }
    assert_eq!(
        files("samples/images", "").len(),
        SAMPLES.len(),
        "a sample is not covered"
    );
}

#[test]
fn the_typical_header_length_answers_every_sample() {
    for &(name, width, _) in SAMPLES {
        let bytes = image(name);
        let prefix = &bytes[..bytes.len().min(TYPICAL_HEADER_LEN)];
        assert_eq!(image_info(prefix).unwrap().width, width, "{name}");
    }
}

#[test]
fn reading_what_need_more_data_asks_for_always_converges() {
    for &(name, width, height) in SAMPLES {
        let bytes = image(name);
        let mut have = 1usize;
        let mut reads = 0;
        let info = loop {
            reads += 1;
            match image_info(&bytes[..have.min(bytes.len())]) {
                Ok(info) => break info,
                Err(Error::NeedMoreData {
                    needed, available, ..
                }) => {
                    assert!(
                        needed > available,
                        "{name}: asked for {needed} with {available}"
                    );
                    have = needed as usize;
                }
                Err(other) => panic!("{name}: {other}"),
            }
        };
        assert_eq!(info.stored_size(), (width, height), "{name}");
        assert!(reads < 40, "{name}: {reads} reads");
    }
}

#[test]
fn every_prefix_is_either_answered_correctly_or_asks_for_more() {
    for name in ["socks.jpg", "cat.jpg", "cupcakes.png"] {
        let bytes = image(name);
        let full = image_info(&bytes).unwrap();
        for len in 0..TYPICAL_HEADER_LEN.min(bytes.len()) {
            match image_info(&bytes[..len]) {
                Ok(info) => assert_eq!(info, full, "{name} at {len}"),
                Err(Error::NeedMoreData { needed, .. }) => assert!(needed > len as u64),
                Err(other) => panic!("{name} at {len}: {other}"),
            }
        }
    }
}

/// Rewrites the orientation tag of a real camera JPEG in place.
fn with_orientation(name: &str, orientation: u16) -> Vec<u8> {
    let mut bytes = image(name);
    let tiff = bytes.windows(6).position(|w| w == b"Exif\0\0").unwrap() + 6;
    let little = &bytes[tiff..tiff + 2] == b"II";
    let tag: [u8; 2] = if little { [0x12, 0x01] } else { [0x01, 0x12] };
    let at = bytes[tiff..]
        .windows(4)
        .position(|w| w[..2] == tag && w[2..] == if little { [3, 0] } else { [0, 3] })
        .unwrap()
        + tiff;
    let value = if little {
        orientation.to_le_bytes()
    } else {
        orientation.to_be_bytes()
    };
    bytes[at + 8..at + 10].copy_from_slice(&value);
    bytes
}

#[test]
fn a_big_endian_camera_exif_orientation_6_swaps_the_displayed_size() {
    let info = image_info(&with_orientation("cat.jpg", 6)).unwrap();
    assert_eq!(info.orientation.value(), 6);
    assert_eq!(info.stored_size(), (3024, 4032));
    assert_eq!(info.displayed_size(), (4032, 3024));
}

#[test]
fn a_little_endian_camera_exif_orientation_8_swaps_the_displayed_size() {
    let info = image_info(&with_orientation("fruit.jpg", 8)).unwrap();
    assert_eq!(info.orientation.value(), 8);
    assert_eq!(info.displayed_size(), (4080, 3072));
}

#[test]
fn orientation_3_turns_upside_down_without_swapping() {
    let info = image_info(&with_orientation("baklava.jpg", 3)).unwrap();
    assert_eq!(info.orientation.value(), 3);
    assert_eq!(info.displayed_size(), (2454, 1790));
}

#[test]
fn an_out_of_range_orientation_counts_as_normal() {
    let info = image_info(&with_orientation("cat.jpg", 9)).unwrap();
    assert_eq!(info.orientation, Orientation::NORMAL);
}

/// An EXIF APP1 segment holding only an orientation tag.
fn exif_app1(orientation: u16, little: bool) -> Vec<u8> {
    let u16b = |v: u16| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let u32b = |v: u32| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let mut tiff = if little {
        b"II".to_vec()
    } else {
        b"MM".to_vec()
    };
    tiff.extend_from_slice(&u16b(42));
    tiff.extend_from_slice(&u32b(8));
    tiff.extend_from_slice(&u16b(1));
    tiff.extend_from_slice(&u16b(0x0112));
    tiff.extend_from_slice(&u16b(3));
    tiff.extend_from_slice(&u32b(1));
    tiff.extend_from_slice(&u16b(orientation));
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut segment = vec![0xff, 0xe1];
    segment.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// A JPEG header: SOI, an optional EXIF segment, a DQT-like filler, SOF0.
fn jpeg_header(width: u16, height: u16, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut b = vec![0xff, 0xd8];
    if let Some(app1) = exif {
        b.extend_from_slice(&app1);
    }
    b.extend_from_slice(&[0xff, 0xdb, 0x00, 0x04, 0x00, 0x00]);
    b.extend_from_slice(&[0xff, 0xff, 0xc0, 0x00, 0x11, 0x08]);
    b.extend_from_slice(&height.to_be_bytes());
    b.extend_from_slice(&width.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    b
}

#[test]
fn a_jpeg_without_a_frame_header_is_malformed() {
    let bytes = [0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0x00];
    assert_eq!(image_info(&bytes).unwrap_err().code(), "MALFORMED");
}

#[test]
fn a_deferred_jpeg_height_is_malformed() {
    let bytes = jpeg_header(100, 0, None);
    assert_eq!(image_info(&bytes).unwrap_err().code(), "MALFORMED");
}

fn webp(chunk: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF\0\0\0\0WEBP".to_vec();
    b.extend_from_slice(chunk);
    b.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    b.extend_from_slice(payload);
    b
}

fn vp8(width: u16, height: u16) -> Vec<u8> {
    let mut p = vec![0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a];
    p.extend_from_slice(&width.to_le_bytes());
    p.extend_from_slice(&height.to_le_bytes());
    webp(b"VP8 ", &p)
}

fn vp8l(width: u32, height: u32) -> Vec<u8> {
    let bits = (width - 1) | ((height - 1) << 14);
    let mut p = vec![0x2f];
    p.extend_from_slice(&bits.to_le_bytes());
    webp(b"VP8L", &p)
}

fn vp8x(width: u32, height: u32) -> Vec<u8> {
    let mut p = vec![0x10, 0, 0, 0];
    p.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
    p.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
    webp(b"VP8X", &p)
}

fn gif(width: u16, height: u16) -> Vec<u8> {
    let mut b = b"GIF89a".to_vec();
    b.extend_from_slice(&width.to_le_bytes());
    b.extend_from_slice(&height.to_le_bytes());
    b.extend_from_slice(&[0xf7, 0, 0]);
    b.resize(40, 0);
    b
}

#[test]
fn webp_sizes_are_read_from_all_three_chunk_kinds() {
    assert_eq!(
        image_info(&vp8(550, 368)).unwrap().stored_size(),
        (550, 368)
    );
    assert_eq!(
        image_info(&vp8l(1, 16384)).unwrap().stored_size(),
        (1, 16384)
    );
    assert_eq!(
        image_info(&vp8x(16_777_216, 3)).unwrap().stored_size(),
        (16_777_216, 3)
    );
}

#[test]
fn a_gif_size_is_read_though_gif_is_not_accepted() {
    let info = image_info(&gif(500, 375)).unwrap();
    assert_eq!(
        (info.mime, info.width, info.height),
        ("image/gif", 500, 375)
    );
}

fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(payload);
    b
}

fn full_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    boxed(kind, &[&[0, 0, 0, 0][..], payload].concat())
}

/// An iPhone-like HEIC: a 512 x 512 tile item (1) and the 4032 x 3024 grid (2), which
/// is primary and rotated a quarter turn anticlockwise (`irot` 1).
fn heic(rotation: u8) -> Vec<u8> {
    let ispe = |w: u32, h: u32| full_box(b"ispe", &[w.to_be_bytes(), h.to_be_bytes()].concat());
    let ipco = boxed(
        b"ipco",
        &[
            ispe(512, 512),
            ispe(4032, 3024),
            boxed(b"irot", &[rotation]),
        ]
        .concat(),
    );
    // Version 0, 8-bit indices: item 1 -> [1], item 2 -> [2, 3 (essential)].
    let ipma = full_box(b"ipma", &[0, 0, 0, 2, 0, 1, 1, 0x81, 0, 2, 2, 0x02, 0x83]);
    let iprp = boxed(b"iprp", &[ipco, ipma].concat());
    let pitm = full_box(b"pitm", &[0, 2]);
    let hdlr = full_box(b"hdlr", &[&[0; 4][..], b"pict", &[0; 13]].concat());
    let meta = full_box(b"meta", &[hdlr, pitm, iprp].concat());
    let ftyp = boxed(b"ftyp", b"heic\0\0\0\0mif1heic");
    [ftyp, meta, boxed(b"mdat", &[0; 16])].concat()
}

#[test]
fn a_heic_reports_its_primary_items_size_and_rotation() {
    let info = image_info(&heic(1)).unwrap();
    assert_eq!(info.mime, "image/heic");
    assert_eq!(info.stored_size(), (4032, 3024));
    assert_eq!(info.orientation.value(), 8);
    assert_eq!(info.displayed_size(), (3024, 4032));
}

#[test]
fn a_heic_without_rotation_displays_as_stored() {
    let info = image_info(&heic(0)).unwrap();
    assert_eq!(info.displayed_size(), (4032, 3024));
}

#[test]
fn a_heic_without_item_associations_reports_its_largest_extent() {
    let mut bytes = heic(1);
    // Rename `ipma` so the properties belong to no item.
    let at = bytes.windows(4).position(|w| w == b"ipma").unwrap();
    bytes[at..at + 4].copy_from_slice(b"xxxx");
    let info = image_info(&bytes).unwrap();
    assert_eq!(info.stored_size(), (4032, 3024));
    assert_eq!(info.orientation, Orientation::NORMAL);
}

#[test]
fn a_truncated_heic_asks_for_its_whole_meta_box() {
    let bytes = heic(0);
    let meta_end = bytes.len() - 24;
    match image_info(&bytes[..100]) {
        Err(Error::NeedMoreData { needed, .. }) => assert_eq!(needed, meta_end as u64),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bytes_that_are_no_image_are_an_unsupported_mime() {
    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".repeat(2);
    assert_eq!(image_info(&pdf).unwrap_err().code(), "UNSUPPORTED_MIME");
}

#[test]
fn too_few_bytes_to_recognise_ask_for_more() {
    assert!(matches!(
        image_info(b"\x89PN"),
        Err(Error::NeedMoreData { needed: 32, .. })
    ));
}

#[test]
fn a_zero_sized_image_is_malformed() {
    assert_eq!(image_info(&gif(0, 10)).unwrap_err().code(), "MALFORMED");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let _ = image_info(&bytes);
    }

    #[test]
    fn arbitrary_bytes_after_an_image_signature_never_panic(
        signature in prop::sample::select(vec![
            &b"\xff\xd8\xff"[..], b"\x89PNG\r\n\x1a\n", b"RIFF\0\0\0\0WEBPVP8X", b"GIF89a",
            b"\0\0\0\x14ftypheic\0\0\0\0mif1",
        ]),
        tail in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let _ = image_info(&[signature, &tail[..]].concat());
    }

    #[test]
    fn jpeg_sizes_and_orientations_are_read_in_both_byte_orders(
        width in 1u16.., height in 1u16.., orientation in 1u16..=8, little in any::<bool>(),
    ) {
        let info: ImageInfo = image_info(&jpeg_header(width, height, Some(exif_app1(orientation, little)))).unwrap();
        prop_assert_eq!(info.stored_size(), (u32::from(width), u32::from(height)));
        prop_assert_eq!(info.orientation.value() as u16, orientation);
        let swapped = orientation >= 5;
        let expected = if swapped { (u32::from(height), u32::from(width)) } else { (u32::from(width), u32::from(height)) };
        prop_assert_eq!(info.displayed_size(), expected);
    }

    #[test]
    fn webp_and_gif_sizes_survive_their_encodings(w in 1u32..=16384, h in 1u32..=16384) {
        prop_assert_eq!(image_info(&vp8l(w, h)).unwrap().stored_size(), (w, h));
        prop_assert_eq!(image_info(&vp8x(w, h)).unwrap().stored_size(), (w, h));
        let (vw, vh) = ((w & 0x3fff).max(1), (h & 0x3fff).max(1));
        prop_assert_eq!(image_info(&vp8(vw as u16, vh as u16)).unwrap().stored_size(), (vw, vh));
        prop_assert_eq!(image_info(&gif(w as u16, h as u16)).unwrap().stored_size(), (w, h));
    }
}

#[test]
fn the_reference_renders_have_sizes_too() {
    for ext in [".png", ".jpg"] {
        for path in files("samples/reference-renders", ext) {
            let info = image_info(&read(&path)).unwrap();
            assert!(info.width > 0 && info.height > 0, "{}", path.display());
        }
    }
}
