//! JPEG size (from the SOFn frame header) and EXIF orientation (from APP1).

use super::image_info::Orientation;
use super::prefix::Prefix;
use crate::error::Result;

/// Walks the markers from SOI to the first frame header.
pub(crate) fn size(p: Prefix<'_>) -> Result<(u32, u32, Orientation)> {
    let mut orientation = Orientation::NORMAL;
    let mut pos = 2;
    loop {
        if p.u8(pos)? != 0xff {
            return Err(p.malformed(format!("expected a marker at byte {pos}")));
        }
        // Any number of 0xFF fill bytes may precede a marker code.
        while p.u8(pos + 1)? == 0xff {
            pos += 1;
        }
        let marker = p.u8(pos + 1)?;
        pos += 2;
        match marker {
            0x01 | 0xd0..=0xd8 => continue,
            0xd9 | 0xda => return Err(p.malformed("image data starts before any frame header")),
            _ => {}
        }
        let len = u64::from(p.u16_be(pos)?);
        if len < 2 {
            return Err(p.malformed(format!("segment length {len} at byte {pos}")));
        }
        if is_frame_header(marker) {
            let height = p.u16_be(pos + 3)?;
            let width = p.u16_be(pos + 5)?;
            if height == 0 {
                return Err(p.malformed("the height is deferred to a DNL marker"));
            }
            return Ok((u32::from(width), u32::from(height), orientation));
        }
        if marker == 0xe1 && len >= 8 && p.slice(pos + 2, 6)? == b"Exif\0\0" {
            let tiff = p.slice(pos + 8, len - 8)?;
            orientation = exif_orientation(tiff).unwrap_or(Orientation::NORMAL);
        }
        pos += len;
    }
}

/// SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
fn is_frame_header(marker: u8) -> bool {
    (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc)
}

const ORIENTATION_TAG: u16 = 0x0112;

/// The orientation tag of IFD0 in a TIFF structure, either byte order. `None` when
/// absent or unreadable: a broken EXIF block never fails the image, as in browsers.
pub(crate) fn exif_orientation(tiff: &[u8]) -> Option<Orientation> {
    let t = Prefix::new(tiff, "EXIF block");
    let little = match t.slice(0, 2).ok()? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |at: u64| {
        if little { t.u16_le(at) } else { t.u16_be(at) }
    };
    let u32_at = |at: u64| {
        if little { t.u32_le(at) } else { t.u32_be(at) }
    };
    if u16_at(2).ok()? != 42 {
        return None;
    }
    let ifd = u64::from(u32_at(4).ok()?);
    let count = u64::from(u16_at(ifd).ok()?);
    (0..count).find_map(|i| {
        let entry = ifd + 2 + 12 * i;
        (u16_at(entry).ok()? == ORIENTATION_TAG).then_some(())?;
        Some(Orientation::from_exif(u16_at(entry + 8).ok()?))
    })
}
