//! Real model answers for the sample images, replayed verbatim.
//!
//! The sample images of `shared/samples/images` are recognised by SHA-256. For a task
//! with recordings, the recording of the asked model's family is replayed (the nearest
//! family when that one has none), fences, prose and `(640, 482)` tails included. The
//! recordings are copies of `shared/samples/responses` kept in `replays/` and embedded.
//! When no recording exists for a task, `answer` derives one from the recorded boxes and
//! says so. Nothing here is invented text.

use serde_json::Value;

use crate::answer::task::Task;
use crate::models::Family;

/// A sample image with recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sample {
    /// `cupcakes.png`.
    Cupcakes,
    /// `socks.jpg`.
    Socks,
    /// `spill.jpg`.
    Spill,
}

const SAMPLES: &[(Sample, &str)] = &[
    (
        Sample::Cupcakes,
        "a48df0bf7c5ba9d4e5d8a9052e183b83dbb52edd63e8562e52202b6d330ce394",
    ),
    (
        Sample::Socks,
        "13d6d86a63bbe5ec9f44c4070fba4e2cc6132516c915adde277ad4d91b57f83c",
    ),
    (
        Sample::Spill,
        "3877fe9da9a8520212e05828394d0067de00aaa1870882a26fa863875350fb0d",
    ),
];

macro_rules! replay {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/replays/", $name)),
        )
    };
}

/// (sample, task, family, (file name, text)).
type Recording = (Sample, Task, Family, (&'static str, &'static str));

const RECORDINGS: &[Recording] = &[
    (
        Sample::Cupcakes,
        Task::Detect,
        Family::Gemini20,
        replay!("cookbook_2025-02-21_gemini-2_0-flash_cupcakes_bbox.txt"),
    ),
    (
        Sample::Cupcakes,
        Task::Detect,
        Family::Gemini25Pro,
        replay!("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_bbox.txt"),
    ),
    (
        Sample::Cupcakes,
        Task::Detect,
        Family::Gemini25Flash,
        replay!("cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_bbox.txt"),
    ),
    (
        Sample::Cupcakes,
        Task::Detect,
        Family::Gemini3,
        replay!("cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_bbox_nofence.txt"),
    ),
    (
        Sample::Cupcakes,
        Task::Segment,
        Family::Gemini25Pro,
        replay!(
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen_items_segmentation.txt"
        ),
    ),
    (
        Sample::Cupcakes,
        Task::Segment,
        Family::Gemini25Flash,
        replay!(
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_kitchen_items_segmentation.txt"
        ),
    ),
    (
        Sample::Cupcakes,
        Task::Segment,
        Family::Gemini3,
        replay!(
            "cookbook_2026-05-12_gemini-3-flash-preview_cupcakes_segment_prompt_boxes_only.txt"
        ),
    ),
    (
        Sample::Socks,
        Task::Detect,
        Family::Gemini20,
        replay!("cookbook_2025-02-21_gemini-2_0-flash_socks_with_face_bbox.txt"),
    ),
    (
        Sample::Socks,
        Task::Detect,
        Family::Gemini25Pro,
        replay!("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_socks_with_face_bbox.txt"),
    ),
    (
        Sample::Socks,
        Task::Detect,
        Family::Gemini25Flash,
        replay!("cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_socks_with_face_bbox.txt"),
    ),
    (
        Sample::Spill,
        Task::Detect,
        Family::Gemini20,
        replay!("cookbook_2025-02-21_gemini-2_0-flash_spill_clean_table_bbox_with_prose.txt"),
    ),
    (
        Sample::Spill,
        Task::Detect,
        Family::Gemini25Pro,
        replay!("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_spill_clean_table_bbox.txt"),
    ),
    (
        Sample::Spill,
        Task::Detect,
        Family::Gemini25Flash,
        replay!("cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_spill_clean_table_bbox.txt"),
    ),
];

