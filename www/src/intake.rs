//! Turning files the person gives us into [`MediaEntry`]s: read the first bytes, ask the
//! core what they are, and either add a thumbnail or explain why not.

use crate::browser::blob_read;
use crate::domain::failure::Problem;
use crate::domain::media_facts::{self, FIRST_READ, MediaVerdict};
use crate::state::{AppState, MediaEntry, MediaOrigin};
use gemini_vision::media::MediaKind;
use leptos::prelude::*;

/// How many files one page holds (the API's own cap is 3,600 images per request; a
/// page of thumbnails is not the place for that many).
pub const MAX_FILES: usize = 64;

/// Adds `files` in order, alerting for each one that cannot be used.
pub async fn add_files(state: AppState, files: Vec<(web_sys::File, MediaOrigin, Option<String>)>) {
    for (file, origin, thumb) in files {
        if state.media.with_untracked(Vec::len) >= MAX_FILES {
            state.alert(Problem::new(
                "Too many files",
                format!("The demo holds at most {MAX_FILES} files; remove some first."),
            ));
            return;
        }
        match describe_file(&file).await {
            Ok(facts) => {
                let blob: web_sys::Blob = file.clone().into();
                let url = blob_read::object_url(&blob);
                let entry = MediaEntry {
                    id: state.next_id(),
                    name: file.name(),
                    blob,
                    facts,
                    url,
                    thumb,
                    seconds: None,
                    uploaded: None,
                    origin,
                };
                let timed = matches!(entry.facts.kind, MediaKind::Video | MediaKind::Audio);
                let (id, url) = (entry.id, entry.url.clone());
                state.media.update(|media| media.push(entry));
                if timed && let Some(url) = url {
                    leptos::task::spawn_local(read_duration(state, id, url));
                }
            }
            Err(problem) => state.alert(problem),
        }
    }
}

async fn read_duration(state: AppState, id: u64, url: String) {
    if let Some(seconds) = blob_read::media_duration(&url).await {
        state.media.update(|media| {
            if let Some(entry) = media.iter_mut().find(|m| m.id == id) {
                entry.seconds = Some(seconds);
            }
        });
    }
}

async fn describe_file(file: &web_sys::File) -> Result<media_facts::MediaFacts, Problem> {
    let name = file.name();
    let size = file.size() as u64;
    let mut want = FIRST_READ as u64;
    // Two rounds at most: the first read answers nearly every file; the second reads
    // what the header said it needs (capped by media_facts).
    for _ in 0..2 {
        let prefix = blob_read::read_prefix(file, want)
            .await
            .map_err(|err| Problem::new("This file cannot be read", format!("{name}: {err}")))?;
        let whole = prefix.len() as u64 >= size;
        let prefix = if whole || !is_pdf_candidate(&prefix, size) {
            prefix
        } else {
            blob_read::read_prefix(file, size)
                .await
                .map_err(|err| Problem::new("This file cannot be read", format!("{name}: {err}")))?
        };
        let whole = prefix.len() as u64 >= size;
        match media_facts::describe(&name, &file.type_(), size, &prefix, whole) {
            Ok(facts) => return Ok(facts),
            Err(MediaVerdict::NeedMoreData(needed)) => want = needed,
            Err(MediaVerdict::Unsupported(message)) => {
                return Err(Problem::new("This file type is not supported", message));
            }
            Err(MediaVerdict::Unreadable(message)) => {
                return Err(Problem::new("This file cannot be read", message));
            }
        }
    }
    Err(Problem::new(
        "This file cannot be read",
        format!("{name}: its header could not be read."),
    ))
}

/// A PDF small enough to read whole, so that its pages can be counted.
fn is_pdf_candidate(prefix: &[u8], size: u64) -> bool {
    prefix.starts_with(b"%PDF-") && size <= media_facts::MAX_PDF_SCAN
}

/// Removes a file and releases its preview URL.
pub fn remove(state: AppState, id: u64) {
    let mut removed = None;
    state.media.update(|media| {
        if let Some(at) = media.iter().position(|m| m.id == id) {
            removed = Some(media.remove(at));
        }
    });
    // A result card may still be decoding from this URL: keep it while a card uses it.
    let Some(url) = removed.and_then(|entry| entry.url) else {
        return;
    };
    let in_use = state.run.with_untracked(|run| {
        run.as_ref().is_some_and(|run| {
            run.cards
                .iter()
                .any(|card| card.image.as_ref().is_some_and(|image| image.url == url))
        })
    });
    if !in_use {
        blob_read::revoke_object_url(&url);
    }
}

/// The files in a `FileList` (from a picker, a drop or a paste).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
