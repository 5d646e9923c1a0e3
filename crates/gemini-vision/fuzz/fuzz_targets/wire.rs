#![no_main]
//! Every wire type from arbitrary bytes: parsing never panics, and whatever parses
//! serializes to JSON that parses again into the same value (the round trip is
//! stable after one pass). The answer helpers and the token estimate run on every
//! parsed value.

use gemini_vision::ApiError;
use gemini_vision::tokens::estimate_request;
use gemini_vision::wire::{
    CountTokensRequest, CountTokensResponse, ErrorResponse, File, GenerateContentRequest,
    GenerateContentResponse, ListFilesResponse,
};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn stable<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(data: &[u8]) -> Option<T> {
    let typed: T = serde_json::from_slice(data).ok()?;
    let once = serde_json::to_vec(&typed).expect("a parsed value serializes");
    let again: T = serde_json::from_slice(&once).expect("serialized JSON parses again");
    let twice = serde_json::to_vec(&again).expect("serializes again");
    assert_eq!(once, twice, "the round trip is stable");
    Some(typed)
}

fuzz_target!(|data: &[u8]| {
    if let Some(response) = stable::<GenerateContentResponse>(data) {
        let _ = response.text();
        let _ = response.blocked().map(|b| b.to_string());
    }
    if let Some(request) = stable::<GenerateContentRequest>(data) {
        let _ = estimate_request("gemini-2.5-flash", &request);
    }
    stable::<CountTokensRequest>(data);
    stable::<CountTokensResponse>(data);
    stable::<ErrorResponse>(data);
    stable::<File>(data);
    stable::<ListFilesResponse>(data);
    let _ = ApiError::from_response(400, data, None).to_string();
});
