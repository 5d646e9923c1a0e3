//! The tasks a person can pick and the prompt each one sends.
//!
//! The templates follow the Gemini cookbook's spatial-understanding prompts (the ones
//! whose real answers are in `../shared/samples/responses`), so the answers come back in
//! the shapes the core's parser reads. A template is only a starting point: the person
//! edits the prompt before running it. Nothing here sends anything.

use std::fmt;

/// What to ask the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Task {
    /// A short description of each image.
    Caption,
    /// 2D bounding boxes with labels.
    #[default]
    Detect,
    /// Boxes with segmentation masks.
    Segment,
    /// Points with labels.
    Point,
    /// 3D bounding boxes.
    Boxes3d,
    /// A free question about the media.
    Ask,
}

impl Task {
    /// Every task, in the order the task bar shows them.
    pub const ALL: [Task; 6] = [
        Task::Caption,
        Task::Detect,
        Task::Segment,
        Task::Point,
        Task::Boxes3d,
        Task::Ask,
    ];

    /// The button's name (also its accessible name).
    pub fn name(self) -> &'static str {
        match self {
            Task::Caption => "Caption",
            Task::Detect => "Detect",
            Task::Segment => "Segment",
            Task::Point => "Point",
            Task::Boxes3d => "3D boxes",
            Task::Ask => "Ask anything",
        }
    }

    /// A one-line explanation shown as the button's tooltip.
    pub fn hint(self) -> &'static str {
        match self {
            Task::Caption => "Describe each image in a few sentences",
            Task::Detect => "2D bounding boxes with labels",
            Task::Segment => "Boxes with segmentation masks",
            Task::Point => "One point per item, with labels",
            Task::Boxes3d => "3D bounding boxes, projected onto the image",
            Task::Ask => "Write your own question",
        }
    }

    /// Whether the answer is read as detections and drawn over the image.
    pub fn is_spatial(self) -> bool {
        matches!(
            self,
            Task::Detect | Task::Segment | Task::Point | Task::Boxes3d
        )
    }

    /// Whether the task needs at least one image, video or PDF.
    pub fn needs_media(self) -> bool {
        self != Task::Ask
    }

    /// The system instruction sent with the task, if any.
    pub fn system_instruction(self) -> Option<&'static str> {
        match self {
            // The cookbook's own wording: without it, Gemini 2.x answers with masks
            // and code fences, and repeats labels for look-alike items.
            Task::Detect => Some(
                "Return bounding boxes as a JSON array with labels. Never return masks or code \
                 fencing. Limit to 25 objects. If an object is present multiple times, name \
                 them according to their unique characteristic (colors, size, position, \
                 unique characteristics, etc..).",
            ),
            _ => None,
        }
    }

    /// The prompt template filled in with `options`.
    pub fn prompt(self, options: &TaskOptions) -> String {
        let target = options.target_or_default(self);
        let labels = options.label_clause();
        match self {
            Task::Caption => {
                let language = options.language_clause();
                format!("Describe this image in two or three sentences{language}.")
            }
            Task::Detect => {
                format!(
                    "Detect the 2d bounding boxes of {target} (with \u{201c}label\u{201d} as {labels})."
                )
            }
            Task::Segment => format!(
                "Give the segmentation masks for {target}. Output a JSON list of segmentation \
                 masks where each entry contains the 2D bounding box in the key \"box_2d\", the \
                 segmentation mask in key \"mask\", and the text label in the key \"label\". \
                 Use {labels} as labels."
            ),
            Task::Point => format!(
                "Point to {target}, with no more than 10 items. The answer should follow the \
                 json format: [{{\"point\": <point>, \"label\": <label1>}}, ...]. The points \
                 are in [y, x] format normalized to 0-1000. Use {labels} as labels."
            ),
            Task::Boxes3d => format!(
                "Detect the 3D bounding boxes of {target}, no more than 10 items. Output a json \
                 list where each entry contains the object name in \"label\" and its 3D \
                 bounding box in \"box_3d\". The 3D bounding box format should be [x_center, \
                 y_center, z_center, x_size, y_size, z_size, roll, pitch, yaw]. Use {labels} \
                 as labels."
            ),
            Task::Ask => options.target.trim().to_owned(),
        }
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the person typed to shape a template.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TaskOptions {
    /// What to find ("the cupcakes"); empty means the task's default. For
    /// [`Task::Ask`] it is the question itself.
    pub target: String,
    /// The language labels and captions are written in; empty means English.
    pub language: String,
}

impl TaskOptions {
    /// What to look for when the person left it empty.
    pub const DEFAULT_TARGET: &'static str = "the most prominent items";

    fn target_or_default(&self, task: Task) -> String {
        let target = self.target.trim();
        match (target.is_empty(), task) {
            (true, Task::Boxes3d) => "the main objects".to_owned(),
            (true, _) => Self::DEFAULT_TARGET.to_owned(),
            (false, _) => target.to_owned(),
        }
    }

    fn language(&self) -> Option<&str> {
        let language = self.language.trim();
        (!language.is_empty() && !language.eq_ignore_ascii_case("english")).then_some(language)
    }

    fn label_clause(&self) -> String {
        match self.language() {
            Some(language) => format!("a short description in {language}"),
            None => "a short description".to_owned(),
        }
    }

    fn language_clause(&self) -> String {
        self.language()
            .map(|language| format!(", in {language}"))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(target: &str, language: &str) -> TaskOptions {
        TaskOptions {
            target: target.into(),
            language: language.into(),
        }
    }

    #[test]
    fn detect_uses_the_cookbook_wording_and_system_instruction() {
        let prompt = Task::Detect.prompt(&options("the cupcakes", ""));
        assert!(prompt.starts_with("Detect the 2d bounding boxes of the cupcakes"));
        let system = Task::Detect.system_instruction().unwrap();
        assert!(system.contains("Never return masks"));
    }

    #[test]
    fn an_empty_target_falls_back_to_the_default() {
        let prompt = Task::Segment.prompt(&TaskOptions::default());
        assert!(prompt.contains(TaskOptions::DEFAULT_TARGET), "{prompt}");
    }

    #[test]
    fn a_label_language_other_than_english_is_asked_for() {
        let prompt = Task::Point.prompt(&options("", "Japanese"));
        assert!(prompt.contains("in Japanese"), "{prompt}");
        let english = Task::Point.prompt(&options("", "English"));
        assert!(!english.contains(" in English"), "{english}");
    }

    #[test]
    fn caption_asks_for_the_chosen_language() {
        let prompt = Task::Caption.prompt(&options("", "French"));
        assert!(prompt.ends_with(", in French."), "{prompt}");
    }

    #[test]
    fn ask_sends_the_question_as_typed() {
        assert_eq!(
            Task::Ask.prompt(&options("  How many cupcakes?  ", "")),
            "How many cupcakes?"
        );
    }

    #[test]
    fn segmentation_prompt_names_the_mask_key() {
        // The emulator and the real models pick the task from these words.
        let prompt = Task::Segment.prompt(&TaskOptions::default());
        assert!(prompt.contains("segmentation masks") && prompt.contains("\"mask\""));
    }

    #[test]
    fn three_d_prompt_lists_the_nine_box_values() {
        let prompt = Task::Boxes3d.prompt(&TaskOptions::default());
        assert!(prompt.contains("box_3d") && prompt.contains("roll, pitch, yaw"));
    }

    #[test]
    fn only_spatial_tasks_are_drawn() {
        let drawn: Vec<_> = Task::ALL.into_iter().filter(|t| t.is_spatial()).collect();
        assert_eq!(
            drawn,
            [Task::Detect, Task::Segment, Task::Point, Task::Boxes3d]
        );
    }

    #[test]
    fn button_names_are_the_accessible_names_the_issue_lists() {
        let names: Vec<_> = Task::ALL.iter().map(|t| t.name()).collect();
        for required in ["Caption", "Detect", "Segment", "Point"] {
            assert!(names.contains(&required), "{required}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_template_keeps_the_target_verbatim(target in "[a-zA-Z0-9 ,'-]{1,40}") {
            let options = options(&target, "");
            // A caption describes the whole image; it has no target.
            for task in Task::ALL.into_iter().filter(|t| *t != Task::Caption) {
                let prompt = task.prompt(&options);
                if !target.trim().is_empty() {
                    proptest::prop_assert!(prompt.contains(target.trim()), "{task}: {prompt}");
                }
            }
        }
    }
}
