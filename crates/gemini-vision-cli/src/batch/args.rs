//! The command line of `gemini-vision batch`, and the task prompts it sends.

use clap::{Parser, ValueEnum};
use gemini_vision::endpoint::{DEFAULT_API_VERSION, DEFAULT_BASE_URL};
use gemini_vision::request::DEFAULT_MAX_BODY_BYTES;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
The API key is read from GEMINI_API_KEY only (never from the command line). It is sent \
in the x-goog-api-key header to the API's origin and nowhere else, and never over plain \
HTTP except to a loopback address (an emulator).

Images: every PNG, JPEG, WEBP, HEIC or HEIF file under DIR, subdirectories included, \
recognised by its bytes; names starting with '.' and the output directory are skipped, \
links to directories are not followed. The key of an image is its path under DIR \
(e.g. 'shelf/cat.jpg').

Route: the requests go inline in the create request while that body fits under \
--max-inline-bytes (20 MB), else as a JSONL file uploaded with the File API's resumable \
protocol, chunk by chunk, each chunk built from the images on disk.

Stop and restart: OUTPUT/.batch-state.json (and the image list OUTPUT/.batch-images.json) \
record how far the batch got; rerun the same command to continue: an upload resumes where \
the server is, an existing job is waited for (never created twice), results already written \
are kept. To start over, use a new OUTPUT or delete the state file.

Output, per image: OUTPUT/results/KEY.json with the image's size and either \
\"detections\" (the JSON shape of `gemini-vision parse`, with pixel boxes), \"warnings\" \
and the model's \"text\", or the API's \"error\" for that image; with --png, \
OUTPUT/annotated/KEY.png (masks, boxes and points drawn in label colours). For the batch: \
OUTPUT/annotations.coco.json (COCO: images with their sizes, categories from the labels, \
boxes in pixels, masks as uncompressed RLE; point-only detections are left out).

Exit codes: 0 every image has a result; 3 done, but some images have an error (see their \
files); 1 the batch could not be run, or the job failed, was cancelled or expired (the \
message says why; a rerun reports the same and creates nothing); 2 bad arguments.";

/// Submit a directory of images as one Batch Mode job and write the results.
#[derive(Debug, Parser)]
#[command(
    name = "gemini-vision batch",
    bin_name = "gemini-vision batch",
    about = "Run a directory of images through Gemini Batch Mode (half price) and write detections, COCO and annotated PNGs",
    after_help = AFTER_HELP
)]
pub struct BatchArgs {
    /// The directory of images.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where results and the state file go (created if missing).
    #[arg(short, long, value_name = "OUTPUT")]
    pub output: PathBuf,
    /// The model (`gemini-2.5-flash` or `models/gemini-2.5-flash`).
    #[arg(long)]
    pub model: String,
    /// What to ask: the demo's prompts for each task.
    #[arg(long, value_enum, default_value_t = Task::Detect)]
    pub task: Task,
    /// What the task looks for (default "the most prominent items").
    #[arg(long, value_name = "TEXT", conflicts_with = "prompt")]
    pub target: Option<String>,
    /// Your own prompt instead of the task's.
    #[arg(long, value_name = "TEXT")]
    pub prompt: Option<String>,
    /// A system instruction (replaces the task's own, which only detect has).
    #[arg(long, value_name = "TEXT")]
    pub system: Option<String>,
    /// Sampling temperature, 0 to 2 (default: the model's).
    #[arg(long, value_name = "X")]
    pub temperature: Option<f64>,
    /// The job's display name (default: made from DIR's name).
    #[arg(long, value_name = "NAME")]
    pub display_name: Option<String>,
    /// Also write OUTPUT/annotated/KEY.png for every image with a result.
    #[arg(long)]
    pub png: bool,
    /// The API's base URL (https://, or http:// to an emulator on a loopback address).
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The API version.
    #[arg(long, value_name = "V", default_value = DEFAULT_API_VERSION)]
    pub api_version: String,
    /// The largest inline create body; a bigger batch goes as a JSONL file.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BODY_BYTES)]
    pub max_inline_bytes: u64,
    /// A fixed upload chunk size (rounded down to the server's granularity, 256 KiB);
    /// default: adaptive, 8 MiB growing to about a second of the link, up to 128 MiB.
    #[arg(long, value_name = "BYTES", value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk_size: Option<u64>,
    /// The first wait between polls of the job, in ms; later waits grow by half up to
    /// twelve times this.
    #[arg(long, value_name = "MS", default_value_t = 5_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub poll_ms: u64,
}

/// The tasks, with the prompts the demo sends for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Task {
    /// 2D bounding boxes with labels.
    Detect,
    /// Boxes with segmentation masks.
    Segment,
    /// Points with labels.
    Points,
    /// A short description of each image.
    Caption,
}

impl Task {
    /// What to look for when no `--target` is given (the demo's default).
    pub const DEFAULT_TARGET: &'static str = "the most prominent items";

    /// The prompt, with `target` filled in. The wording is the demo's
    /// (`www/src/domain/task.rs`), itself the Gemini cookbook's, so that answers come
    /// back in the shapes the parser reads.
    pub fn prompt(self, target: Option<&str>) -> String {
        let target = target
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(Self::DEFAULT_TARGET);
        let labels = "a short description";
        match self {
            Task::Detect => format!(
                "Detect the 2d bounding boxes of {target} (with \u{201c}label\u{201d} as {labels})."
            ),
            Task::Segment => format!(
                "Give the segmentation masks for {target}. Output a JSON list of segmentation \
                 masks where each entry contains the 2D bounding box in the key \"box_2d\", the \
                 segmentation mask in key \"mask\", and the text label in the key \"label\". \
                 Use {labels} as labels."
            ),
            Task::Points => format!(
                "Point to {target}, with no more than 10 items. The answer should follow the \
                 json format: [{{\"point\": <point>, \"label\": <label1>}}, ...]. The points \
                 are in [y, x] format normalized to 0-1000. Use {labels} as labels."
            ),
            Task::Caption => "Describe this image in two or three sentences.".to_owned(),
        }
    }

    /// The system instruction the demo sends with the task.
    pub fn system_instruction(self) -> Option<&'static str> {
        match self {
            Task::Detect => Some(
                "Return bounding boxes as a JSON array with labels. Never return masks or code \
                 fencing. Limit to 25 objects. If an object is present multiple times, name \
                 them according to their unique characteristic (colors, size, position, \
                 unique characteristics, etc..).",
            ),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompts_are_the_demos() {
        assert!(
            Task::Detect
                .prompt(None)
                .starts_with("Detect the 2d bounding boxes of the most prominent items")
        );
        assert!(
            Task::Segment
                .prompt(Some("the cups"))
                .contains("segmentation masks for the cups")
        );
        assert!(Task::Points.prompt(None).starts_with("Point to"));
        assert!(Task::Detect.system_instruction().is_some());
        assert!(Task::Caption.system_instruction().is_none());
    }

    #[test]
    fn the_key_has_no_flag() {
        use clap::CommandFactory;
        let command = BatchArgs::command();
        assert!(
            command
                .get_arguments()
                .all(|arg| !arg.get_id().as_str().contains("key"))
        );
    }
}
