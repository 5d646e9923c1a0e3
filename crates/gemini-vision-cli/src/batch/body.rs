//! Request bodies read from the core's pieces, with the images read from disk as the
//! bytes are sent.
//!
//! The core lays a body out as JSON text and "the base64 of media slot n" runs (an
//! inline create body, or one upload chunk of the JSONL file from
//! [`JsonlWriter::chunk`](gemini_vision::batch::JsonlWriter::chunk)); [`BodyReader`]
//! turns those into bytes for the HTTP client one window at a time, reading only the
//! raw image bytes behind each window. No body is ever held whole: memory stays at one
//! window ([`WINDOW_CHARS`]) whatever the size of the batch.

use gemini_vision::base64::{encode_slice, encoded_len};
use gemini_vision::batch::ChunkPiece;
use gemini_vision::request::BodyPiece;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::PathBuf;

/// Base64 characters produced per read of an image: 4 MiB of text from 3 MiB of file.
pub const WINDOW_CHARS: u64 = 4 * 1024 * 1024;

/// Where each media slot's bytes are: its file and the size it had when scanned.
#[derive(Debug, Clone)]
pub struct MediaFiles {
    files: Vec<(PathBuf, u64)>,
}

impl MediaFiles {
    /// The files in slot order.
    pub fn new(files: Vec<(PathBuf, u64)>) -> Self {
        MediaFiles { files }
    }
}

/// One run of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Json(Vec<u8>),
    /// Characters `chars` of the base64 of media `slot`.
    Media {
        slot: usize,
        chars: Range<u64>,
    },
}

/// Reads a body made of pieces, producing each image's base64 as it goes.
pub struct BodyReader<'a> {
    segments: VecDeque<Segment>,
    media: &'a MediaFiles,
    window: Vec<u8>,
    at: usize,
    raw: Vec<u8>,
    open: Option<(usize, File)>,
}

impl<'a> BodyReader<'a> {
    /// A whole body (the inline create body).
    pub fn for_body(pieces: &[BodyPiece], media: &'a MediaFiles) -> Self {
        let segments = pieces
            .iter()
            .map(|piece| match piece {
                BodyPiece::Json(json) => Segment::Json(json.clone()),
                BodyPiece::Media { slot, raw_len } => Segment::Media {
                    slot: *slot,
                    chars: 0..encoded_len(*raw_len),
                },
            })
            .collect();
        Self::new(segments, media)
    }

    /// One upload chunk.
    pub fn for_chunk(pieces: Vec<ChunkPiece>, media: &'a MediaFiles) -> Self {
        let segments = pieces
            .into_iter()
            .map(|piece| match piece {
                ChunkPiece::Json(json) => Segment::Json(json),
                ChunkPiece::Media {
                    slot,
                    raw_start,
                    skip,
                    take,
                    ..
                } => {
                    // `raw_start` is a multiple of 3: its base64 starts at a multiple of 4.
                    let start = raw_start / 3 * 4 + skip;
                    Segment::Media {
                        slot,
                        chars: start..start + take,
                    }
                }
            })
            .collect();
        Self::new(segments, media)
    }

    fn new(segments: VecDeque<Segment>, media: &'a MediaFiles) -> Self {
        BodyReader {
            segments,
            media,
            window: Vec::new(),
            at: 0,
            raw: Vec::new(),
            open: None,
        }
    }

    /// Fills `window` with the next run of bytes; false at the end of the body.
    fn refill(&mut self) -> io::Result<bool> {
        self.window.clear();
        self.at = 0;
        let Some(segment) = self.segments.pop_front() else {
            return Ok(false);
        };
        match segment {
            Segment::Json(json) => self.window = json,
            Segment::Media { slot, chars } => {
                let end = chars.end.min(chars.start.saturating_add(WINDOW_CHARS));
                if end < chars.end {
                    self.segments.push_front(Segment::Media {
                        slot,
                        chars: end..chars.end,
                    });
                }
                self.encode(slot, chars.start..end)?;
            }
        }
        Ok(true)
    }

