//! Batch Mode decisions: the key each image is sent under (so that a result is joined to
//! its image, and named even after a reload), the job's name for people (which carries
//! the task, so that a listed job's results are read the way they were asked), a job as
//! the page shows it (state and counts from the library's `BatchJob`), and the export
//! of every result.

use super::task::Task;
use gemini_vision::geometry::ImageSize;
use gemini_vision::spatial::{Detection, JsonOptions};
use serde::Deserialize;
use serde_json::Value;

/// What the demo puts before the task's name in a job's `displayName`.
const DISPLAY_PREFIX: &str = "gemini-vision demo";

/// The longest file name kept in a key (keys may be 1,024 bytes; names rarely need 200).
const NAME_IN_KEY_CHARS: usize = 200;

/// The key of the `index`-th image (0-based) named `name`: `0001-name.png`. Unique for
/// distinct indexes; control characters (which keys may not hold) become `_`.
pub fn image_key(index: usize, name: &str) -> String {
    let clean: String = name
        .chars()
        .take(NAME_IN_KEY_CHARS)
        .map(|c| if c.is_control() { '_' } else { c })
        .collect();
    format!("{:04}-{clean}", index + 1)
}

/// The image name inside a key made by [`image_key`] (the key itself otherwise).
pub fn name_in_key(key: &str) -> &str {
    match key.split_once('-') {
        Some((number, name))
            if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            name
        }
        _ => key,
    }
}

/// The `displayName` of a job of `task` on `count` images.
pub fn display_name(task: Task, count: usize) -> String {
    format!(
        "{DISPLAY_PREFIX} \u{b7} {} \u{b7} {count} images",
        task.name()
    )
}

/// The task of a job the demo named with [`display_name`]; `None` for other jobs.
pub fn task_of_display_name(name: &str) -> Option<Task> {
    let rest = name
        .strip_prefix(DISPLAY_PREFIX)?
        .strip_prefix(" \u{b7} ")?;
    let (task, _) = rest.split_once(" \u{b7} ")?;
    Task::ALL.into_iter().find(|t| t.name() == task)
}

/// A batch job as the page shows it, read from the library's `BatchJob` JSON.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSummary {
    /// `batches/{id}`.
    #[serde(default)]
    pub name: String,
    /// The name for people, if any.
    #[serde(default)]
    pub display_name: Option<String>,
    /// `JOB_STATE_*` (the library renames the API's `BATCH_STATE_*`).
    #[serde(default)]
    pub state: Option<String>,
    /// The model asked (`models/...`).
    #[serde(default)]
    pub model: Option<String>,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub create_time: Option<String>,
    /// The counts, as the API writes them.
    #[serde(default)]
    batch_stats: Option<Value>,
    /// The job's error message (a `FAILED` job).
    #[serde(default, deserialize_with = "error_message")]
    pub error: Option<String>,
}

fn error_message<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<Value>::deserialize(d)?;
    Ok(value.and_then(|v| {
        v.get("message")
            .and_then(Value::as_str)
            .map(|m| m.chars().take(500).collect())
    }))
}

/// A job's request counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JobCounts {
    /// Requests in the job.
    pub total: u64,
    /// Answered.
    pub succeeded: u64,
    /// Failed.
    pub failed: u64,
    /// Not answered yet.
    pub pending: u64,
}

impl JobSummary {
    /// The job read from the JSON of a `BatchJob`; `None` when it is not one.
    pub fn from_json(text: &str) -> Option<JobSummary> {
        serde_json::from_str::<JobSummary>(text)
            .ok()
            .filter(|job| !job.name.is_empty())
    }

    /// The jobs of a list page's JSON (`[BatchJob...]`); unreadable items are skipped.
    pub fn list_from_json(text: &str) -> Vec<JobSummary> {
        let items: Vec<Value> = serde_json::from_str(text).unwrap_or_default();
        items
            .into_iter()
            .filter_map(|item| serde_json::from_value::<JobSummary>(item).ok())
            .filter(|job| !job.name.is_empty())
            .collect()
    }

    /// The state without its prefix: `SUCCEEDED`, `RUNNING`... (`UNKNOWN` when absent).
    pub fn state_label(&self) -> &str {
        let state = self.state.as_deref().unwrap_or("UNKNOWN");
        state
            .strip_prefix("JOB_STATE_")
            .or_else(|| state.strip_prefix("BATCH_STATE_"))
            .unwrap_or(state)
    }

    /// Whether the job has ended (it will not change any more).
    pub fn has_ended(&self) -> bool {
        matches!(
            self.state_label(),
            "SUCCEEDED" | "FAILED" | "CANCELLED" | "EXPIRED"
        )
    }

    /// Whether the job ended with results to read.
    pub fn succeeded(&self) -> bool {
        self.state_label() == "SUCCEEDED"
    }

