//! MIME type from magic bytes.
//!
//! [`sniff_mime`] names what the bytes are, including types the API refuses (GIF,
//! Matroska, AVIF, BMP, TIFF), so that the error a caller shows says what the file
//! really is. It never trusts a file name and never decodes anything.

/// How many leading bytes [`sniff_mime`] looks at, at most. Fewer work for most
/// types; MPEG-TS needs 377 to see three packets, PDF may start up to 1 KiB in.
pub const SNIFF_LEN: usize = 1024;

/// The MIME type the first bytes of a file reveal, or `None` if none matched.
pub fn sniff_mime(prefix: &[u8]) -> Option<&'static str> {
    let b = prefix.get(..SNIFF_LEN).unwrap_or(prefix);
    sniff_image(b)
        .or_else(|| sniff_container(b))
        .or_else(|| sniff_stream(b))
}

fn sniff_image(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Some("image/tiff")
    } else if b.starts_with(b"BM") && is_bmp_info_header(b) {
        Some("image/bmp")
    } else {
        None
    }
}

fn is_bmp_info_header(b: &[u8]) -> bool {
    let size = b
        .get(14..18)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    matches!(size, Some(12 | 40 | 52 | 56 | 64 | 108 | 124))
}

/// Formats with a container header: RIFF, AIFF, ISO-BMFF, EBML, Ogg, FLV, ASF, FLAC.
fn sniff_container(b: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, magic: &[u8]| b.get(offset..).is_some_and(|s| s.starts_with(magic));
    if at(0, b"RIFF") {
        return match b.get(8..12) {
            Some(b"WEBP") => Some("image/webp"),
            Some(b"WAVE") => Some("audio/wav"),
            Some(b"AVI ") => Some("video/avi"),
            _ => None,
        };
    }
    if at(0, b"FORM") && (at(8, b"AIFF") || at(8, b"AIFC")) {
        return Some("audio/aiff");
    }
    if at(4, b"ftyp") {
        return Some(iso_bmff_type(b));
    }
    // QuickTime files written before `ftyp` existed start with a movie atom.
    if at(4, b"moov") || at(4, b"mdat") || at(4, b"wide") || at(4, b"pnot") {
        return Some("video/quicktime");
    }
    if at(0, b"\x1a\x45\xdf\xa3") {
        return Some(ebml_type(b));
    }
    if at(0, b"OggS") {
        return Some(if contains(b, b"\x80theora") {
            "video/ogg"
        } else {
            "audio/ogg"
        });
    }
    if at(0, b"FLV\x01") {
        return Some("video/x-flv");
    }
    if at(0, ASF_HEADER_GUID) {
        return Some("video/wmv");
    }
    if at(0, b"fLaC") {
        return Some("audio/flac");
    }
    if contains(b, b"%PDF-") {
        return Some("application/pdf");
    }
    None
}

/// The ASF header object GUID, which starts every WMV/WMA file.
const ASF_HEADER_GUID: &[u8] = b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c";

/// Formats recognised by their stream syntax: MPEG program and transport streams,
/// MP3 and AAC frames.
fn sniff_stream(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\0\0\x01\xba") || b.starts_with(b"\0\0\x01\xb3") {
        return Some("video/mpeg");
    }
    if is_transport_stream(b) {
        // The API lists no `video/mp2t`; TS is MPEG video to it.
        return Some("video/mpeg");
    }
    if b.starts_with(b"ID3") || is_mp3_frame(b) {
        return Some("audio/mpeg");
    }
    if is_adts_frame(b) {
        return Some("audio/aac");
    }
    None
}

fn is_transport_stream(b: &[u8]) -> bool {
    const PACKET: usize = 188;
    // Three sync bytes one packet apart; fewer bytes than that are too weak a sign.
    b.len() > 2 * PACKET && (0..3).all(|i| b.get(i * PACKET) == Some(&0x47))
}

fn is_mp3_frame(b: &[u8]) -> bool {
    let [0xff, b1, b2, ..] = *b else {
        return false;
    };
    let sync = b1 & 0xe0 == 0xe0;
    let layer_iii = b1 & 0x06 == 0x02;
    let version_valid = b1 & 0x18 != 0x08;
    let bitrate = b2 >> 4;
    let sample_rate = (b2 >> 2) & 0x03;
    sync && layer_iii && version_valid && bitrate != 0x0f && bitrate != 0 && sample_rate != 3
}

fn is_adts_frame(b: &[u8]) -> bool {
    let [0xff, b1, b2, ..] = *b else {
        return false;
    };
    let sync = b1 & 0xf6 == 0xf0;
    let sampling_index = (b2 >> 2) & 0x0f;
    sync && sampling_index < 13
}

/// Names an ISO base media file by its brands: HEIC/HEIF/AVIF stills, QuickTime,
/// 3GPP, or MP4 for everything else.
fn iso_bmff_type(b: &[u8]) -> &'static str {
    let box_len = b
        .get(0..4)
        .map_or(0, |s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize);
    let end = box_len.clamp(16, b.len().max(16)).min(b.len());
    let major = b.get(8..12).unwrap_or_default();
    let compatible = b.get(16..end).unwrap_or_default().chunks_exact(4);
    let brands: Vec<&[u8]> = std::iter::once(major).chain(compatible).collect();
    let has = |set: &[&[u8]]| brands.iter().any(|brand| set.contains(brand));
    if has(&[b"avif", b"avis"]) && !has(&[b"heic", b"heix"]) {
        "image/avif"
    } else if has(&[
        b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
    ]) {
        "image/heic"
    } else if has(&[b"mif1", b"msf1", b"heif"]) {
        "image/heif"
    } else if major == b"qt  " {
        "video/quicktime"
    } else if major.starts_with(b"3g2") {
        "video/3gpp2"
    } else if major.starts_with(b"3g") {
        "video/3gpp"
    } else if major == b"M4A " || major == b"M4B " {
        "audio/mp4"
    } else {
        "video/mp4"
    }
}

/// WebM or Matroska, by the EBML `DocType` element.
fn ebml_type(b: &[u8]) -> &'static str {
    if contains(b, b"\x42\x82\x88matroska") || contains(b, b"\x42\x82\x89matroska") {
        "video/x-matroska"
    } else {
        "video/webm"
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
