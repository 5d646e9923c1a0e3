//! Saying plainly when a segmentation answer's masks cannot be drawn, and which model
//! to try. The facts (issue 9, from the release notes and observed answers): Gemini 3.x
//! does not segment; Gemini 2.5 Flash with thinking off and Gemini Robotics-ER 1.6 do;
//! 2.5 sometimes answers `<start_of_mask><seg_N>...` tokens that no public decoder reads.

use super::run_settings::{SEGMENT_MODEL, segments};
use gemini_vision::spatial::{Detection, Mask};

/// The Robotics-ER model that outlines objects as polygons.
pub const ROBOTICS_MODEL: &str = "gemini-robotics-er-1.6-preview";

fn try_instead(model: &str) -> String {
    let robotics = model.contains("robotics-er");
    let flash = model.starts_with(SEGMENT_MODEL);
    match (flash, robotics) {
        (true, _) => format!("Try again, or try {ROBOTICS_MODEL}."),
        (_, true) => format!("Try again, or try {SEGMENT_MODEL} with thinking off."),
        _ => format!("Try {SEGMENT_MODEL} with thinking off, or {ROBOTICS_MODEL}."),
    }
}

/// What to tell the person when `text` (a Segment answer from `model`, parsed into
/// `detections`) has no mask that can be drawn; `None` when some can.
pub fn unreadable_masks(text: &str, detections: &[Detection], model: &str) -> Option<String> {
    let drawable = detections
        .iter()
        .any(|d| matches!(d.mask, Mask::Png(_) | Mask::Polygon(_)));
    if drawable {
        return None;
    }
    let model = model.trim().trim_start_matches("models/");
    if text.contains("<start_of_mask>") || text.contains("<seg_") {
        return Some(format!(
            "The masks in this answer cannot be read: {model} answered <start_of_mask> \
             tokens, which no public decoder reads. Only the boxes are shown. {}",
            try_instead(model)
        ));
    }
    if detections.is_empty() {
        return None;
    }
    let why = if segments(model) {
        format!("{model} answered boxes without masks that can be drawn")
    } else {
        format!("{model} does not segment images (Gemini 3 models do not)")
    };
    Some(format!(
        "The masks in this answer cannot be read: {why}. Only the boxes are shown. {}",
        try_instead(model)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::spatial::parse_detections;

    #[test]
    fn mask_tokens_are_named_and_another_model_suggested() {
        let text = r#"[{"box_2d": [10, 10, 500, 500], "label": "cup", "mask": "<start_of_mask><seg_12><seg_40>"}]"#;
        let found = parse_detections(text).detections;
        assert_eq!(found.len(), 1);
        let note = unreadable_masks(text, &found, "gemini-2.5-flash").unwrap();
        assert!(note.contains("<start_of_mask>"), "{note}");
        assert!(note.contains(ROBOTICS_MODEL), "{note}");
    }

    #[test]
    fn boxes_without_masks_from_gemini_3_say_it_does_not_segment() {
        let text = r#"[{"box_2d": [10, 10, 500, 500], "label": "cup"}]"#;
        let found = parse_detections(text).detections;
        let note = unreadable_masks(text, &found, "gemini-3-pro-preview").unwrap();
        assert!(note.contains("does not segment"), "{note}");
        assert!(note.contains(SEGMENT_MODEL), "{note}");
    }

    #[test]
    fn drawable_masks_need_no_note() {
        let text = r#"[{"box_2d": [0, 0, 1000, 1000], "label": "all", "mask": [[0, 0], [1000, 0], [1000, 1000]]}]"#;
        let found = parse_detections(text).detections;
        assert!(
            matches!(found[0].mask, Mask::Polygon(_)),
            "{:?}",
            found[0].mask
        );
        assert_eq!(unreadable_masks(text, &found, "gemini-2.5-flash"), None);
    }

    #[test]
    fn an_empty_answer_needs_no_mask_note() {
        assert_eq!(unreadable_masks("[]", &[], "gemini-2.5-flash"), None);
    }
}
