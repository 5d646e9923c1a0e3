//! Which spatial task a prompt asks for.
//!
//! The user's text decides first; the system instruction only when the user's text names
//! no task. Negated mentions ("Never return masks") do not count, so the cookbook's
//! detection system instruction does not turn a request into segmentation.

/// What the model is asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Task {
    /// 2D bounding boxes.
    Detect,
    /// Boxes with masks.
    Segment,
    /// Points.
    Point,
    /// 3D boxes.
    Box3d,
    /// A description or an answer in prose.
    Caption,
}

const KEYWORDS: &[(Task, &[&str])] = &[
    (
        Task::Box3d,
        &["box_3d", "3d bounding", "3d box", "3d boxes", "3d"],
    ),
    (Task::Segment, &["segmentation", "segment", "mask"]),
    (Task::Point, &["point to", "points", "point"]),
    (
        Task::Detect,
        &[
            "bounding box",
            "box_2d",
            "detect",
            "positions",
            "locate",
            "boxes",
            "find the",
        ],
    ),
];

const NEGATIONS: &[&str] = &["never ", "no ", "not ", "without ", "don't ", "do not "];

/// Whether `keyword` occurs in `text` at least once without a negation just before it.
fn mentions(text: &str, keyword: &str) -> bool {
    text.match_indices(keyword).any(|(at, _)| {
        let mut start = at.saturating_sub(24);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let before = text.get(start..at).unwrap_or("");
        // Keep only the words of the same clause.
        let clause = before
            .rsplit(['.', ',', ';', '\n'])
            .next()
            .unwrap_or(before);
        !NEGATIONS.iter().any(|negation| clause.contains(negation))
    })
}

fn task_in(text: &str) -> Option<Task> {
    let text = text.to_lowercase();
    KEYWORDS
        .iter()
        .find(|(_, words)| words.iter().any(|word| mentions(&text, word)))
        .map(|(task, _)| *task)
}

/// The task of a request from its user text and system instruction.
pub fn detect_task(user_text: &str, system_text: &str) -> Task {
    task_in(user_text)
        .or_else(|| task_in(system_text))
        .unwrap_or(Task::Caption)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const COOKBOOK_SYSTEM: &str = "Return bounding boxes as a JSON array with labels. Never return masks or code fencing. Limit to 25 objects.";

    #[test]
    fn the_cookbook_prompts_map_to_their_tasks() {
        let cases = [
            (
                "Detect the 2d bounding boxes of the cupcakes (with “label” as topping description”)",
                Task::Detect,
            ),
            (
                "Show me the positions of the socks with the face",
                Task::Detect,
            ),
            (
                "Give the segmentation masks for the metal, wooden and glass small items (ignore the table). Output a JSON list of segmentation masks where each entry contains the 2D bounding box in the key \"box_2d\"",
                Task::Segment,
            ),
            ("segment the cupcakes", Task::Segment),
            (
                "Point to no more than 10 items in the image, include spill.",
                Task::Point,
            ),
            (
                "Detect the 3D bounding boxes of no more than 10 items in the image. Output a json list where each entry contains the object name in \"label\" and its 3D bounding box in \"box_3d\"",
                Task::Box3d,
            ),
        ];
        for (prompt, task) in cases {
            assert_eq!(detect_task(prompt, COOKBOOK_SYSTEM), task, "{prompt}");
        }
    }

    #[test]
    fn the_system_instruction_decides_when_the_prompt_does_not() {
        let prompt = "Tell me how to clean my table with an explanation as label. Do not just label the items";
        assert_eq!(detect_task(prompt, COOKBOOK_SYSTEM), Task::Detect);
    }

    #[test]
    fn negated_masks_do_not_mean_segmentation() {
        assert_eq!(detect_task("", "Never return masks."), Task::Caption);
    }

    #[test]
    fn plain_questions_are_captions() {
        assert_eq!(detect_task("What is in this image?", ""), Task::Caption);
    }

    proptest! {
        #[test]
        fn any_text_gets_a_task(user in ".{0,80}", system in ".{0,80}") {
            let _ = detect_task(&user, &system);
        }
    }
}
