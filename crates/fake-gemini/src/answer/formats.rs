//! The answer formats real models use, written the way they write them.
//!
//! Gemini 2.x: one object per line inside a ```` ```json ```` fence (no fence when the
//! request asked for `application/json`), masks as PNG data URIs. Gemini 3: bare JSON;
//! segmentation as `{"boxes":[...]}` with polygon masks of `[x, y]` pairs.

use super::task::Task;

/// The two answer generations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    /// Gemini 2.x.
    Two,
    /// Gemini 3.
    Three,
}

/// A mask to write.
#[derive(Debug, Clone, PartialEq)]
pub enum MaskOut {
    /// A PNG data URI.
    Png(String),
    /// A polygon of `[x, y]` pairs, 0-1000.
    Polygon(Vec<[u32; 2]>),
}

/// One detection ready to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Label.
    pub label: String,
    /// `[ymin, xmin, ymax, xmax]`, 0-1000.
    pub box_2d: [u32; 4],
    /// `[y, x]`, 0-1000.
    pub point: [u32; 2],
    /// The mask, for segmentation.
    pub mask: Option<MaskOut>,
    /// `[x, y, z, x size, y size, z size, roll, pitch, yaw]` for 3D: y is depth, z up.
    pub box_3d: [f64; 9],
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn numbers(values: &[u32]) -> String {
    values
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn entry(task: Task, item: &Item) -> String {
    let label = quoted(&item.label);
    match task {
        Task::Point => format!(
            "{{\"point\": [{}], \"label\": {label}}}",
            numbers(&item.point)
        ),
        Task::Box3d => {
            let values: Vec<String> = item.box_3d.iter().map(|v| format!("{v:.2}")).collect();
            format!(
                "{{\"label\": {label}, \"box_3d\": [{}]}}",
                values.join(", ")
            )
        }
        Task::Segment => {
            let mask = match &item.mask {
                Some(MaskOut::Png(uri)) => format!(", \"mask\": {}", quoted(uri)),
                Some(MaskOut::Polygon(points)) => {
                    let pairs: Vec<String> =
                        points.iter().map(|p| format!("[{}]", numbers(p))).collect();
                    format!(", \"mask\": [{}]", pairs.join(", "))
                }
                None => String::new(),
            };
            format!(
                "{{\"box_2d\": [{}]{mask}, \"label\": {label}}}",
                numbers(&item.box_2d)
            )
        }
        Task::Detect | Task::Caption => {
            format!(
                "{{\"box_2d\": [{}], \"label\": {label}}}",
                numbers(&item.box_2d)
            )
        }
    }
}

fn list(task: Task, items: &[Item]) -> String {
    if items.is_empty() {
        return "[]".into();
    }
    let lines: Vec<String> = items
        .iter()
        .map(|item| format!("  {}", entry(task, item)))
        .collect();
    format!("[\n{}\n]", lines.join(",\n"))
}

/// Writes `items` for `task` in the given generation's style.
pub fn render(task: Task, generation: Generation, json_output: bool, items: &[Item]) -> String {
    match generation {
        Generation::Three if task == Task::Segment => {
            let body = list(task, items);
            let indented = body.replace('\n', "\n  ");
            format!("{{\n  \"boxes\": {indented}\n}}")
        }
        Generation::Three => list(task, items),
        Generation::Two if json_output => list(task, items),
        Generation::Two => format!("```json\n{}\n```", list(task, items)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(label: &str) -> Item {
        Item {
            label: label.into(),
            box_2d: [100, 200, 300, 400],
            point: [200, 300],
            mask: Some(MaskOut::Polygon(vec![[200, 100], [400, 100], [400, 300]])),
            box_3d: [0.0; 9],
        }
    }

    #[test]
    fn gemini_2_fences_boxes_like_the_cookbook() {
        let text = render(Task::Detect, Generation::Two, false, &[item("red square")]);
        assert_eq!(
            text,
            "```json\n[\n  {\"box_2d\": [100, 200, 300, 400], \"label\": \"red square\"}\n]\n```"
        );
    }

    #[test]
    fn gemini_3_wraps_polygon_masks_in_boxes() {
        let text = render(
            Task::Segment,
            Generation::Three,
            false,
            &[item("red square")],
        );
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["boxes"][0]["mask"][1], serde_json::json!([400, 100]));
    }

    #[test]
    fn points_are_y_then_x() {
        let text = render(Task::Point, Generation::Three, false, &[item("p")]);
        assert!(text.contains("\"point\": [200, 300]"));
    }

    proptest! {
        #[test]
        fn unfenced_output_is_valid_json(labels in proptest::collection::vec(".{0,20}", 0..5), task_index in 0usize..4) {
            let task = [Task::Detect, Task::Segment, Task::Point, Task::Box3d][task_index];
            let items: Vec<Item> = labels.iter().map(|l| item(l)).collect();
            let text = render(task, Generation::Three, false, &items);
            prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
            let fenced = render(task, Generation::Two, true, &items);
            prop_assert!(serde_json::from_str::<serde_json::Value>(&fenced).is_ok());
        }
    }
}
