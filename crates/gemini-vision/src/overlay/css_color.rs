//! Colours as the page writes them (`#rgb`, `#rrggbb`) and text that reads on them.

use super::color::Rgb;

impl Rgb {
    /// Parses `#rgb` or `#rrggbb` (the `#` optional, either case); `None` otherwise.
    pub fn from_css_hex(text: &str) -> Option<Rgb> {
        let hex = text.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb {
                r: digit(0)? * 17,
                g: digit(1)? * 17,
                b: digit(2)? * 17,
            }),
            6 => {
                let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
                Some(Rgb {
                    r: pair(0)?,
                    g: pair(2)?,
                    b: pair(4)?,
                })
            }
            _ => None,
        }
    }

    /// Black or white, whichever reads better on this colour as a background (by the
    /// sRGB channels' luma, Rec. 709 weights).
    pub fn contrasting_text(&self) -> Rgb {
        let luma =
            0.2126 * f64::from(self.r) + 0.7152 * f64::from(self.g) + 0.0722 * f64::from(self.b);
        let v = if luma > 140.0 { 0 } else { 255 };
        Rgb { r: v, g: v, b: v }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLACK: Rgb = Rgb { r: 0, g: 0, b: 0 };
    const WHITE: Rgb = Rgb {
        r: 255,
        g: 255,
        b: 255,
    };

    #[test]
    fn six_digit_hex_parses_in_either_case() {
        let c = Rgb {
            r: 1,
            g: 171,
            b: 255,
        };
        assert_eq!(Rgb::from_css_hex("#01abff"), Some(c));
        assert_eq!(Rgb::from_css_hex("01ABFF"), Some(c));
    }

    #[test]
    fn three_digit_hex_repeats_each_digit() {
        assert_eq!(
            Rgb::from_css_hex("#f80"),
            Some(Rgb {
                r: 255,
                g: 136,
                b: 0
            })
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "#",
            "red",
            "#12345",
            "#1234567",
            "#ggg",
            "#ff00f\u{e9}",
            "rgb(1,2,3)",
        ] {
            assert_eq!(Rgb::from_css_hex(text), None, "{text:?}");
        }
    }

    #[test]
    fn hex_round_trips() {
        let c = Rgb {
            r: 18,
            g: 52,
            b: 86,
        };
        assert_eq!(Rgb::from_css_hex(&c.to_css_hex()), Some(c));
    }

    #[test]
    fn text_contrasts_with_its_background() {
        assert_eq!(
            Rgb {
                r: 250,
                g: 250,
                b: 40
            }
            .contrasting_text(),
            BLACK
        );
        assert_eq!(
            Rgb {
                r: 20,
                g: 20,
                b: 160
            }
            .contrasting_text(),
            WHITE
        );
    }
}
