//! The generation settings a person picks: model, temperature, thinking budget, media
//! resolution, and how a task's media are split into requests.

use super::task::Task;
use gemini_vision::media::MediaKind;
use gemini_vision::request::RequestBuilder;
use gemini_vision::wire::MediaResolution;

/// Models offered in the picker (any other name can be typed).
pub const MODELS: [&str; 6] = [
    "gemini-2.5-flash",
    "gemini-2.5-pro",
    "gemini-2.5-flash-lite",
    "gemini-2.0-flash",
    "gemini-3-flash-preview",
    "gemini-3-pro-preview",
];

/// The model a page starts with: the cookbook's spatial-understanding model.
pub const DEFAULT_MODEL: &str = "gemini-2.5-flash";

/// Thinking budgets offered: `None` leaves it to the model.
pub const THINKING_CHOICES: [(Option<i64>, &str); 5] = [
    (None, "Model default"),
    (Some(0), "Off (0)"),
    (Some(1024), "1,024 tokens"),
    (Some(8192), "8,192 tokens"),
    (Some(-1), "Dynamic (-1)"),
];

/// Everything but the prompt that shapes a request.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    /// The model id (`gemini-2.5-flash`).
    pub model: String,
    /// Sampling temperature, 0 to 2; `None` leaves the model's default.
    pub temperature: Option<f64>,
    /// `thinkingConfig.thinkingBudget`; `None` leaves the model's default.
    pub thinking_budget: Option<i64>,
    /// `mediaResolution`; `None` leaves the model's default.
    pub media_resolution: Option<MediaResolution>,
}

impl Default for RunSettings {
    fn default() -> Self {
        RunSettings {
            model: DEFAULT_MODEL.to_owned(),
            // The cookbook's value for spatial prompts.
            temperature: Some(0.5),
            thinking_budget: None,
            media_resolution: None,
        }
    }
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

    /// Puts these settings into a request builder.
    pub fn apply_to(&self, builder: &mut RequestBuilder) {
        if let Some(t) = self.temperature {
            builder.temperature(t);
        }
        if let Some(budget) = self.thinking_budget {
            builder.thinking_budget(budget);
        }
        if let Some(resolution) = &self.media_resolution {
            builder.media_resolution(resolution.clone());
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
    fn settings_reach_the_generation_config() {
        let settings = RunSettings {
            thinking_budget: Some(0),
            media_resolution: Some(MediaResolution::Low),
            ..RunSettings::default()
        };
        let mut builder = RequestBuilder::new();
        settings.apply_to(&mut builder);
        let config = builder.generation_config();
        assert_eq!(config.temperature, Some(0.5));
        assert_eq!(
            config.thinking_config.as_ref().unwrap().thinking_budget,
            Some(0)
        );
        assert_eq!(config.media_resolution, Some(MediaResolution::Low));
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
