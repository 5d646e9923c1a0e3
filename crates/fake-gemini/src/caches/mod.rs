//! Context caches: `cachedContents` create, get, list, patch and delete, and their use
//! by `generateContent` (`cachedContent`), with the API's rules and messages: the
//! model's minimum token count, no system instruction or tools beside a cache, the same
//! model on both sides, and 403 for a cache that does not exist (or has expired).

pub mod handlers;
pub mod store;

use crate::clock;
use crate::errors::{ApiError, Status};
use crate::state::AppState;
use crate::wire::GenerateRequest;

/// The answer for a cache that does not exist, has expired or is not this project's.
pub fn not_found() -> ApiError {
    ApiError::new(
        Status::PermissionDenied,
        "CachedContent not found (or permission denied)",
    )
}

/// The id in `cachedContents/{id}` (or a bare id).
pub fn id_of(name: &str) -> &str {
    name.strip_prefix("cachedContents/").unwrap_or(name)
}

/// Answers `request` from its `cachedContent`, if it names one: the cache's system
/// instruction, tools and tool config become the request's, its contents come first,
/// and the cached token count is returned (0 without a cache).
pub fn apply(
    state: &AppState,
    model: &str,
    request: &mut GenerateRequest,
) -> Result<u64, ApiError> {
    let Some(name) = request.cached_content.clone() else {
        return Ok(0);
    };
    if request.system_instruction.is_some()
        || !request.tools.is_empty()
        || request.tool_config.is_some()
    {
        return Err(ApiError::new(
            Status::InvalidArgument,
            "CachedContent can not be used with GenerateContent request setting \
             system_instruction, tools or tool_config.\n\nProposed fix: move those values to \
             CachedContent from GenerateContent request.",
        ));
    }
    let cache = state
        .caches
        .get(id_of(&name), clock::now())
        .ok_or_else(not_found)?;
    if cache.model != model {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!(
                "Model used by GenerateContent request (models/{model}) and CachedContent \
                 (models/{}) has to be the same.",
                cache.model
            ),
        ));
    }
    request.system_instruction = cache.system_instruction;
    request.tools = cache.tools;
    request.tool_config = cache.tool_config;
    let mut contents = cache.contents;
    contents.append(&mut request.contents);
    request.contents = contents;
    Ok(cache.total_tokens)
}
