//! A stable colour per label.
//!
//! The same label gets the same colour in every run, on every platform and in every
//! build: the hue comes from a 32-bit FNV-1a hash of the label's UTF-8 bytes, and the
//! HSL-to-RGB step uses only additions, multiplications and divisions, which IEEE 754
//! defines exactly (no `sin`, no platform `libm`).

use serde::Serialize;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Rgb {
    /// Red, 0-255.
    pub r: u8,
    /// Green, 0-255.
    pub g: u8,
    /// Blue, 0-255.
    pub b: u8,
}

impl Rgb {
    /// `#rrggbb`, for CSS and canvas.
    pub fn to_css_hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |hash, b| {
        (hash ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The colour of a label: a saturated mid-lightness hue picked by the label's hash.
pub fn label_color(label: &str) -> Rgb {
    let hash = fnv1a(label.as_bytes());
    // The low bits of FNV-1a are the best mixed; 360 hues, 70 % saturation, 50 % lightness.
    let hue = f64::from(hash % 360);
    hsl_to_rgb(hue, 0.7, 0.5)
}

fn hsl_to_rgb(hue: f64, saturation: f64, lightness: f64) -> Rgb {
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let sector = hue / 60.0;
    let second = chroma * (1.0 - (sector % 2.0 - 1.0).abs());
    let (r, g, b) = match sector as u32 {
        0 => (chroma, second, 0.0),
        1 => (second, chroma, 0.0),
        2 => (0.0, chroma, second),
        3 => (0.0, second, chroma),
        4 => (second, 0.0, chroma),
        _ => (chroma, 0.0, second),
    };
    let m = lightness - chroma / 2.0;
    let channel = |v: f64| ((v + m) * 255.0 + 0.5).clamp(0.0, 255.0) as u8;
    Rgb {
        r: channel(r),
        g: channel(g),
        b: channel(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_label_always_gets_the_same_colour() {
        assert_eq!(label_color("metal lid"), label_color("metal lid"));
    }

    #[test]
    fn colours_are_pinned_across_builds() {
        // These values are part of the contract: changing them changes every overlay.
        assert_eq!(fnv1a(b""), 0x811c_9dc5);
        assert_eq!(fnv1a(b"a"), 0xe40c_292c);
        assert_eq!(
            label_color("wooden spoon").to_css_hex(),
            label_color("wooden spoon").to_css_hex()
        );
        assert_eq!(
            hsl_to_rgb(0.0, 0.7, 0.5),
            Rgb {
                r: 217,
                g: 38,
                b: 38
            }
        );
        assert_eq!(
            hsl_to_rgb(120.0, 0.7, 0.5),
            Rgb {
                r: 38,
                g: 217,
                b: 38
            }
        );
    }

    #[test]
    fn labels_differing_only_in_case_get_different_colours() {
        assert_ne!(label_color("Cat"), label_color("cat"));
    }

    #[test]
    fn css_hex_is_lowercase_and_padded() {
        assert_eq!(
            Rgb {
                r: 1,
                g: 171,
                b: 255
            }
            .to_css_hex(),
            "#01abff"
        );
    }
}
