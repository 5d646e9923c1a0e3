//! MIME sniffing by magic bytes: the real sample images, and a signature table for
//! every other documented type.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

mod io_support;

use gemini_vision::media::{MediaKind, check_inline, sniff_mime};
use io_support::{files, read};
use proptest::prelude::*;

#[test]
fn every_sample_image_and_render_is_recognised() {
    let mut seen = 0;
    for dir in ["samples/images", "samples/reference-renders"] {
        for ext in [".jpg", ".png"] {
            for path in files(dir, ext) {
                let expected = if ext == ".png" {
                    "image/png"
                } else {
                    "image/jpeg"
                };
                assert_eq!(
                    sniff_mime(&read(&path)),
                    Some(expected),
                    "{}",
                    path.display()
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 13);
}

fn riff(form: &[u8]) -> Vec<u8> {
    let mut b = b"RIFF\x24\x00\x00\x00".to_vec();
    b.extend_from_slice(form);
    b.extend_from_slice(&[0; 24]);
    b
}

fn ftyp(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
    let len = 16 + 4 * compatible.len() as u32;
    let mut b = len.to_be_bytes().to_vec();
    b.extend_from_slice(b"ftyp");
    b.extend_from_slice(major);
    b.extend_from_slice(&[0, 0, 0, 0]);
    for brand in compatible {
        b.extend_from_slice(*brand);
    }
    b.extend_from_slice(b"\0\0\0\x08free");
    b
}

fn transport_stream() -> Vec<u8> {
    let mut b = vec![0u8; 188 * 3];
    for packet in 0..3 {
        b[packet * 188] = 0x47;
    }
    b
}

#[test]
fn every_documented_signature_is_recognised() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (riff(b"WEBPVP8 "), "image/webp"),
        (b"GIF87a\x01\x00\x01\x00".to_vec(), "image/gif"),
        (ftyp(b"heic", &[b"mif1", b"heic"]), "image/heic"),
        (ftyp(b"mif1", &[b"mif1", b"heic"]), "image/heic"),
        (ftyp(b"mif1", &[b"mif1", b"miaf"]), "image/heif"),
        (ftyp(b"avif", &[b"mif1", b"avif"]), "image/avif"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3".to_vec(), "application/pdf"),
        (
            ftyp(b"isom", &[b"isom", b"iso2", b"avc1", b"mp41"]),
            "video/mp4",
        ),
        (ftyp(b"mp42", &[b"mp42", b"isom"]), "video/mp4"),
        (ftyp(b"qt  ", &[b"qt  "]), "video/quicktime"),
        (b"\0\0\0\x08wide\0\0\0\x10mdat".to_vec(), "video/quicktime"),
        (ftyp(b"3gp5", &[b"3gp5", b"isom"]), "video/3gpp"),
        (ftyp(b"3g2a", &[b"3g2a"]), "video/3gpp2"),
        (
            b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm".to_vec(),
            "video/webm",
        ),
        (
            b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska".to_vec(),
            "video/x-matroska",
        ),
        (riff(b"AVI LIST"), "video/avi"),
        (b"FLV\x01\x05\x00\x00\x00\x09".to_vec(), "video/x-flv"),
        (
            b"\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01".to_vec(),
            "video/mpeg",
        ),
        (transport_stream(), "video/mpeg"),
        (
            b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c\x00".to_vec(),
            "video/wmv",
        ),
        (riff(b"WAVEfmt "), "audio/wav"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec(), "audio/mpeg"),
        (b"\xff\xfb\x90\x64\x00".to_vec(), "audio/mpeg"),
        (b"fLaC\x00\x00\x00\x22".to_vec(), "audio/flac"),
        (
            b"OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x01vorbis".to_vec(),
            "audio/ogg",
        ),
        (b"\xff\xf1\x50\x80\x02\x1f\xfc".to_vec(), "audio/aac"),
        (b"FORM\x00\x00\x10\x00AIFFCOMM".to_vec(), "audio/aiff"),
        (b"FORM\x00\x00\x10\x00AIFCFVER".to_vec(), "audio/aiff"),
    ];
    for (bytes, expected) in cases {
        assert_eq!(sniff_mime(&bytes), Some(expected), "{expected}: {bytes:x?}");
    }
}

#[test]
fn sniffed_types_the_api_accepts_have_their_kind() {
    assert_eq!(
        check_inline(sniff_mime(&riff(b"WAVEfmt ")).unwrap()).unwrap(),
        MediaKind::Audio
    );
    assert_eq!(
        check_inline(sniff_mime(&transport_stream()).unwrap()).unwrap(),
        MediaKind::Video
    );
    assert_eq!(
        check_inline(sniff_mime(b"%PDF-1.4").unwrap()).unwrap(),
        MediaKind::Pdf
    );
}

#[test]
fn refused_types_are_still_named() {
    for (bytes, mime) in [
        (&b"GIF89a\x01\x00\x01\x00"[..], "image/gif"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
    ] {
        let sniffed = sniff_mime(bytes).unwrap();
        assert_eq!(sniffed, mime);
        assert!(check_inline(sniffed).is_err(), "{mime}");
    }
}

#[test]
fn text_and_noise_are_not_media() {
    for bytes in [
        &b"hello, world"[..],
        b"",
        b"\xff",
        b"RIFF\0\0\0\0JUNK",
        b"\x47 short TS",
    ] {
        assert_eq!(sniff_mime(bytes), None, "{bytes:x?}");
    }
}

proptest! {
    #[test]
    fn sniffing_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = sniff_mime(&bytes);
    }

    #[test]
    fn sniffing_ignores_everything_after_its_window(
        tail in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut png = read(&io_support::shared("samples/images/cupcakes.png"));
        png.truncate(2048);
        png.extend_from_slice(&tail);
        prop_assert_eq!(sniff_mime(&png), Some("image/png"));
    }
}
