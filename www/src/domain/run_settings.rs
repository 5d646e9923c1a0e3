//! The generation settings a person picks (model, temperature, thinking, media
//! resolution, structured output), the per-task defaults from the current docs, and
//! how a task's media are split into requests. [`RunSettings::to_settings`] turns them,
//! once per run, into the core's one settings type, which the library builds the
//! request from.

use super::task::Task;
use gemini_vision::media::MediaKind;
use gemini_vision::request::Settings;
use gemini_vision::spatial::{DetectionSchema, MaskForm};
use gemini_vision::wire::{MediaResolution, ThinkingLevel};

/// Models offered in the picker until the API's own list is loaded (any other name can
/// be typed).
pub const MODELS: [&str; 7] = [
    "gemini-2.5-flash",
    "gemini-2.5-pro",
    "gemini-2.5-flash-lite",
    "gemini-3-flash-preview",
    "gemini-3-pro-preview",
    "gemini-robotics-er-1.6-preview",
    "gemini-2.0-flash",
];

/// The model a page starts with: the cookbook's spatial-understanding model, which also
/// segments (with thinking off).
pub const DEFAULT_MODEL: &str = "gemini-2.5-flash";

/// The model the Segment task switches to when the chosen one does not segment (the
/// release notes: Gemini 3.x does not; 2.5 Flash with thinking off and Robotics-ER do).
pub const SEGMENT_MODEL: &str = "gemini-2.5-flash";

/// Thinking choices offered: `None` uses the task's default ([`task_thinking`]).
pub const THINKING_CHOICES: [(Option<i64>, &str); 5] = [
    (None, "Task default"),
    (Some(0), "Off (0)"),
    (Some(1024), "1,024 tokens"),
    (Some(8192), "8,192 tokens"),
    (Some(-1), "Dynamic (-1)"),
];

/// The temperature the docs recommend for spatial prompts (and the page's default).
pub const DEFAULT_TEMPERATURE: f64 = 0.5;

/// Everything but the prompt that shapes a request.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    /// The model id (`gemini-2.5-flash`).
    pub model: String,
    /// Sampling temperature, 0 to 2; `None` leaves the model's default.
    pub temperature: Option<f64>,
    /// `thinkingConfig.thinkingBudget`; `None` uses the task's default.
    pub thinking_budget: Option<i64>,
    /// `mediaResolution`; `None` leaves the model's default.
    pub media_resolution: Option<MediaResolution>,
    /// Ask spatial tasks for JSON in the core's detection schema (`detectionSchema()`).
    pub structured: bool,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            model: DEFAULT_MODEL.to_owned(),
            temperature: Some(DEFAULT_TEMPERATURE),
            thinking_budget: None,
            media_resolution: None,
            structured: false,
        }
    }
}

/// Whether `model` is one of the Gemini 3 family (thinking levels, no segmentation).
fn is_gemini_3(model: &str) -> bool {
    model.contains("gemini-3")
}

/// Whether `model` answers segmentation prompts with masks we can read.
pub fn segments(model: &str) -> bool {
    let model = model.trim().trim_start_matches("models/");
    model.starts_with("gemini-2.5-flash") || model.starts_with("gemini-robotics-er")
}

/// The thinking the docs recommend for `task` on `model`, as (budget, level): for
/// detection and segmentation, none where the model allows it (budget 0 on 2.5 Flash
/// and Robotics-ER, level `minimal` on Gemini 3 Flash, `low` on Gemini 3 Pro, which
/// cannot go lower; 2.5 Pro cannot turn thinking off, so it keeps its default).
pub fn task_thinking(task: Task, model: &str) -> (Option<i64>, Option<ThinkingLevel>) {
    if !matches!(
        task,
        Task::Detect | Task::Segment | Task::Point | Task::Boxes3d
    ) {
        return (None, None);
    }
    if is_gemini_3(model) {
        let level = if model.contains("pro") {
            ThinkingLevel::Low
        } else {
            ThinkingLevel::Minimal
        };
        (None, Some(level))
    } else if model.contains("2.5-pro") {
        (None, None)
    } else {
        (Some(0), None)
    }
}

/// The response schema of the structured-output option for `task`.
pub fn task_schema(task: Task) -> Option<DetectionSchema> {
    let schema = match task {
        Task::Detect => DetectionSchema::default(),
        Task::Segment => DetectionSchema {
            masks: Some(MaskForm::Png),
            ..DetectionSchema::default()
        },
        Task::Point => DetectionSchema {
            boxes: false,
            points: true,
            ..DetectionSchema::default()
        },
        _ => return None,
    };
    Some(DetectionSchema {
        max_items: Some(25),
        ..schema
    })
}

impl RunSettings {
    /// The model id, trimmed, or the default when empty.
    pub fn model_id(&self) -> &str {
        let model = self.model.trim();
        if model.is_empty() {
            DEFAULT_MODEL
        } else {
            model
        }
    }

