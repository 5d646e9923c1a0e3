//! What a file is, from its bytes: MIME type by magic bytes, image size and
//! orientation from headers, and which types the API accepts.
//!
//! Everything here works on a *prefix* of a file (the browser reads
//! `Blob.slice(0, n)`), never decodes pixels, never allocates in proportion to what
//! a header claims, and never panics on hostile bytes. When a prefix is too short
//! the answer is [`crate::Error::NeedMoreData`], which says how many bytes to read.
//!
//! ```
//! use gemini_vision::media::{image_info, sniff_mime, MediaKind};
//!
//! // The first 30 bytes of a 620 x 620 PNG.
//! let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
//! png.extend_from_slice(&620u32.to_be_bytes());
//! png.extend_from_slice(&620u32.to_be_bytes());
//! png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
//!
//! assert_eq!(sniff_mime(&png), Some("image/png"));
//! assert_eq!(MediaKind::of("image/png"), Some(MediaKind::Image));
//! let info = image_info(&png)?;
//! assert_eq!(info.displayed_size(), (620, 620));
//! # Ok::<(), gemini_vision::Error>(())
//! ```

mod heif;
mod image_info;
mod jpeg;
mod mime;
mod pdf;
mod prefix;
mod sniff;

pub use image_info::{ImageInfo, Orientation, TYPICAL_HEADER_LEN, image_info};
pub(crate) use mime::check_file_api;
pub use mime::{IMAGE_MIME_TYPES, MediaKind, check_inline, normalize_mime};
pub use pdf::pdf_page_count;
pub use sniff::{SNIFF_LEN, sniff_mime};
