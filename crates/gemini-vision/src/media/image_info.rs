//! Image size and orientation from the first bytes of a file, without decoding.
//!
//! Works on a prefix: a browser reads `Blob.slice(0, n)` and calls [`image_info`].
//! When the prefix ends before the size is known, the error is
//! [`Error::NeedMoreData`] with the number of bytes that would be needed; read that
//! many from the start of the file and call again (if the whole file was given, it is
//! truncated). [`TYPICAL_HEADER_LEN`] (256 KiB) answers nearly every camera JPEG in
//! one read (a Pixel 7 photo's metadata runs to 70 KB before the frame header); PNG,
//! GIF and WEBP need 30 bytes.

use super::heif;
use super::jpeg;
use super::prefix::Prefix;
use super::sniff::sniff_mime;
use crate::error::{Error, Result};

/// A prefix length that answers nearly every real file in one read.
pub const TYPICAL_HEADER_LEN: usize = 256 * 1024;

/// How many bytes are needed before the format can even be recognised.
const MIN_SNIFF_LEN: u64 = 32;

/// What an image header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    /// The sniffed MIME type.
    pub mime: &'static str,
    /// Width of the stored pixels.
    pub width: u32,
    /// Height of the stored pixels.
    pub height: u32,
    /// How the stored pixels are turned for display (EXIF orientation, HEIF `irot`).
    pub orientation: Orientation,
}

impl ImageInfo {
    /// The size as stored, `(width, height)`.
    pub fn stored_size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// The size as displayed, `(width, height)`: swapped for orientations 5 to 8.
    pub fn displayed_size(&self) -> (u32, u32) {
        if self.orientation.swaps_axes() {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// An EXIF orientation, 1 to 8 (1 = as stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Orientation(u8);

impl Orientation {
    /// Displayed as stored.
    pub const NORMAL: Orientation = Orientation(1);

    /// From the EXIF tag value; anything outside 1 to 8 is treated as 1, as browsers do.
    pub fn from_exif(value: u16) -> Self {
        match u8::try_from(value) {
            Ok(v @ 1..=8) => Orientation(v),
            _ => Self::NORMAL,
        }
    }

    /// The EXIF value, 1 to 8.
    pub fn value(self) -> u8 {
        self.0
    }

    /// Whether displaying turns the image by 90 degrees (orientations 5 to 8), so
    /// width and height trade places.
    pub fn swaps_axes(self) -> bool {
        self.0 >= 5
    }
}

impl Default for Orientation {
    fn default() -> Self {
        Self::NORMAL
    }
}

/// Reads the size and orientation of a PNG, JPEG, WEBP, GIF, HEIC or HEIF image from
/// a prefix of its file.
///
/// Errors: [`Error::NeedMoreData`] when the prefix is too short (read more),
/// [`Error::UnsupportedMime`] when the bytes are not one of these images,
/// [`Error::Malformed`] when the header is broken.
pub fn image_info(prefix: &[u8]) -> Result<ImageInfo> {
    let mime = sniff_mime(prefix);
    let (width, height, orientation) = match mime {
        Some("image/png") => png_size(Prefix::new(prefix, "PNG header"))?,
        Some("image/gif") => gif_size(Prefix::new(prefix, "GIF header"))?,
        Some("image/webp") => webp_size(Prefix::new(prefix, "WEBP header"))?,
        Some("image/jpeg") => jpeg::size(Prefix::new(prefix, "JPEG header"))?,
        Some("image/heic" | "image/heif") => heif::size(Prefix::new(prefix, "HEIF header"))?,
        None if (prefix.len() as u64) < MIN_SNIFF_LEN => {
            return Err(Error::NeedMoreData {
                what: "image header",
                needed: MIN_SNIFF_LEN,
                available: prefix.len() as u64,
            });
        }
        other => {
            return Err(Error::UnsupportedMime {
                mime: other.unwrap_or_default().to_owned(),
                reason: "not a PNG, JPEG, WEBP, GIF, HEIC or HEIF image".to_owned(),
            });
        }
    };
    if width == 0 || height == 0 {
        return Err(Error::malformed(
            "image header",
            format!("the image claims to be {width}x{height}"),
        ));
    }
    Ok(ImageInfo {
        mime: mime.unwrap_or_default(),
        width,
        height,
        orientation,
    })
}

type Size = (u32, u32, Orientation);

fn png_size(p: Prefix<'_>) -> Result<Size> {
    // Apple's "crushed" PNGs put a CgBI chunk before IHDR.
    let mut chunk = 8;
    if p.slice(12, 4)? == b"CgBI" {
        chunk += 12 + u64::from(p.u32_be(8)?);
    }
    if p.slice(chunk + 4, 4)? != b"IHDR" {
        return Err(p.malformed("the first chunk is not IHDR"));
    }
    Ok((
        p.u32_be(chunk + 8)?,
        p.u32_be(chunk + 12)?,
        Orientation::NORMAL,
    ))
}

fn gif_size(p: Prefix<'_>) -> Result<Size> {
    Ok((
        u32::from(p.u16_le(6)?),
        u32::from(p.u16_le(8)?),
        Orientation::NORMAL,
    ))
}

fn webp_size(p: Prefix<'_>) -> Result<Size> {
    let size = match p.slice(12, 4)? {
        b"VP8 " => {
            if p.slice(23, 3)? != b"\x9d\x01\x2a" {
                return Err(p.malformed("no VP8 start code"));
            }
            (
                u32::from(p.u16_le(26)? & 0x3fff),
                u32::from(p.u16_le(28)? & 0x3fff),
            )
        }
        b"VP8L" => {
            if p.u8(20)? != 0x2f {
                return Err(p.malformed("no VP8L signature"));
            }
            let bits = p.u32_le(21)?;
            ((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
        }
        b"VP8X" => (p.u24_le(24)? + 1, p.u24_le(27)? + 1),
        other => {
            return Err(p.malformed(format!(
                "unknown first chunk {:?}",
                String::from_utf8_lossy(other)
            )));
        }
    };
    Ok((size.0, size.1, Orientation::NORMAL))
}
