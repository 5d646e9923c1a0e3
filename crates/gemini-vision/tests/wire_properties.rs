//! Round-trip properties of the wire types on generated JSON: any mix of known and
//! unknown fields and enum values comes back as it went in.
// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use gemini_vision::wire::{
    FinishReason, GenerateContentRequest, GenerateContentResponse, HarmCategory,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// JSON leaves and small containers, for unknown fields.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Field names no wire type declares.
fn unknown_fields() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("x[A-Z][a-z]{1,8}", any_json(), 0..3)
        .prop_map(|m| m.into_iter().collect())
}

/// A known value of an open enum, or one this version has never seen.
fn enum_value(known: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(known).prop_map(str::to_owned),
        "[A-Z_]{1,30}",
    ]
}

fn with_extra(mut object: Value, extra: Map<String, Value>) -> Value {
    if let Value::Object(map) = &mut object {
        map.extend(extra);
    }
    object
}

fn part() -> impl Strategy<Value = Value> {
    prop_oneof![
        (".{0,40}", prop::option::of(any::<bool>())).prop_map(|(text, thought)| match thought {
            Some(t) => json!({"text": text, "thought": t}),
            None => json!({"text": text}),
        }),
        ("[a-z]+/[a-z0-9.+-]+", "[A-Za-z0-9+/]{0,40}")
            .prop_map(|(mime, data)| json!({"inlineData": {"mimeType": mime, "data": data}})),
        ("https://[a-z./]{1,30}", prop::option::of("[a-z]+/[a-z]+")).prop_map(|(uri, mime)| {
            match mime {
                Some(m) => json!({"fileData": {"fileUri": uri, "mimeType": m}}),
                None => json!({"fileData": {"fileUri": uri}}),
            }
        }),
        ("[a-zA-Z]{1,10}", any_json())
            .prop_map(|(name, args)| json!({"functionCall": {"name": name, "args": args}})),
    ]
    .prop_flat_map(|p| unknown_fields().prop_map(move |extra| with_extra(p.clone(), extra)))
}

fn rating() -> impl Strategy<Value = Value> {
    (
        enum_value(HarmCategory::KNOWN),
        enum_value(&["NEGLIGIBLE", "LOW", "MEDIUM", "HIGH"]),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(category, probability, blocked)| {
            let mut r = json!({"category": category, "probability": probability});
            if let Some(b) = blocked {
                r["blocked"] = json!(b);
            }
            r
        })
}

fn candidate() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(part(), 0..4),
        prop::option::of(enum_value(FinishReason::KNOWN)),
        prop::collection::vec(rating(), 0..3),
        0u32..4,
        unknown_fields(),
    )
        .prop_map(|(parts, finish, ratings, index, extra)| {
            let mut c = json!({"content": {"role": "model", "parts": parts}, "index": index,
                               "safetyRatings": ratings});
            if let Some(f) = finish {
                c["finishReason"] = json!(f);
            }
            with_extra(c, extra)
        })
}

fn response() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(candidate(), 0..3),
        prop::option::of((0u32..100_000, 0u32..100_000)),
        prop::option::of(enum_value(&["SAFETY", "OTHER", "BLOCKLIST"])),
        unknown_fields(),
    )
        .prop_map(|(candidates, usage, block, extra)| {
            let mut r = json!({"candidates": candidates, "modelVersion": "gemini-x"});
            if let Some((prompt, total)) = usage {
                r["usageMetadata"] = json!({"promptTokenCount": prompt, "totalTokenCount": total,
                    "promptTokensDetails": [{"modality": "IMAGE", "tokenCount": prompt}]});
            }
            if let Some(reason) = block {
                r["promptFeedback"] = json!({"blockReason": reason});
            }
            with_extra(r, extra)
        })
}

fn request() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(prop::collection::vec(part(), 1..4), 1..3),
        // Integral floats come back as integers (documented), so keep them fractional.
        prop::option::of((
            (0.0f64..2.0).prop_filter("fractional", |t| t.fract() != 0.0),
            -1i64..30_000,
        )),
        prop::option::of(enum_value(&[
            "MEDIA_RESOLUTION_LOW",
            "MEDIA_RESOLUTION_HIGH",
        ])),
        unknown_fields(),
    )
        .prop_map(|(turns, config, resolution, extra)| {
            let contents: Vec<Value> = turns
                .into_iter()
                .map(|parts| json!({"role": "user", "parts": parts}))
                .collect();
            let mut r = json!({"contents": contents});
            if let Some((temperature, budget)) = config {
                r["generationConfig"] = json!({"temperature": temperature,
                    "thinkingConfig": {"thinkingBudget": budget}});
            }
            if let Some(res) = resolution {
                r["generationConfig"]["mediaResolution"] = json!(res);
            }
            with_extra(r, extra)
        })
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> Value {
    let text = value.to_string();
    let typed: T = serde_json::from_str(&text).unwrap();
    serde_json::from_str(&serde_json::to_string(&typed).unwrap()).unwrap()
}

proptest! {
    #[test]
    fn any_response_round_trips(original in response()) {
        prop_assert_eq!(round_trip::<GenerateContentResponse>(&original), original);
    }

    #[test]
    fn any_request_round_trips(original in request()) {
        prop_assert_eq!(round_trip::<GenerateContentRequest>(&original), original);
    }

    #[test]
    fn any_enum_name_reads_back_as_itself(name in "[A-Za-z0-9_]{0,40}") {
        let category = HarmCategory::from_wire(&name);
        prop_assert_eq!(category.as_str(), name.as_str());
        prop_assert_eq!(FinishReason::from_wire(&name).to_string(), name);
    }

    #[test]
    fn text_is_the_concatenation_of_non_thought_text_parts(original in response()) {
        let typed: GenerateContentResponse = serde_json::from_value(original.clone()).unwrap();
        let expected: String = original["candidates"][0]["content"]["parts"]
            .as_array()
            .map(|parts| {
                parts
                    .iter()
                    .filter(|p| p["thought"] != json!(true))
                    .filter_map(|p| p["text"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        prop_assert_eq!(typed.text(), expected);
    }
}