    /// The counts of `batchStats` (decimal strings, or numbers; absent counts are 0).
    pub fn counts(&self) -> JobCounts {
        let count = |key: &str| {
            self.batch_stats
                .as_ref()
                .and_then(|stats| stats.get(key))
                .and_then(|v| match v {
                    Value::String(s) => s.parse::<u64>().ok(),
                    other => other.as_u64(),
                })
                .unwrap_or(0)
        };
        JobCounts {
            total: count("requestCount"),
            succeeded: count("successfulRequestCount"),
            failed: count("failedRequestCount"),
            pending: count("pendingRequestCount"),
        }
    }

    /// The task the demo asked in this job, if it made it.
    pub fn task(&self) -> Option<Task> {
        self.display_name.as_deref().and_then(task_of_display_name)
    }
}

/// One image's result, for the export.
#[derive(Debug, Clone, Copy)]
pub struct ExportedImage<'a> {
    /// The key it was sent under.
    pub key: &'a str,
    /// Its size, when the page knows it (pixel values are then added).
    pub size: Option<ImageSize>,
    /// What was found.
    pub detections: &'a [Detection],
    /// The request's error, if it failed.
    pub error: Option<&'a str>,
}

/// Every result of a job: `{"job", "model", "images": [{"image", "key", "width",
/// "height", "detections": [the core's shape...], "error"}]}`.
pub fn batch_json(job: &str, model: &str, images: &[ExportedImage<'_>]) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    let entries: Vec<String> = images
        .iter()
        .map(|image| {
            let options = JsonOptions {
                image_size: image.size,
                ..JsonOptions::default()
            };
            let detections: Vec<String> = image
                .detections
                .iter()
                .map(|d| format!("        {}", d.to_json(&options)))
                .collect();
            let (width, height) = image.size.map_or(("null".to_owned(), "null".to_owned()), |s| {
                (s.width().to_string(), s.height().to_string())
            });
            let error = image.error.map_or("null".to_owned(), quote);
            format!(
                "    {{\n      \"image\": {},\n      \"key\": {},\n      \"width\": {width},\n      \"height\": {height},\n      \"error\": {error},\n      \"detections\": [\n{}\n      ]\n    }}",
                quote(name_in_key(image.key)),
                quote(image.key),
                detections.join(",\n")
            )
        })
        .collect();
    format!(
        "{{\n  \"job\": {},\n  \"model\": {},\n  \"images\": [\n{}\n  ]\n}}\n",
        quote(job),
        quote(model),
        entries.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use gemini_vision::spatial::parse_detections;

    #[test]
    fn keys_are_unique_and_give_back_the_name() {
        let a = image_key(0, "cat-1.png");
        let b = image_key(1, "cat-1.png");
        assert_ne!(a, b);
        assert_eq!(a, "0001-cat-1.png");
        assert_eq!(name_in_key(&a), "cat-1.png");
        assert_eq!(name_in_key("req-3"), "req-3");
        assert_eq!(image_key(9, "a\nb"), "0010-a_b");
    }

    #[test]
    fn the_task_comes_back_from_the_display_name() {
        for task in Task::ALL {
            assert_eq!(task_of_display_name(&display_name(task, 20)), Some(task));
        }
        assert_eq!(task_of_display_name("nightly labels"), None);
    }

    #[test]
    fn a_job_reads_state_and_string_counts() {
        let job = JobSummary::from_json(
            r#"{"name":"batches/abc","displayName":"x","state":"JOB_STATE_RUNNING",
            "batchStats":{"requestCount":"20","successfulRequestCount":"7","pendingRequestCount":"12","failedRequestCount":"1"}}"#,
        )
        .unwrap();
        assert_eq!(job.state_label(), "RUNNING");
        assert!(!job.has_ended());
        let counts = job.counts();
        assert_eq!(
            (
                counts.total,
                counts.succeeded,
                counts.failed,
                counts.pending
            ),
            (20, 7, 1, 12)
        );
        assert!(JobSummary::from_json("{}").is_none());
        assert!(JobSummary::from_json("not json").is_none());
    }

    #[test]
    fn a_failed_job_keeps_its_error_message() {
        let job = JobSummary::from_json(
            r#"{"name":"batches/a","state":"JOB_STATE_FAILED","error":{"code":13,"message":"boom"}}"#,
        )
        .unwrap();
        assert!(job.has_ended() && !job.succeeded());
        assert_eq!(job.error.as_deref(), Some("boom"));
        let list = JobSummary::list_from_json(r#"[{"name":"batches/a"},{"state":"x"},3]"#);
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn the_export_holds_every_image_with_pixels_when_known() {
        let found = parse_detections(r#"[{"box_2d":[0,0,500,500],"label":"cup"}]"#).detections;
        let size = ImageSize::new(200, 100).ok();
        let images = [
            ExportedImage {
                key: "0001-a.png",
                size,
                detections: &found,
                error: None,
            },
            ExportedImage {
                key: "0002-b.png",
                size: None,
                detections: &[],
                error: Some("bad"),
            },
        ];
        let text = batch_json("batches/x", "gemini-2.5-flash", &images);
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["images"][0]["image"], "a.png");
        assert_eq!(value["images"][0]["width"], 200);
        assert_eq!(value["images"][0]["detections"][0]["label"], "cup");
        assert_eq!(value["images"][1]["error"], "bad");
        assert!(value["images"][1]["width"].is_null());
    }
}
