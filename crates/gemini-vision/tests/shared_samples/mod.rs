//! Paths to and readers for the real data in `../shared/samples` (read-only).
#![allow(dead_code)] // each test crate uses a different part of this

use std::path::PathBuf;

/// `shared/samples`, beside the repository checkout.
pub fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/samples"
    ))
}

/// The files of one samples subfolder, sorted, with their names.
pub fn files(sub: &str) -> Vec<(String, PathBuf)> {
    let mut entries: Vec<(String, PathBuf)> = std::fs::read_dir(dir().join(sub))
        .unwrap_or_else(|e| panic!("samples/{sub}: {e}"))
        .map(|entry| {
            let path = entry.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                path,
            )
        })
        .collect();
    entries.sort();
    entries
}

/// A sample file as text.
pub fn text(sub: &str, name: &str) -> String {
    std::fs::read_to_string(dir().join(sub).join(name))
        .unwrap_or_else(|e| panic!("{sub}/{name}: {e}"))
}

/// A real model answer with its provenance.
pub struct Response {
    pub name: String,
    pub text: String,
    pub meta: serde_json::Value,
}

/// Every response in `samples/responses`, with its `.meta.json`.
pub fn responses() -> Vec<Response> {
    files("responses")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".txt"))
        .map(|(name, path)| {
            let meta_path = path.with_extension("meta.json");
            let meta = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
            Response {
                text: std::fs::read_to_string(&path).unwrap(),
                name,
                meta,
            }
        })
        .collect()
}

/// One response by the start of its file name.
pub fn response(prefix: &str) -> Response {
    responses()
        .into_iter()
        .find(|r| r.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

/// The two real segmentation answers (20 and 15 PNG masks).
pub fn segmentation_responses() -> Vec<Response> {
    responses()
        .into_iter()
        .filter(|r| r.name.contains("segmentation"))
        .collect()
}
