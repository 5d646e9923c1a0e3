//! PNG probability maps: checked when parsed, decoded to greyscale when drawn.

use crate::error::{Error, Result};
use serde::{Serialize, Serializer, ser::SerializeStruct};
use std::fmt;
use std::io::Cursor;

/// Caps on a PNG mask's pixel size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaskLimits {
    /// Widest or tallest mask accepted.
    pub max_side: u32,
    /// Most pixels accepted.
    pub max_pixels: u64,
}

impl Default for MaskLimits {
    fn default() -> Self {
        MaskLimits {
            max_side: 2_048,
            max_pixels: 2_048 * 2_048,
        }
    }
}

/// A PNG mask whose signature, header and size have been checked; its pixels are
/// decoded by [`PngMask::decode`]. Serializes as `{width, height}` only.
#[derive(Clone, PartialEq, Eq)]
pub struct PngMask {
    png: Vec<u8>,
    width: u32,
    height: u32,
}

/// A greyscale image, one byte per pixel, row by row: the model's probability that
/// each pixel belongs to the object (0-255).
#[derive(Clone, PartialEq, Eq)]
pub struct ProbabilityMap {
    width: u32,
    height: u32,
    values: Vec<u8>,
}

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
/// The decoder's own working memory (rows, inflate state), on top of our output buffer.
const DECODER_WORKING_BYTES: usize = 4 * 1024 * 1024;

fn png_error(error: png::DecodingError) -> Error {
    Error::malformed("PNG mask", error.to_string())
}

impl PngMask {
    /// Checks `png` (the bytes after base64 decoding) and keeps it: it must be a PNG
    /// whose header reads and whose size is within `limits`.
    pub fn from_png_bytes(png: Vec<u8>, limits: &MaskLimits) -> Result<Self> {
        if !png.starts_with(&SIGNATURE) {
            return Err(Error::malformed(
                "PNG mask",
                "the data is not a PNG (no PNG signature)",
            ));
        }
        let mut decoder = png::Decoder::new_with_limits(
            Cursor::new(png.as_slice()),
            png::Limits {
                bytes: DECODER_WORKING_BYTES,
            },
        );
        let info = decoder.read_header_info().map_err(png_error)?;
        let (width, height) = (info.width, info.height);
        check_size(width, height, limits)?;
        Ok(PngMask { png, width, height })
    }

    /// Width in pixels, from the header.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels, from the header.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The PNG file itself.
    pub fn png_bytes(&self) -> &[u8] {
        &self.png
    }

    /// Decodes the pixels to greyscale. Greyscale PNGs (what Gemini sends) keep their
    /// values, as Pillow reads them; 16-bit samples keep their high byte; palette and
    /// colour PNGs become Pillow's `L` (`(19595 R + 38470 G + 7471 B + 0x8000) >> 16`);
    /// alpha is ignored.
    pub fn decode(&self) -> Result<ProbabilityMap> {
        let pixels = self.width as usize * self.height as usize;
        let working = DECODER_WORKING_BYTES.saturating_add(pixels.saturating_mul(8));
        let mut decoder = png::Decoder::new_with_limits(
            Cursor::new(self.png.as_slice()),
            png::Limits { bytes: working },
        );
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(png_error)?;
        let size = reader
            .output_buffer_size()
            .filter(|size| *size <= pixels.saturating_mul(4))
            .ok_or_else(|| Error::malformed("PNG mask", "unexpected output size"))?;
        let mut buffer = vec![0; size];
        let frame = reader.next_frame(&mut buffer).map_err(png_error)?;
        buffer.truncate(frame.buffer_size());
        let values = match frame.color_type {
            png::ColorType::Grayscale => buffer,
            png::ColorType::GrayscaleAlpha => buffer.chunks_exact(2).map(|p| p[0]).collect(),
            png::ColorType::Rgb => buffer.chunks_exact(3).map(luma).collect(),
            png::ColorType::Rgba => buffer.chunks_exact(4).map(luma).collect(),
            png::ColorType::Indexed => {
                return Err(Error::malformed("PNG mask", "palette was not expanded"));
            }
        };
        ProbabilityMap::new(frame.width, frame.height, values)
    }
}

/// Pillow's RGB to `L` conversion (ITU-R 601-2 luma in 16-bit fixed point).
fn luma(rgb: &[u8]) -> u8 {
    match rgb {
        [r, g, b, ..] => {
            ((u32::from(*r) * 19595 + u32::from(*g) * 38470 + u32::from(*b) * 7471 + 0x8000) >> 16)
                as u8
        }
        _ => 0,
    }
}

fn check_size(width: u32, height: u32, limits: &MaskLimits) -> Result<()> {
    if width == 0 || height == 0 {
        return Err(Error::malformed(
            "PNG mask",
            format!("{width}x{height} has no pixels"),
        ));
    }
    let side = width.max(height);
    if side > limits.max_side {
        return Err(Error::LimitExceeded {
            what: "PNG mask side",
            actual: side.into(),
            max: limits.max_side.into(),
        });
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(Error::LimitExceeded {
            what: "PNG mask pixels",
            actual: pixels,
            max: limits.max_pixels,
        });
    }
    Ok(())
}

impl fmt::Debug for PngMask {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PngMask({}x{}, {} bytes)",
            self.width,
            self.height,
            self.png.len()
        )
    }
}

impl Serialize for PngMask {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PngMask", 2)?;
        s.serialize_field("width", &self.width)?;
        s.serialize_field("height", &self.height)?;
        s.end()
    }
}

impl ProbabilityMap {
    /// A map from row-major values; `values.len()` must be `width * height`.
    pub fn new(width: u32, height: u32, values: Vec<u8>) -> Result<Self> {
        if width == 0 || height == 0 || values.len() as u64 != u64::from(width) * u64::from(height)
        {
            return Err(Error::invalid(
                "probability map",
                format!("{} values do not fill {width}x{height}", values.len()),
            ));
        }
        Ok(ProbabilityMap {
            width,
            height,
            values,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The values, row by row.
    pub fn values(&self) -> &[u8] {
        &self.values
    }
}

impl fmt::Debug for ProbabilityMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProbabilityMap({}x{})", self.width, self.height)
    }
}
