//! HEIC/HEIF size from the primary item's `ispe` property, and its rotation (`irot`).
//!
//! Boxes walked: `meta` (top level) -> `pitm` (primary item id), `iprp` -> `ipco`
//! (property list) and `ipma` (which properties belong to which item). When the
//! associations are missing or unreadable, the largest `ispe` stands in: for tiled
//! photos that is the grid, i.e. the whole picture.

use super::image_info::Orientation;
use super::prefix::Prefix;
use crate::error::Result;

/// A box: its type and where its payload lies.
#[derive(Debug, Clone, Copy)]
struct BoxSpan {
    kind: [u8; 4],
    body: u64,
    end: u64,
}

/// Reads the box header at `at`, which must end by `limit`.
fn box_at(p: &Prefix<'_>, at: u64, limit: u64) -> Result<BoxSpan> {
    let size = u64::from(p.u32_be(at)?);
    let kind: [u8; 4] = p
        .slice(at + 4, 4)?
        .try_into()
        .map_err(|_| p.malformed("box type"))?;
    let (body, end) = match size {
        0 => (at + 8, limit),
        1 => (at + 16, at.saturating_add(p.u64_be(at + 8)?)),
        n => (at + 8, at.saturating_add(n)),
    };
    if end < body || end > limit {
        return Err(p.malformed(format!("box {:?} at byte {at} has a bad size", kind)));
    }
    Ok(BoxSpan { kind, body, end })
}

/// The child boxes of the payload `[from, to)`.
fn children(p: &Prefix<'_>, from: u64, to: u64) -> Result<Vec<BoxSpan>> {
    let mut found = Vec::new();
    let mut at = from;
    while at + 8 <= to {
        let child = box_at(p, at, to)?;
        at = child.end;
        found.push(child);
    }
    Ok(found)
}

fn find<'a>(boxes: &'a [BoxSpan], kind: &[u8; 4]) -> Option<&'a BoxSpan> {
    boxes.iter().find(|b| &b.kind == kind)
}

/// Size and orientation of the primary image.
pub(crate) fn size(p: Prefix<'_>) -> Result<(u32, u32, Orientation)> {
    let meta = find_top_level_meta(&p)?;
    p.require(meta.end)?;
    // `meta` is a full box: 4 bytes of version and flags before its children.
    let meta_children = children(&p, meta.body + 4, meta.end)?;
    let iprp = find(&meta_children, b"iprp").ok_or_else(|| p.malformed("no iprp box"))?;
    let iprp_children = children(&p, iprp.body, iprp.end)?;
    let ipco = find(&iprp_children, b"ipco").ok_or_else(|| p.malformed("no ipco box"))?;
    let properties = children(&p, ipco.body, ipco.end)?;

    let primary = find(&meta_children, b"pitm").and_then(|pitm| primary_item(&p, pitm).ok());
    let associated = primary.and_then(|item| {
        let ipma = find(&iprp_children, b"ipma")?;
        item_properties(&p, ipma, item).ok()
    });
    let associated: Option<Vec<&BoxSpan>> = associated
        .map(|indices| {
            indices
                .iter()
                .filter_map(|&i| properties.get(i.checked_sub(1)?))
                .collect::<Vec<_>>()
        })
        .filter(|props| props.iter().any(|b| &b.kind == b"ispe"));
    let chosen: Vec<&BoxSpan> = match &associated {
        Some(props) => props.clone(),
        None => properties.iter().collect(),
    };

    let mut best: Option<(u32, u32)> = None;
    for ispe in chosen.iter().filter(|b| &b.kind == b"ispe") {
        let size = (p.u32_be(ispe.body + 4)?, p.u32_be(ispe.body + 8)?);
        let area = |(w, h): (u32, u32)| u64::from(w) * u64::from(h);
        if best.is_none_or(|b| area(size) > area(b)) {
            best = Some(size);
        }
    }
    let (width, height) = best.ok_or_else(|| p.malformed("no ispe property"))?;
    let orientation = match associated {
        Some(_) => match chosen.iter().find(|b| &b.kind == b"irot") {
            Some(irot) => rotation(p.u8(irot.body)?),
            None => Orientation::NORMAL,
        },
        None => Orientation::NORMAL,
    };
    Ok((width, height, orientation))
}

fn find_top_level_meta(p: &Prefix<'_>) -> Result<BoxSpan> {
    let mut at = 0;
    loop {
        let span = box_at(p, at, u64::MAX)?;
        if &span.kind == b"meta" {
            return Ok(span);
        }
        if span.end == u64::MAX {
            return Err(p.malformed("a box extends to the end of the file before meta"));
        }
        at = span.end;
    }
}

fn primary_item(p: &Prefix<'_>, pitm: &BoxSpan) -> Result<u32> {
    if p.u8(pitm.body)? == 0 {
        Ok(u32::from(p.u16_be(pitm.body + 4)?))
    } else {
        p.u32_be(pitm.body + 4)
    }
}

/// The 1-based `ipco` indices associated with `item` in `ipma`.
fn item_properties(p: &Prefix<'_>, ipma: &BoxSpan, item: u32) -> Result<Vec<usize>> {
    let version = p.u8(ipma.body)?;
    let wide_index = p.u8(ipma.body + 3)? & 1 == 1;
    let entries = p.u32_be(ipma.body + 4)?;
    let mut at = ipma.body + 8;
    for _ in 0..entries {
        let id = if version < 1 {
            let id = u32::from(p.u16_be(at)?);
            at += 2;
            id
        } else {
            let id = p.u32_be(at)?;
            at += 4;
            id
        };
        let count = u64::from(p.u8(at)?);
        at += 1;
        let width = if wide_index { 2 } else { 1 };
        if id == item {
            return (0..count)
                .map(|i| {
                    let at = at + i * width;
                    Ok(if wide_index {
                        usize::from(p.u16_be(at)? & 0x7fff)
                    } else {
                        usize::from(p.u8(at)? & 0x7f)
                    })
                })
                .collect();
        }
        at += count * width;
        if at > ipma.end {
            break;
        }
    }
    Err(p.malformed("the primary item has no properties"))
}

/// `irot` turns anticlockwise in quarter turns; EXIF names the same turns 1, 8, 3, 6.
fn rotation(irot: u8) -> Orientation {
    Orientation::from_exif(match irot & 0x03 {
        1 => 8,
        2 => 3,
        3 => 6,
        _ => 1,
    })
}
