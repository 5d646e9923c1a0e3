//! What token counting needs to know about media without decoding it: image size from
//! the header, video length from an MP4/MOV `mvhd` box, WAV length, PDF page count.
//!
//! Probes read at most headers and walk box tables (PDF pages are counted in one
//! streaming pass). They never fail: what cannot be read is `None`, and token counting
//! falls back to the smallest honest figure.

use std::io::{BufReader, Read, Seek, SeekFrom};

use crate::mime::MediaKind;

/// What a probe found.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Probe {
    /// Image width and height in pixels.
    pub size: Option<(u32, u32)>,
    /// Length of a video or audio in seconds.
    pub seconds: Option<f64>,
    /// Pages of a PDF.
    pub pages: Option<u64>,
}

/// Probes media of `kind` read from `reader`.
pub fn probe<R: Read + Seek>(kind: MediaKind, reader: R) -> Probe {
    let mut reader = BufReader::new(reader);
    match kind {
        MediaKind::Image => Probe {
            size: image_size(&mut reader),
            ..Probe::default()
        },
        MediaKind::Video => Probe {
            seconds: mp4_seconds(&mut reader),
            ..Probe::default()
        },
        MediaKind::Audio => Probe {
            seconds: wav_seconds(&mut reader),
            ..Probe::default()
        },
        MediaKind::Document => Probe {
            pages: pdf_pages(&mut reader),
            ..Probe::default()
        },
        MediaKind::Text => Probe::default(),
    }
}

