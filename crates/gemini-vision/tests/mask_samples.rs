//! Masks from the real segmentation answers, turned into pixels as the cookbook does.
//!
//! The expected pixel counts below come from the cookbook's own code run with Pillow
//! 13.0.0 and numpy (`tests/reference/check_masks.py` compares every pixel; these pin the
//! result without Python): for each item, how many pixels are `> 127` and the sum of
//! their indices `y * width + x`.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod shared_samples;

use gemini_vision::geometry::ImageSize;
use gemini_vision::mask::{DEFAULT_THRESHOLD, rasterize};
use gemini_vision::spatial::{Mask, parse_detections};
use shared_samples::response;

const PRO_1024: [(usize, u64); 20] = [
    (15193, 5420048123),
    (15820, 3971204625),
    (20853, 5927324808),
    (5275, 748871581),
    (16660, 13693277755),
    (5055, 641409360),
    (20924, 7977228978),
    (3847, 811823927),
    (5650, 1794603295),
    (7879, 601796104),
    (25524, 6531264563),
    (8569, 2906864990),
    (4310, 1292960447),
    (12026, 3226168300),
    (4243, 3509515614),
    (7137, 2405112482),
    (4202, 525890502),
    (3816, 544538377),
    (4190, 326437833),
    (6837, 680738600),
];

const FLASH_620: [(usize, u64); 15] = [
    (8179, 827832826),
    (7527, 1053793817),
    (5734, 745304493),
    (3159, 389770815),
    (3172, 391643999),
    (2736, 331418395),
    (9076, 856290028),
    (4130, 402609430),
    (6011, 553164653),
    (2054, 112678667),
    (9301, 314044979),
    (8603, 1985546968),
    (5733, 744903542),
    (5977, 1828457747),
    (3740, 1087742061),
];

/// `(count, index sum)` of the set pixels of every detection's mask.
fn mask_signatures(prefix: &str, width: u32, height: u32) -> Vec<(usize, u64)> {
    let size = ImageSize::new(width, height).unwrap();
    let outcome = parse_detections(&response(prefix).text);
    outcome
        .detections
        .iter()
        .map(|d| {
            let mask = rasterize(d, size).unwrap().unwrap();
            let image = mask.to_image_mask(size, DEFAULT_THRESHOLD);
            let set: Vec<u64> = image
                .iter()
                .enumerate()
                .filter(|(_, v)| **v == 255)
                .map(|(i, _)| i as u64)
                .collect();
            (set.len(), set.iter().sum())
        })
        .collect()
}

#[test]
fn the_20_mask_answer_matches_the_cookbook_at_1024() {
    assert_eq!(
        mask_signatures(
            "cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen",
            1024,
            1024
        ),
        PRO_1024
    );
}

#[test]
fn the_15_mask_answer_matches_the_cookbook_on_the_620_pixel_sample_image() {
    assert_eq!(
        mask_signatures(
            "cookbook_2025-06-17_gemini-2_5-flash-preview-05-20_cupcakes_kitchen",
            620,
            620
        ),
        FLASH_620
    );
}

#[test]
fn every_real_mask_decodes_to_a_256_square_probability_map_with_both_extremes() {
    for r in shared_samples::segmentation_responses() {
        for d in parse_detections(&r.text).detections {
            let Mask::Png(png) = &d.mask else {
                panic!("{}", r.name)
            };
            let map = png.decode().unwrap();
            assert_eq!((map.width(), map.height()), (256, 256));
            assert_eq!(
                map.values().iter().min(),
                Some(&0),
                "{}: {}",
                r.name,
                d.label
            );
            assert_eq!(
                map.values().iter().max(),
                Some(&255),
                "{}: {}",
                r.name,
                d.label
            );
        }
    }
}

#[test]
fn a_mask_lies_inside_its_cookbook_pixel_box() {
    let size = ImageSize::new(1024, 1024).unwrap();
    for d in parse_detections(
        &response("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen").text,
    )
    .detections
    {
        let mask = rasterize(&d, size).unwrap().unwrap();
        assert_eq!(
            Some(mask.bbox()),
            d.box_2d.unwrap().to_pixels(size),
            "{}",
            d.label
        );
    }
}

#[test]
fn a_box_that_is_empty_in_pixels_draws_no_mask() {
    // 1000 x 7 pixels: the rolling pin's box [208, 550, 279, 894] spans rows
    // int(208/1000*7) = 1 to int(279/1000*7) = 1, which the cookbook skips.
    let size = ImageSize::new(1000, 7).unwrap();
    let outcome = parse_detections(
        &response("cookbook_2025-04-02_gemini-2_5-pro-exp-03-25_cupcakes_kitchen").text,
    );
    let pin = outcome
        .detections
        .iter()
        .find(|d| d.label == "wooden rolling pin")
        .unwrap();
    assert_eq!(pin.box_2d.unwrap().to_pixels(size), None);
    assert_eq!(rasterize(pin, size).unwrap(), None);
}
