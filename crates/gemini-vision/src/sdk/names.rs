//! Resource names as `@google/genai` writes them on the Developer API (`tModel`,
//! `resourceName`, `tCachedContentName`, `tModelsUrl`), and the URL path they become:
//! each segment percent-encoded, so that nothing a caller names can add a segment, a
//! query or a fragment.

use crate::endpoint::percent_encode;
use crate::error::{Error, Result};

/// A model's resource name (`tModel`): `models/{id}` for a bare id, kept as given when it
/// starts with `models/` or `tunedModels/`. Refuses an empty name and names with `..`,
/// `?` or `&`, with the SDK's messages.
pub fn model_name(model: &str) -> Result<String> {
    if model.is_empty() {
        return Err(Error::sdk_check("model is required and must be a string"));
    }
    if model.contains("..") || model.contains('?') || model.contains('&') {
        return Err(Error::sdk_check("invalid model parameter"));
    }
    if model.starts_with("models/") || model.starts_with("tunedModels/") {
        Ok(model.to_owned())
    } else {
        Ok(format!("models/{model}"))
    }
}

/// `name` with `{collection}/` in front when it is a bare id (`resourceName` with one
/// segment after the prefix): `abc` -> `cachedContents/abc`; a name that already starts
/// with the collection, or has more segments, is kept.
pub fn resource_name(name: &str, collection: &str) -> String {
    let prefixed = name
        .strip_prefix(collection)
        .is_some_and(|rest| rest.starts_with('/'));
    if !prefixed && !name.contains('/') {
        format!("{collection}/{name}")
    } else {
        name.to_owned()
    }
}

/// A cached content's name (`tCachedContentName`): `cachedContents/{id}`.
pub fn cached_content_name(name: &str) -> String {
    resource_name(name, "cachedContents")
}

/// The collection `models.list` reads (`tModelsUrl`): base models, or the caller's tuned
/// models when `query_base` is false.
pub fn models_collection(query_base: bool) -> &'static str {
    if query_base { "models" } else { "tunedModels" }
}

/// A resource name as a URL path: every segment percent-encoded, `/` kept between them.
/// Empty segments are refused (a `//` would change what the path means).
pub fn resource_path(name: &str) -> Result<String> {
    let mut path = String::with_capacity(name.len());
    for (i, segment) in name.split('/').enumerate() {
        if segment.is_empty() {
            return Err(Error::invalid(
                "resource name",
                "a resource name has no empty segments",
            ));
        }
        if i > 0 {
            path.push('/');
        }
        path.push_str(&percent_encode(segment));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_model_id_gets_the_models_prefix() {
        assert_eq!(
            model_name("gemini-2.5-flash").unwrap(),
            "models/gemini-2.5-flash"
        );
        assert_eq!(
            model_name("models/gemini-2.5-flash").unwrap(),
            "models/gemini-2.5-flash"
        );
        assert_eq!(
            model_name("tunedModels/abc-123").unwrap(),
            "tunedModels/abc-123"
        );
    }

    #[test]
    fn hostile_model_names_are_refused_with_the_sdks_words() {
        for bad in ["../files", "m?x=1", "a&b", "models/../x"] {
            let error = model_name(bad).unwrap_err().to_string();
            assert!(error.contains("invalid model parameter"), "{bad}: {error}");
        }
        let error = model_name("").unwrap_err().to_string();
        assert!(error.contains("model is required and must be a string"));
    }

    #[test]
    fn resource_names_get_their_collection_when_bare() {
        assert_eq!(cached_content_name("abc"), "cachedContents/abc");
        assert_eq!(
            cached_content_name("cachedContents/abc"),
            "cachedContents/abc"
        );
        assert_eq!(cached_content_name("some/other/abc"), "some/other/abc");
        assert_eq!(
            resource_name("cachedContentsX", "cachedContents"),
            "cachedContents/cachedContentsX"
        );
    }

    #[test]
    fn paths_keep_every_name_inside_its_segments() {
        assert_eq!(
            resource_path("models/gemini-2.5-flash").unwrap(),
            "models/gemini-2.5-flash"
        );
        assert_eq!(resource_path("models/a#b c").unwrap(), "models/a%23b%20c");
        assert_eq!(resource_path("models/x:y").unwrap(), "models/x%3Ay");
        assert!(resource_path("models//x").is_err());
        assert!(resource_path("/x").is_err());
    }

    #[test]
    fn the_models_collection_follows_query_base() {
        assert_eq!(models_collection(true), "models");
        assert_eq!(models_collection(false), "tunedModels");
    }
}