/// Families to try, nearest first.
fn preference(family: Family) -> [Family; 4] {
    match family {
        Family::Gemini1 | Family::Gemini20 => [
            Family::Gemini20,
            Family::Gemini25Flash,
            Family::Gemini25Pro,
            Family::Gemini3,
        ],
        Family::Gemini25Flash => [
            Family::Gemini25Flash,
            Family::Gemini25Pro,
            Family::Gemini20,
            Family::Gemini3,
        ],
        Family::Gemini25Pro => [
            Family::Gemini25Pro,
            Family::Gemini25Flash,
            Family::Gemini20,
            Family::Gemini3,
        ],
        Family::Gemini3 => [
            Family::Gemini3,
            Family::Gemini25Flash,
            Family::Gemini25Pro,
            Family::Gemini20,
        ],
    }
}

/// The sample whose bytes hash to `sha256`.
pub fn recognise(sha256: &[u8; 32]) -> Option<Sample> {
    let hex: String = sha256.iter().map(|byte| format!("{byte:02x}")).collect();
    SAMPLES
        .iter()
        .find(|(_, digest)| *digest == hex)
        .map(|(sample, _)| *sample)
}

/// The recording to replay, as (file name, text).
pub fn recorded(
    sample: Sample,
    task: Task,
    family: Family,
) -> Option<(&'static str, &'static str)> {
    preference(family).into_iter().find_map(|wanted| {
        RECORDINGS
            .iter()
            .find(|(s, t, f, _)| *s == sample && *t == task && *f == wanted)
            .map(|(_, _, _, recording)| *recording)
    })
}

/// The JSON list inside a recording: between a ```` ```json ```` fence and the next
/// fence, or the whole text.
pub fn json_of(text: &str) -> Option<Value> {
    let body = match text.split_once("```json") {
        Some((_, rest)) => rest.split("```").next().unwrap_or(rest),
        None => text,
    };
    serde_json::from_str(body.trim()).ok()
}

/// The labelled boxes of the detection recording nearest to `family`.
pub fn recorded_boxes(sample: Sample, family: Family) -> Vec<(String, [u32; 4])> {
    let Some((_, text)) = recorded(sample, Task::Detect, family) else {
        return Vec::new();
    };
    let Some(Value::Array(entries)) = json_of(text) else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|entry| {
            let label = entry.get("label")?.as_str()?.to_string();
            let values: Vec<u32> = entry
                .get("box_2d")?
                .as_array()?
                .iter()
                .filter_map(|v| v.as_u64())
                .map(|v| v.min(1000) as u32)
                .collect();
            let box_2d: [u32; 4] = values.try_into().ok()?;
            Some((label, box_2d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use sha2::{Digest, Sha256};

    fn sample_digest(name: &str) -> [u8; 32] {
        let path = format!(
            "{}/../../../shared/samples/images/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        Sha256::digest(std::fs::read(path).unwrap()).into()
    }

    #[test]
    fn recognises_the_sample_images() {
        assert_eq!(
            recognise(&sample_digest("cupcakes.png")),
            Some(Sample::Cupcakes)
        );
        assert_eq!(recognise(&sample_digest("socks.jpg")), Some(Sample::Socks));
        assert_eq!(recognise(&sample_digest("spill.jpg")), Some(Sample::Spill));
        assert_eq!(recognise(&sample_digest("cat.jpg")), None);
    }

    #[test]
    fn embedded_replays_equal_the_shared_samples() {
        for (_, _, _, (name, text)) in RECORDINGS {
            let path = format!(
                "{}/../../../shared/samples/responses/{name}",
                env!("CARGO_MANIFEST_DIR")
            );
            assert_eq!(std::fs::read_to_string(path).unwrap(), *text, "{name}");
        }
    }

    #[test]
    fn picks_the_nearest_family() {
        let (name, _) = recorded(Sample::Socks, Task::Detect, Family::Gemini3).unwrap();
        assert!(name.contains("2_5-flash"), "{name}");
        let (name, _) = recorded(Sample::Cupcakes, Task::Segment, Family::Gemini20).unwrap();
        assert!(name.contains("2_5-flash"), "{name}");
    }

    #[test]
    fn reads_boxes_out_of_prose() {
        let boxes = recorded_boxes(Sample::Spill, Family::Gemini20);
        assert_eq!(boxes.len(), 4);
        assert_eq!(boxes[0], ("pink cloth".to_string(), [447, 0, 1000, 418]));
    }

    proptest! {
        #[test]
        fn random_digests_are_not_samples(bytes in proptest::array::uniform32(any::<u8>())) {
            prop_assert_eq!(recognise(&bytes), None);
        }
    }
}
