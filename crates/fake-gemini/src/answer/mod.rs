//! The model's answer text, computed from the real input.
//!
//! Sample images replay their real recordings; other images go through the detector;
//! media the emulator cannot look into get an honest description. Several images are
//! answered one after another, each introduced by its number.

pub mod caption;
pub mod code;
pub mod formats;
pub mod functions;
pub mod picture;
pub mod task;

use crate::config::Style;
use crate::detector::{self, Region};
use crate::mask;
use crate::mime::MediaKind;
use crate::models::Family;
use crate::prompt::Prompt;
use crate::replay::{self, Sample};
use crate::validation::Media;
use formats::{Generation, Item, MaskOut};
use task::{Task, detect_task};

/// How to answer.
#[derive(Debug, Clone, Copy)]
pub struct Manner {
    /// The model's family.
    pub family: Family,
    /// The answer style setting.
    pub style: Style,
    /// `responseMimeType: application/json` was asked.
    pub json_output: bool,
}

impl Manner {
    fn generation(&self) -> Generation {
        match self.style {
            Style::Gemini25 => Generation::Two,
            Style::Gemini3 => Generation::Three,
            Style::Auto if self.family == Family::Gemini3 => Generation::Three,
            Style::Auto => Generation::Two,
        }
    }
}

/// The answer text to a checked prompt.
pub fn compose(prompt: &Prompt, manner: Manner) -> String {
    let task = detect_task(&prompt.user_text, &prompt.system_text);
    let media: Vec<&Media> = prompt.media.iter().collect();
    if media.is_empty() {
        return caption::text_reply(&prompt.user_text);
    }
    let answers: Vec<String> = media
        .iter()
        .map(|media| answer_one(media, task, manner))
        .collect();
    match answers.as_slice() {
        [one] => one.clone(),
        many => many
            .iter()
            .enumerate()
            .map(|(index, text)| format!("Image {}:\n{text}", index + 1))
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

fn answer_one(media: &Media, task: Task, manner: Manner) -> String {
    if media.kind != MediaKind::Image {
        return describe_other(media);
    }
    if let Some(sample) = replay::recognise(&media.sha256) {
        return sample_answer(sample, media, task, manner);
    }
    let picture = media.bytes.as_deref().and_then(detector::decode);
    let Some(picture) = picture else {
        let (width, height) = media.probe.size.unwrap_or((0, 0));
        return format!(
            "This is a {} image of {width}x{height} pixels. fake-gemini cannot decode this format, \
             so it cannot describe or locate anything in it.",
            media.mime_type
        );
    };
    let regions = detector::regions(&picture);
    let (width, height) = picture.full.dimensions();
    if task == Task::Caption {
        return caption::measured(width, height, &detector::palette(&picture), &regions);
    }
    let generation = manner.generation();
    let items: Vec<Item> = regions
        .iter()
        .map(|region| {
            let mask = (task == Task::Segment).then(|| match generation {
                Generation::Two => {
                    MaskOut::Png(mask::png_data_uri(&mask::box_mask(&picture.full, region)))
                }
                Generation::Three => MaskOut::Polygon(region.outline.clone()),
            });
            item(
                region.label(),
                region.box_2d,
                Some(region.point),
                mask,
                width,
                height,
            )
        })
        .collect();
    formats::render(task, generation, manner.json_output, &items)
}

/// An answer for a sample image: the recording when there is one for the task.
fn sample_answer(sample: Sample, media: &Media, task: Task, manner: Manner) -> String {
    if let Some((_, text)) = replay::recorded(sample, task, manner.family) {
        return text.to_string();
    }
    // No real answer was recorded for this task: derive one from the recorded boxes of
    // the same image (centres for points, full-box masks, a pinhole guess for 3D) rather
    // than inventing objects.
    let boxes = replay::recorded_boxes(sample, manner.family);
    let (width, height) = media.probe.size.unwrap_or((1000, 1000));
    if task == Task::Caption {
        let labels: Vec<String> = boxes.iter().map(|(label, _)| label.clone()).collect();
        return caption::recorded(width, height, &labels);
    }
    let generation = manner.generation();
    let items: Vec<Item> = boxes
        .into_iter()
        .map(|(label, box_2d)| {
            let [ymin, xmin, ymax, xmax] = box_2d;
            let mask = (task == Task::Segment).then(|| match generation {
                Generation::Two => MaskOut::Png(mask::png_data_uri(&mask::full_mask())),
                Generation::Three => {
                    MaskOut::Polygon(vec![[xmin, ymin], [xmax, ymin], [xmax, ymax], [xmin, ymax]])
                }
            });
            item(label, box_2d, None, mask, width, height)
        })
        .collect();
    formats::render(task, generation, manner.json_output, &items)
}

/// A detection item; the point defaults to the box centre, and the 3D box is a pinhole
/// guess at 1 m depth with a 60° horizontal field of view: the emulator cannot measure
/// depth, so it says the simplest thing consistent with the 2D box.
fn item(
    label: String,
    box_2d: [u32; 4],
    point: Option<[u32; 2]>,
    mask: Option<MaskOut>,
    width: u32,
    height: u32,
) -> Item {
    let [ymin, xmin, ymax, xmax] = box_2d.map(f64::from);
    let centre = [
        ((ymin + ymax) / 2.0).round() as u32,
        ((xmin + xmax) / 2.0).round() as u32,
    ];
    Item {
        label,
        box_2d,
        point: point.unwrap_or(centre),
        mask,
        box_3d: pinhole_box(box_2d, width, height),
    }
}

/// Distance of the guessed 3D boxes from the camera, in metres.
pub const GUESSED_DEPTH: f64 = 1.0;
/// Horizontal field of view assumed for the guess, in degrees.
pub const GUESSED_FOV_DEGREES: f64 = 60.0;

/// `[x, y, z, w, d, h, roll, pitch, yaw]` in the models' frame (x right, y away from the
/// camera, z up; sizes along those axes): a box at [`GUESSED_DEPTH`] whose cross-section
/// through its centre projects onto `box_2d` with the [`GUESSED_FOV_DEGREES`] pinhole
/// camera. Its depth is the smaller of its other two sizes.
pub fn pinhole_box(box_2d: [u32; 4], width: u32, height: u32) -> [f64; 9] {
    let [ymin, xmin, ymax, xmax] = box_2d.map(f64::from);
    let span = 2.0 * (GUESSED_FOV_DEGREES / 2.0).to_radians().tan() * GUESSED_DEPTH;
    let aspect = f64::from(height.max(1)) / f64::from(width.max(1));
    let x = ((xmin + xmax) / 2000.0 - 0.5) * span;
    // Image rows grow downwards, the models' z grows upwards.
    let z = -((ymin + ymax) / 2000.0 - 0.5) * span * aspect;
    let w = (xmax - xmin) / 1000.0 * span;
    let h = (ymax - ymin) / 1000.0 * span * aspect;
    [x, GUESSED_DEPTH, z, w, w.min(h), h, 0.0, 0.0, 0.0]
}

fn describe_other(media: &Media) -> String {
    let probe = media.probe;
    match media.kind {
        MediaKind::Video => match probe.seconds {
            Some(seconds) => format!(
                "This is a {} video of {seconds:.1} seconds. fake-gemini does not look inside videos.",
                media.mime_type
            ),
            None => format!(
                "This is a {} video. fake-gemini does not look inside videos.",
                media.mime_type
            ),
        },
        MediaKind::Audio => format!(
            "This is {} audio. fake-gemini does not listen to audio.",
            media.mime_type
        ),
        MediaKind::Document => {
            format!(
                "This is a PDF document of {} page(s). fake-gemini does not read documents.",
                probe.pages.unwrap_or(1)
            )
        }
        MediaKind::Text => {
            let length = media.bytes.as_ref().map_or(0, Vec::len);
            format!("This is a {} text of {length} bytes.", media.mime_type)
        }
        MediaKind::Image => String::new(),
    }
}

/// The regions the detector finds in image bytes (for tests and tools).
pub fn detect(bytes: &[u8]) -> Vec<Region> {
    detector::decode(bytes)
        .map(|picture| detector::regions(&picture))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Style;
    use proptest::prelude::*;

    fn manner() -> Manner {
        Manner {
            family: Family::Gemini25Flash,
            style: Style::Auto,
            json_output: false,
        }
    }

    fn image(bytes: Vec<u8>) -> Media {
        use sha2::Digest;
        Media {
            mime_type: "image/png".into(),
            kind: MediaKind::Image,
            sha256: sha2::Sha256::digest(&bytes).into(),
            bytes: Some(bytes),
            probe: crate::media_probe::Probe::default(),
        }
    }

    /// The pinhole projection our core and the spatial-understanding applet use:
    /// the frame turned so that y is depth and z is up.
    fn project(point: [f64; 3], width: f64, height: f64) -> (f64, f64) {
        let focal = width / (2.0 * (GUESSED_FOV_DEGREES / 2.0).to_radians().tan());
        let [x, y, z] = point;
        (focal * x / y + width / 2.0, focal * -z / y + height / 2.0)
    }

    #[test]
    fn a_3d_box_puts_depth_in_y_and_projects_onto_its_2d_box() {
        let (width, height) = (800.0, 600.0);
        let box_2d = [100, 200, 400, 700];
        let [x, y, z, w, d, h, ..] = pinhole_box(box_2d, 800, 600);
        assert_eq!(y, GUESSED_DEPTH);
        assert!(d <= w && d <= h);
        let (left, top) = project([x - w / 2.0, y, z + h / 2.0], width, height);
        let (right, bottom) = project([x + w / 2.0, y, z - h / 2.0], width, height);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(close(left, 0.2 * width), "left {left}");
        assert!(close(right, 0.7 * width), "right {right}");
        assert!(close(top, 0.1 * height), "top {top}");
        assert!(close(bottom, 0.4 * height), "bottom {bottom}");
    }

    proptest! {
        #[test]
        fn guessed_boxes_stay_in_front_of_the_camera(ymin in 0u32..1000, xmin in 0u32..1000, dy in 0u32..1000, dx in 0u32..1000, width in 1u32..5000, height in 1u32..5000) {
            let box_2d = [ymin, xmin, (ymin + dy).min(1000), (xmin + dx).min(1000)];
            let values = pinhole_box(box_2d, width, height);
            prop_assert!(values.iter().all(|value| value.is_finite()));
            prop_assert!(values[1] - values[4] / 2.0 > 0.0);
        }

        #[test]
        fn any_bytes_and_prompt_get_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..300), prompt in ".{0,60}") {
            let prompt = Prompt { user_text: prompt, media: vec![image(bytes)], ..Prompt::default() };
            prop_assert!(!compose(&prompt, manner()).is_empty());
        }

        #[test]
        fn every_image_gets_its_own_numbered_answer(count in 2usize..6) {
            let media = (0..count).map(|index| image(vec![index as u8])).collect();
            let prompt = Prompt { user_text: "Detect the 2d bounding boxes".into(), media, ..Prompt::default() };
            let text = compose(&prompt, manner());
            for index in 1..=count {
                let heading = format!("Image {index}:\n");
                prop_assert!(text.contains(&heading));
            }
        }
    }
}
