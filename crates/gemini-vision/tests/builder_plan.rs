//! The inline-or-upload plan, from sizes and MIME types only.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use gemini_vision::Error;
use gemini_vision::media::MediaKind;
use gemini_vision::request::{FILE_URI_ALLOWANCE, MediaItem, RequestBuilder, Route, RouteReason};
use proptest::prelude::*;

const MIB: u64 = 1024 * 1024;

fn prompt() -> RequestBuilder {
    let mut builder = RequestBuilder::new();
    builder.text("Describe these").json_output();
    builder
}

#[test]
fn everything_small_goes_inline() {
    let items = [
        MediaItem::new("image/jpeg", 2 * MIB),
        MediaItem::new("image/png", MIB),
    ];
    let plan = prompt().plan(&items).unwrap();
    assert!(!plan.needs_uploads());
    assert!(
        plan.items
            .iter()
            .all(|i| i.route == Route::Inline && i.reason == RouteReason::Fits)
    );
    assert!(plan.body_len <= plan.limit);
}

#[test]
fn the_planned_length_is_the_built_length_when_all_goes_inline() {
    let sizes = [1000u64, 1, 2, 3, 65_537];
    let items: Vec<_> = sizes
        .iter()
        .map(|&s| MediaItem::new("image/png", s))
        .collect();
    let plan = prompt().plan(&items).unwrap();
    let mut built = prompt();
    for &size in &sizes {
        built.inline_with_mime(vec![7; size as usize], "image/png");
    }
    assert_eq!(plan.body_len, built.body_len().unwrap());
}

#[test]
fn a_video_over_the_limit_goes_through_the_file_api_alone() {
    let items = [
        MediaItem::new("image/png", MIB),
        MediaItem::new("video/mp4", 25 * MIB),
        MediaItem::new("image/jpeg", MIB),
    ];
    let plan = prompt().plan(&items).unwrap();
    let routes: Vec<_> = plan.items.iter().map(|i| i.route).collect();
    assert_eq!(routes, [Route::Inline, Route::FileApi, Route::Inline]);
    assert!(matches!(
        plan.items[1].reason,
        RouteReason::TooLargeAlone { .. }
    ));
    assert_eq!(plan.items[1].kind, MediaKind::Video);
}

#[test]
fn a_pdf_whose_base64_is_over_the_limit_is_uploaded() {
    // 16 MiB is under the limit as bytes but over it as base64.
    let plan = prompt()
        .plan(&[MediaItem::new("application/pdf", 16 * MIB)])
        .unwrap();
    assert_eq!(plan.items[0].route, Route::FileApi);
    let text = plan.items[0].reason.to_string();
    assert!(text.contains("over the 20971520-byte limit"), "{text}");
}

#[test]
fn the_largest_items_move_first_until_the_rest_fits() {
    let sizes = [4 * MIB, 6 * MIB, 3 * MIB, 5 * MIB, 4 * MIB];
    let items: Vec<_> = sizes
        .iter()
        .map(|&s| MediaItem::new("image/jpeg", s))
        .collect();
    let plan = prompt().plan(&items).unwrap();
    let uploaded: Vec<usize> = plan.uploads().map(|i| i.index).collect();
    // 22 MiB of images are ~29.3 MiB of base64; without the 6 MiB one still ~21.3 MiB;
    // without the 5 MiB one too, 11 MiB (~14.7 MiB of base64) fit.
    assert_eq!(uploaded, [1, 3]);
    assert!(
        plan.uploads()
            .all(|i| matches!(i.reason, RouteReason::MadeRoom { .. }))
    );
    assert!(plan.body_len <= plan.limit);
}

#[test]
fn the_limit_can_be_raised() {
    let mut builder = prompt();
    builder.max_body_bytes(100 * MIB);
    let plan = builder
        .plan(&[MediaItem::new("video/mp4", 25 * MIB)])
        .unwrap();
    assert!(!plan.needs_uploads());
}

#[test]
fn an_unsupported_item_is_named_by_its_index() {
    let items = [
        MediaItem::new("image/png", 10),
        MediaItem::new("image/gif", 10),
    ];
    let err = prompt().plan(&items).unwrap_err();
    let Error::UnsupportedMime { mime, reason } = err else {
        panic!("{err}")
    };
    assert_eq!(mime, "image/gif");
    assert!(reason.starts_with("media item 1"), "{reason}");
}

#[test]
fn an_unknown_blob_type_is_refused() {
    let err = prompt().plan(&[MediaItem::new("", 10)]).unwrap_err();
    assert_eq!(err.code(), "UNSUPPORTED_MIME");
}

#[test]
fn too_many_images_are_refused_even_when_uploaded() {
    let items = vec![MediaItem::new("image/png", 10); 3601];
    let err = prompt().plan(&items).unwrap_err();
    assert!(matches!(err, Error::TooManyImages { count: 3601, .. }));
}

#[test]
fn a_prompt_too_large_on_its_own_cannot_be_planned() {
    let mut builder = RequestBuilder::new();
    builder.text("x".repeat(1000)).max_body_bytes(500);
    let err = builder
        .plan(&[MediaItem::new("image/png", 10)])
        .unwrap_err();
    assert!(
        matches!(err, Error::RequestTooLarge { limit: 500, .. }),
        "{err}"
    );
}

#[test]
fn media_alone_can_be_planned_before_any_part_exists() {
    let plan = RequestBuilder::new()
        .plan(&[MediaItem::new("image/webp", 100)])
        .unwrap();
    assert_eq!(plan.items[0].route, Route::Inline);
}

proptest! {
    #[test]
    fn a_plan_fits_and_moves_only_items_larger_than_those_it_keeps(
        sizes in prop::collection::vec(0u64..12 * MIB, 1..12),
        limit in 1_000u64..40 * MIB,
    ) {
        let items: Vec<_> = sizes.iter().map(|&s| MediaItem::new("image/jpeg", s)).collect();
        let mut builder = prompt();
        builder.max_body_bytes(limit);
        let Ok(plan) = builder.plan(&items) else {
            // Only a prompt that cannot fit even with everything uploaded fails.
            let mut all_uploaded = prompt();
            for i in 0..items.len() {
                all_uploaded.file("u".repeat(FILE_URI_ALLOWANCE as usize) + &i.to_string(), "image/jpeg");
            }
            prop_assert!(all_uploaded.body_len().unwrap() + 8 * items.len() as u64 > limit);
            return Ok(());
        };
        prop_assert!(plan.body_len <= limit);
        let kept = plan.items.iter().filter(|i| i.route == Route::Inline).map(|i| i.size).max();
        for moved in plan.items.iter().filter(|i| matches!(i.reason, RouteReason::MadeRoom { .. })) {
            prop_assert!(kept.is_none_or(|k| moved.size >= k));
        }
        // Building it for real, with URIs no longer than the allowance, fits too.
        let mut built = prompt();
        built.max_body_bytes(limit);
        for item in &plan.items {
            match item.route {
                Route::Inline => { built.inline_with_mime(vec![0; item.size as usize], &item.mime); }
                Route::FileApi => { built.file(format!("https://generativelanguage.googleapis.com/v1beta/files/{}", item.index), &item.mime); }
            }
        }
        let real = built.body_len().unwrap();
        prop_assert!(real <= plan.body_len);
    }
}
