//! Captions and prose answers, built only from what was measured or recorded.
//!
//! A caption says the image size, its dominant colours and the coloured shapes the
//! detector found (or the labels a real model recorded for a sample image). It never
//! claims to see what it cannot measure.

use crate::detector::Region;

/// Where a point lies, in words.
fn place(point: [u32; 2]) -> &'static str {
    let [y, x] = point;
    let row = if y < 333 {
        0
    } else if y < 667 {
        1
    } else {
        2
    };
    let col = if x < 333 {
        0
    } else if x < 667 {
        1
    } else {
        2
    };
    [
        ["top left", "top centre", "top right"],
        ["middle left", "centre", "middle right"],
        ["bottom left", "bottom centre", "bottom right"],
    ][row][col]
}

fn join(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A caption from measurements.
pub fn measured(width: u32, height: u32, palette: &[(&str, f64)], regions: &[Region]) -> String {
    let colours: Vec<String> = palette
        .iter()
        .take(4)
        .map(|(name, share)| format!("{name} ({:.0}%)", share * 100.0))
        .collect();
    let mut text = format!("This is a {width}x{height} image.");
    if !colours.is_empty() {
        text.push_str(&format!(" Its dominant colours are {}.", join(&colours)));
    }
    match regions.len() {
        0 => text.push_str(" I see no distinct saturated colour regions in it."),
        count => {
            let shown: Vec<String> = regions
                .iter()
                .take(8)
                .map(|region| format!("a {} in the {}", region.label(), place(region.point)))
                .collect();
            let noun = if count == 1 { "shape" } else { "shapes" };
            text.push_str(&format!(
                " It contains {count} distinct coloured {noun}: {}.",
                join(&shown)
            ));
        }
    }
    text
}

/// A caption for a sample image from the labels a real model gave its objects.
pub fn recorded(width: u32, height: u32, labels: &[String]) -> String {
    let mut unique: Vec<String> = Vec::new();
    for label in labels {
        if !unique.contains(label) {
            unique.push(label.clone());
        }
    }
    format!(
        "This is a {width}x{height} photo. It shows {} objects: {}.",
        labels.len(),
        join(&unique)
    )
}

/// The prose answer to a prompt without media.
pub fn text_reply(prompt: &str) -> String {
    let chars = prompt.chars().count();
    let quoted: String = prompt.chars().take(200).collect();
    let more = if chars > 200 { "..." } else { "" };
    format!(
        "This is fake-gemini, a local emulator of the Gemini API, answering deterministically. \
         Your prompt had {chars} characters and {} words: \"{quoted}{more}\". It contained no \
         image, so there is nothing to detect or describe; send an image with a prompt such as \
         \"Detect the 2d bounding boxes\" to get boxes, masks or points.",
        prompt.split_whitespace().count()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_places() {
        assert_eq!(place([100, 100]), "top left");
        assert_eq!(place([500, 900]), "middle right");
    }

    #[test]
    fn lists_recorded_labels_once() {
        let text = recorded(640, 482, &["sock".into(), "sock".into()]);
        assert_eq!(text, "This is a 640x482 photo. It shows 2 objects: sock.");
    }

    proptest! {
        #[test]
        fn text_replies_quote_at_most_200_characters(prompt in ".{0,400}") {
            let reply = text_reply(&prompt);
            let quoted: String = prompt.chars().take(200).collect();
            prop_assert!(reply.contains(&quoted));
        }
    }
}