fn image_size<R: Read + Seek>(reader: &mut BufReader<R>) -> Option<(u32, u32)> {
    image::ImageReader::new(reader)
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

fn read_u32(reader: &mut impl Read) -> Option<u32> {
    let mut bytes = [0u8; 4];
    reader.read_exact(&mut bytes).ok()?;
    Some(u32::from_be_bytes(bytes))
}

fn read_u64(reader: &mut impl Read) -> Option<u64> {
    let mut bytes = [0u8; 8];
    reader.read_exact(&mut bytes).ok()?;
    Some(u64::from_be_bytes(bytes))
}

/// Finds the box `wanted` among the boxes in `[start, end)`; returns its payload range.
fn find_box<R: Read + Seek>(
    reader: &mut R,
    start: u64,
    end: u64,
    wanted: &[u8; 4],
) -> Option<(u64, u64)> {
    let mut at = start;
    // Bounded walk: a crafted file cannot make this loop forever.
    for _ in 0..10_000 {
        if at + 8 > end {
            return None;
        }
        reader.seek(SeekFrom::Start(at)).ok()?;
        let size32 = read_u32(reader)?;
        let mut kind = [0u8; 4];
        reader.read_exact(&mut kind).ok()?;
        let (header, size) = match size32 {
            1 => (16, read_u64(reader)?),
            0 => (8, end - at),
            n => (8, u64::from(n)),
        };
        if size < header {
            return None;
        }
        if &kind == wanted {
            return Some((at + header, (at + size).min(end)));
        }
        at = at.checked_add(size)?;
    }
    None
}

fn mp4_seconds<R: Read + Seek>(reader: &mut R) -> Option<f64> {
    let end = reader.seek(SeekFrom::End(0)).ok()?;
    let (moov_start, moov_end) = find_box(reader, 0, end, b"moov")?;
    let (mvhd, _) = find_box(reader, moov_start, moov_end, b"mvhd")?;
    reader.seek(SeekFrom::Start(mvhd)).ok()?;
    let version = read_u32(reader)? >> 24;
    let (timescale, duration) = if version == 1 {
        read_u64(reader)?;
        read_u64(reader)?;
        (read_u32(reader)?, read_u64(reader)?)
    } else {
        read_u32(reader)?;
        read_u32(reader)?;
        (read_u32(reader)?, u64::from(read_u32(reader)?))
    };
    (timescale > 0).then(|| duration as f64 / f64::from(timescale))
}

fn wav_seconds<R: Read + Seek>(reader: &mut R) -> Option<f64> {
    let mut header = [0u8; 12];
    reader.read_exact(&mut header).ok()?;
    if header.get(0..4)? != b"RIFF" || header.get(8..12)? != b"WAVE" {
        return None;
    }
    let mut byte_rate = None;
    for _ in 0..1000 {
        let mut chunk = [0u8; 8];
        reader.read_exact(&mut chunk).ok()?;
        let size = u32::from_le_bytes(chunk.get(4..8)?.try_into().ok()?);
        match chunk.get(0..4)? {
            b"fmt " => {
                let mut fmt = [0u8; 12];
                reader.read_exact(&mut fmt).ok()?;
                byte_rate = Some(u32::from_le_bytes(fmt.get(8..12)?.try_into().ok()?));
                reader
                    .seek(SeekFrom::Current(
                        i64::from(size) - 12 + i64::from(size % 2),
                    ))
                    .ok()?;
            }
            b"data" => {
                let rate = byte_rate.filter(|rate| *rate > 0)?;
                return Some(f64::from(size) / f64::from(rate));
            }
            _ => {
                reader
                    .seek(SeekFrom::Current(i64::from(size) + i64::from(size % 2)))
                    .ok()?;
            }
        }
    }
    None
}

/// Counts `/Type /Page` objects (not `/Pages`) in one pass.
fn pdf_pages<R: Read>(reader: &mut R) -> Option<u64> {
    let mut buffer = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut pages = 0u64;
    loop {
        let read = reader.read(&mut buffer).ok()?;
        if read == 0 {
            break;
        }
        carry.extend_from_slice(buffer.get(..read)?);
        let scan_to = carry.len().saturating_sub(16);
        pages += count_pages(carry.get(..scan_to)?, carry.get(scan_to..)?);
        carry.drain(..scan_to);
    }
    pages += count_pages(&carry, &[]);
    (pages > 0).then_some(pages)
}

fn count_pages(window: &[u8], lookahead: &[u8]) -> u64 {
    let mut count = 0;
    for (index, _) in window.iter().enumerate().filter(|(_, byte)| **byte == b'/') {
        let rest: Vec<u8> = window
            .get(index..)
            .unwrap_or_default()
            .iter()
            .chain(lookahead)
            .take(14)
            .copied()
            .filter(|byte| !byte.is_ascii_whitespace())
            .collect();
        if rest.starts_with(b"/Type/Page") && rest.get(10) != Some(&b's') {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Cursor;

    fn mp4(timescale: u32, duration: u32) -> Vec<u8> {
        let mut mvhd = vec![0u8; 4 + 8];
        mvhd.extend(timescale.to_be_bytes());
        mvhd.extend(duration.to_be_bytes());
        mvhd.extend([0u8; 80]);
        let mut moov = ((mvhd.len() + 8) as u32).to_be_bytes().to_vec();
        moov.extend(b"mvhd");
        moov.extend(mvhd);
        let mut file = 16u32.to_be_bytes().to_vec();
        file.extend(b"ftypisom\0\0\0\0");
        file.extend(((moov.len() + 8) as u32).to_be_bytes());
        file.extend(b"moov");
        file.extend(moov);
        file
    }

    #[test]
    fn reads_mp4_duration_from_mvhd() {
        let probe = probe(MediaKind::Video, Cursor::new(mp4(1000, 12_500)));
        assert_eq!(probe.seconds, Some(12.5));
    }

    #[test]
    fn reads_wav_duration() {
        let mut wav = b"RIFF\0\0\0\0WAVEfmt ".to_vec();
        wav.extend(16u32.to_le_bytes());
        wav.extend([1, 0, 1, 0]);
        wav.extend(8000u32.to_le_bytes());
        wav.extend(16000u32.to_le_bytes());
        wav.extend([2, 0, 16, 0]);
        wav.extend(b"data");
        wav.extend(32000u32.to_le_bytes());
        assert_eq!(probe(MediaKind::Audio, Cursor::new(wav)).seconds, Some(2.0));
    }

    #[test]
    fn counts_pdf_pages_but_not_the_page_tree() {
        let pdf = b"%PDF-1.4 1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>";
        assert_eq!(
            probe(MediaKind::Document, Cursor::new(pdf.to_vec())).pages,
            Some(2)
        );
    }

    #[test]
    fn reads_the_sample_image_size() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/samples/images/socks.jpg"
        ))
        .unwrap();
        assert_eq!(
            probe(MediaKind::Image, Cursor::new(bytes)).size,
            Some((640, 482))
        );
    }

    proptest! {
        #[test]
        fn probing_garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            for kind in [MediaKind::Image, MediaKind::Video, MediaKind::Audio, MediaKind::Document] {
                let _ = probe(kind, Cursor::new(bytes.clone()));
            }
        }

        #[test]
        fn pdf_pages_survive_buffer_boundaries(pad in 0usize..70_000) {
            let mut pdf = vec![b' '; pad];
            pdf.extend_from_slice(b"<< /Type /Page >>");
            prop_assert_eq!(probe(MediaKind::Document, Cursor::new(pdf)).pages, Some(1));
        }
    }
}