    /// The base64 characters `chars` of media `slot` into `window`.
    fn encode(&mut self, slot: usize, chars: Range<u64>) -> io::Result<()> {
        let Some((path, size)) = self.media.files.get(slot) else {
            return Err(io::Error::other(format!("no image for media slot {slot}")));
        };
        let raw_start = chars.start / 4 * 3;
        let raw_end = (chars.end.div_ceil(4) * 3).min(*size);
        let file = match &mut self.open {
            Some((open_slot, file)) if *open_slot == slot => file,
            open => {
                let file = File::open(path).map_err(|error| {
                    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
                })?;
                &mut open.insert((slot, file)).1
            }
        };
        let changed = || {
            io::Error::other(format!(
                "{} changed since it was scanned ({size} bytes then); rerun with a fresh \
                 output directory to send the images as they are now",
                path.display()
            ))
        };
        if file.metadata()?.len() != *size {
            return Err(changed());
        }
        file.seek(SeekFrom::Start(raw_start))?;
        let len = usize::try_from(raw_end.saturating_sub(raw_start)).map_err(io::Error::other)?;
        self.raw.resize(len, 0);
        file.read_exact(&mut self.raw).map_err(|_| changed())?;
        encode_slice(&self.raw, &mut self.window);
        let skip = usize::try_from(chars.start % 4).unwrap_or(0);
        let take = usize::try_from(chars.end - chars.start).unwrap_or(usize::MAX);
        self.window.drain(..skip.min(self.window.len()));
        self.window.truncate(take);
        Ok(())
    }
}

impl Read for BodyReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at >= self.window.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let available = self.window.get(self.at..).unwrap_or_default();
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::batch::{BatchInput, BatchItem};
    use gemini_vision::request::RequestBuilder;

    /// Two image files of awkward sizes and a batch of both.
    fn fixture(name: &str) -> (MediaFiles, BatchInput, Vec<Vec<u8>>) {
        let dir =
            std::env::temp_dir().join(format!("gemini-vision-body-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let images: Vec<Vec<u8>> = [1000usize, 7001]
            .iter()
            .map(|&n| (0..n).map(|i| (i * 31 % 251) as u8).collect())
            .collect();
        let mut files = Vec::new();
        let mut items = Vec::new();
        for (i, bytes) in images.iter().enumerate() {
            let path = dir.join(format!("{i}.png"));
            std::fs::write(&path, bytes).unwrap();
            files.push((path, bytes.len() as u64));
            let mut request = RequestBuilder::new();
            request
                .inline_slot("image/png", bytes.len() as u64)
                .text("Detect");
            items.push(BatchItem::keyed(format!("{i}.png"), request));
        }
        (
            MediaFiles::new(files),
            BatchInput::new(items).unwrap(),
            images,
        )
    }

    /// The file as the core writes it line by line, for comparison.
    fn whole_jsonl(input: &BatchInput, images: &[Vec<u8>]) -> Vec<u8> {
        let jsonl = input.jsonl();
        let mut out = Vec::new();
        let mut line = Vec::new();
        for index in 0..jsonl.line_count() {
            jsonl
                .write_line(index, |slot| Ok(images[slot].clone()), &mut line)
                .unwrap();
            out.extend_from_slice(&line);
        }
        out
    }

    #[test]
    fn chunks_read_back_to_the_file_the_core_writes_at_any_cut() {
        let (media, input, images) = fixture("chunks");
        let expected = whole_jsonl(&input, &images);
        let jsonl = input.jsonl();
        for step in [1u64, 7, 1000, 4096, expected.len() as u64] {
            let mut got = Vec::new();
            let mut start = 0;
            while start < jsonl.total_len() {
                let end = (start + step).min(jsonl.total_len());
                let mut reader = BodyReader::for_chunk(jsonl.chunk(start, end).unwrap(), &media);
                let before = got.len();
                reader.read_to_end(&mut got).unwrap();
                assert_eq!((got.len() - before) as u64, end - start);
                start = end;
            }
            assert_eq!(got, expected, "step {step}");
        }
    }

    #[test]
    fn an_inline_body_reads_back_to_valid_json_with_the_images() {
        let (media, input, images) = fixture("inline");
        let body = input.inline_body(Some("job")).unwrap();
        let mut bytes = Vec::new();
        BodyReader::for_body(body.pieces(), &media)
            .read_to_end(&mut bytes)
            .unwrap();
        assert_eq!(bytes.len() as u64, body.len());
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let data = json["batch"]["inputConfig"]["requests"]["requests"][1]["request"]["contents"]
            [0]["parts"][0]["inlineData"]["data"]
            .as_str()
            .unwrap();
        assert_eq!(
            gemini_vision::base64::decode(data.as_bytes()).unwrap(),
            images[1]
        );
    }

    #[test]
    fn an_image_that_changed_size_is_an_error_not_a_wrong_body() {
        let (media, input, _) = fixture("changed");
        std::fs::write(&media.files[1].0, b"short").unwrap();
        let jsonl = input.jsonl();
        let mut reader = BodyReader::for_chunk(jsonl.chunk(0, jsonl.total_len()).unwrap(), &media);
        let error = reader.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(error.to_string().contains("changed since it was scanned"));
    }
}