    /// The core's settings of a request for `task`: the person's choices, the task's
    /// defaults where they left one open, its system instruction, and the detection
    /// schema when structured output is on.
    pub fn to_settings(&self, task: Task) -> Settings {
        let (budget, level) = match self.thinking_budget {
            Some(budget) => (Some(budget), None),
            None => task_thinking(task, self.model_id()),
        };
        let response_schema = if self.structured {
            task_schema(task)
                .and_then(|schema| schema.to_json().ok())
                .and_then(|json| serde_json::from_str(&json).ok())
        } else {
            None
        };
        Settings {
            system_instruction: task.system_instruction().map(str::to_owned),
            temperature: self.temperature,
            thinking_budget: budget,
            thinking_level: level,
            media_resolution: self.media_resolution.clone(),
            response_mime_type: response_schema
                .is_some()
                .then(|| "application/json".to_owned()),
            response_schema,
            ..Settings::default()
        }
    }
}

/// Which media go into which request, as indices into `media`.
///
/// A spatial task sends one request per item, so that every answer's coordinates
/// belong to exactly one image (a model asked about several images at once may merge
/// or mislabel them), and the requests run side by side. Captions and questions send
/// everything together, so the model can compare.
pub fn request_groups(task: Task, media: &[MediaKind]) -> Vec<Vec<usize>> {
    if task.is_spatial() {
        (0..media.len()).map(|i| vec![i]).collect()
    } else {
        vec![(0..media.len()).collect()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spatial_tasks_send_one_request_per_item() {
        let media = [MediaKind::Image, MediaKind::Image, MediaKind::Video];
        assert_eq!(
            request_groups(Task::Detect, &media),
            vec![vec![0], vec![1], vec![2]]
        );
    }

    #[test]
    fn captions_send_everything_together() {
        let media = [MediaKind::Image, MediaKind::Pdf];
        assert_eq!(request_groups(Task::Caption, &media), vec![vec![0, 1]]);
    }

    #[test]
    fn a_question_without_media_is_one_request() {
        assert_eq!(request_groups(Task::Ask, &[]), vec![Vec::<usize>::new()]);
    }

    #[test]
    fn an_empty_model_falls_back_to_the_default() {
        let settings = RunSettings {
            model: "  ".into(),
            ..RunSettings::default()
        };
        assert_eq!(settings.model_id(), DEFAULT_MODEL);
    }

    #[test]
    fn settings_reach_the_config() {
        let settings = RunSettings {
            thinking_budget: Some(1024),
            media_resolution: Some(MediaResolution::Low),
            ..RunSettings::default()
        };
        let config = settings.to_settings(Task::Detect).to_config();
        assert_eq!(config["temperature"], 0.5);
        assert_eq!(config["thinkingConfig"]["thinkingBudget"], 1024);
        assert_eq!(config["mediaResolution"], "MEDIA_RESOLUTION_LOW");
        assert!(
            config["systemInstruction"]
                .as_str()
                .is_some_and(|s| s.contains("bounding boxes"))
        );
    }

    #[test]
    fn detection_turns_thinking_off_as_far_as_each_model_allows() {
        let of = |model: &str, task| {
            RunSettings {
                model: model.into(),
                ..RunSettings::default()
            }
            .to_settings(task)
            .to_config()["thinkingConfig"]
                .clone()
        };
        assert_eq!(of("gemini-2.5-flash", Task::Detect)["thinkingBudget"], 0);
        assert_eq!(of("gemini-2.5-flash", Task::Segment)["thinkingBudget"], 0);
        assert_eq!(
            of("gemini-3-flash-preview", Task::Detect)["thinkingLevel"],
            "MINIMAL"
        );
        assert_eq!(
            of("gemini-3-pro-preview", Task::Point)["thinkingLevel"],
            "LOW"
        );
        assert!(of("gemini-2.5-pro", Task::Detect).is_null());
        assert!(of("gemini-2.5-flash", Task::Caption).is_null());
    }

    #[test]
    fn a_chosen_budget_wins_over_the_task_default() {
        let settings = RunSettings {
            thinking_budget: Some(-1),
            ..RunSettings::default()
        };
        let config = settings.to_settings(Task::Detect).to_config();
        assert_eq!(config["thinkingConfig"]["thinkingBudget"], -1);
    }

    #[test]
    fn structured_output_sends_the_cores_detection_schema() {
        let settings = RunSettings {
            structured: true,
            ..RunSettings::default()
        };
        let config = settings.to_settings(Task::Segment).to_config();
        assert_eq!(config["responseMimeType"], "application/json");
        let expected: serde_json::Value =
            serde_json::from_str(&task_schema(Task::Segment).unwrap().to_json().unwrap()).unwrap();
        assert_eq!(config["responseSchema"], expected);
        // Captions have no schema: structured output changes nothing there.
        let caption = settings.to_settings(Task::Caption).to_config();
        assert!(caption.get("responseSchema").is_none());
    }

    #[test]
    fn only_flash_and_robotics_models_segment() {
        assert!(segments("gemini-2.5-flash"));
        assert!(segments("models/gemini-robotics-er-1.6-preview"));
        assert!(!segments("gemini-3-pro-preview"));
        assert!(!segments("gemini-3-flash-preview"));
    }

    proptest::proptest! {
        #[test]
        fn every_item_is_in_exactly_one_request(n in 0usize..12, task in proptest::sample::select(Task::ALL.to_vec())) {
            let media = vec![MediaKind::Image; n];
            let mut seen: Vec<usize> = request_groups(task, &media).into_iter().flatten().collect();
            seen.sort_unstable();
            proptest::prop_assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }
}
