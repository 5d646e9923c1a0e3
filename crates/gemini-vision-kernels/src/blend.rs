//! Source-over of an opaque colour onto straight-alpha (canvas `ImageData`) RGBA pixels.

/// Paints `color` over the RGBA pixels of `line` where `classes` (one byte per pixel)
/// say so: each pixel at the alpha its class indexes in `alphas` (an alpha of 0, or a
/// class past the end of `alphas`, paints nothing). Pixels beyond the shorter of the two
/// are left alone.
pub fn blend_row(line: &mut [u8], classes: &[u8], color: [u8; 3], alphas: [u8; 3]) {
    for (dst, class) in line.chunks_exact_mut(4).zip(classes) {
        let alpha = alphas.get(usize::from(*class)).copied().unwrap_or(0);
        if alpha != 0 {
            blend(dst, color, u32::from(alpha));
        }
    }
}

/// Source-over of an opaque colour at `alpha` (1-255) onto one straight-alpha pixel
/// (`dst` of another length than 4 is left alone).
pub fn blend(dst: &mut [u8], color: [u8; 3], alpha: u32) {
    let Ok(px) = <&mut [u8; 4]>::try_from(dst) else {
        return;
    };
    let [r, g, b] = color;
    let a = u32::from(px[3]);
    if a == 0 || alpha == 255 {
        *px = [r, g, b, alpha as u8];
        return;
    }
    let keep = a * (255 - alpha);
    let out = alpha * 255 + keep; // the new alpha, scaled by 255
    let mix = |src: u8, old: u8| {
        ((u32::from(src) * alpha * 255 + u32::from(old) * keep + out / 2) / out) as u8
    };
    *px = [
        mix(r, px[0]),
        mix(g, px[1]),
        mix(b, px[2]),
        ((out + 127) / 255) as u8,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn onto_a_transparent_pixel_the_colour_is_copied_at_its_alpha() {
        let mut px = [0, 0, 0, 0];
        blend(&mut px, [10, 20, 30], 128);
        assert_eq!(px, [10, 20, 30, 128]);
    }

    #[test]
    fn overlapping_translucent_pixels_blend_over_each_other() {
        let mut dst = [0, 0, 255, 128];
        blend(&mut dst, [255, 0, 0], 128);
        // alpha: 128 + 128 * 127 / 255 = 191.7; red has weight 128 * 255 out of 48_896.
        assert_eq!(dst, [170, 0, 85, 192]);
    }

    #[test]
    fn half_over_opaque_mixes_evenly_and_stays_opaque() {
        let mut px = [0, 0, 0, 255];
        blend(&mut px, [255, 255, 255], 128);
        assert_eq!(px[3], 255);
        assert!((127..=129).contains(&px[0]), "{px:?}");
    }

    #[test]
    fn class_zero_and_unknown_classes_paint_nothing() {
        let mut line = vec![7u8; 12];
        blend_row(&mut line, &[0, 9, 2], [1, 2, 3], [0, 100, 255]);
        assert_eq!(&line[..8], &[7; 8]);
        assert_eq!(&line[8..], &[1, 2, 3, 255]);
    }
}
