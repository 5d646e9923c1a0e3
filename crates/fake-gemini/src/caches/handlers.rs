//! `/{ver}/cachedContents[/{id}]`.

use std::time::{Duration, SystemTime};

use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};

use super::store::CacheEntry;
use super::{id_of, not_found};
use crate::body::read_limited;
use crate::clock;
use crate::errors::{ApiError, Status};
use crate::ids;
use crate::models::{self, Family};
use crate::prompt;
use crate::rules;
use crate::schema::{self, resources::CACHED_CONTENT};
use crate::state::{AppState, Shared};
use crate::tokens;
use crate::wire::{Content, GenerateRequest, Tool, ToolConfig};

/// The default lifetime of a cache: one hour.
const DEFAULT_TTL: Duration = Duration::from_secs(3600);

/// `CachedContent` as create and patch read it.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CacheBody {
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    contents: Vec<Content>,
    #[serde(default)]
    system_instruction: Option<Content>,
    #[serde(default)]
    tools: Vec<Tool>,
    #[serde(default)]
    tool_config: Option<ToolConfig>,
    #[serde(default)]
    ttl: Option<String>,
    #[serde(default)]
    expire_time: Option<String>,
}

async fn read_body(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<CacheBody, ApiError> {
    let settings = state.settings();
    let bytes = read_limited(headers, body, settings.max_request_bytes).await?;
    let json = schema::parse(&bytes)?;
    let normalised = schema::check(&json, &CACHED_CONTENT, settings.accept_unknown_fields)?;
    serde_json::from_value(normalised).map_err(|error| {
        ApiError::new(
            Status::InvalidArgument,
            format!("Invalid JSON payload received. {error}"),
        )
    })
}

/// The expiry a body asks for: `expireTime`, or now + `ttl`.
fn expiry(body: &CacheBody, now: SystemTime) -> Result<Option<SystemTime>, ApiError> {
    if let Some(time) = &body.expire_time {
        return Ok(clock::parse_rfc3339(time));
    }
    let Some(ttl) = &body.ttl else {
        return Ok(None);
    };
    let seconds = clock::parse_duration(ttl).unwrap_or(0.0);
    if seconds < 0.0 {
        // Our wording: the API refuses a negative TTL; its sentence is not on record.
        return Err(ApiError::bad_field("ttl", "ttl must not be negative."));
    }
    // At most 12 digits of seconds: a few thousand centuries, far from overflowing.
    now.checked_add(Duration::from_secs_f64(seconds))
        .map(Some)
        .ok_or_else(|| ApiError::bad_field("ttl", "ttl is too large."))
}

/// `POST /{ver}/cachedContents`.
pub async fn create(
    State(state): State<Shared>,
    Path(version): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let body = read_body(&state, &headers, body).await?;
    let name = body.model.clone().unwrap_or_default();
    if name.is_empty() {
        return Err(ApiError::bad_field(
            "cached_content.model",
            "* CreateCachedContentRequest.cached_content.model: model is required\n",
        ));
    }
    let model = models::resolve(&name)
        .filter(|model| !models::makes_images(model) && !models::speaks(model))
        .ok_or_else(|| models::not_found(&name, &version, "createCachedContent"))?;
    let request = GenerateRequest {
        contents: body.contents.clone(),
        system_instruction: body.system_instruction.clone(),
        ..GenerateRequest::default()
    };
    rules::check_turns(&request)?;
    let prompt = prompt::resolve(&state, &request, Family::of(model))?;
    let tool_tokens: u64 = body
        .tools
        .iter()
        .flat_map(|tool| &tool.function_declarations)
        .map(|declaration| {
            tokens::text(&declaration.name)
                + tokens::text(declaration.description.as_deref().unwrap_or(""))
                + declaration
                    .parameters
                    .as_ref()
                    .map_or(0, |schema| tokens::text(&schema.to_string()))
        })
        .sum();
    let total = prompt.tokens.total() + tool_tokens;
    let minimum = models::min_cache_tokens(model);
    if total < minimum {
        return Err(ApiError::new(
            Status::InvalidArgument,
            format!(
                "Cached content is too small. total_token_count={total}, min_total_token_count={minimum}"
            ),
        ));
    }
    let now = clock::now();
    let entry = CacheEntry {
        id: ids::cache_id(),
        model,
        display_name: body.display_name.clone(),
        create_time: now,
        update_time: now,
        expire_time: expiry(&body, now)?.unwrap_or(now + DEFAULT_TTL),
        contents: body.contents,
        system_instruction: body.system_instruction,
        tools: body.tools,
        tool_config: body.tool_config,
        total_tokens: total,
    };
    let resource = entry.resource();
    state.caches.insert(entry);
    Ok(Json(resource))
}

/// `GET /{ver}/cachedContents/{id}`.
pub async fn get(
    State(state): State<Shared>,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let entry = state
        .caches
        .get(id_of(&id), clock::now())
        .ok_or_else(not_found)?;
    Ok(Json(entry.resource()))
}

/// Query of `cachedContents.list` and `.patch`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheQuery {
    page_size: Option<usize>,
    page_token: Option<String>,
    update_mask: Option<String>,
}

/// `GET /{ver}/cachedContents?pageSize&pageToken`: oldest first, 50 a page by default,
/// at most 1000.
pub async fn list(
    State(state): State<Shared>,
    Query(query): Query<CacheQuery>,
) -> Result<Json<Value>, ApiError> {
    let entries = state.caches.list(clock::now());
    let size = query
        .page_size
        .filter(|size| *size > 0)
        .unwrap_or(50)
        .min(1000);
    let start = match query
        .page_token
        .as_deref()
        .filter(|token| !token.is_empty())
    {
        Some(token) => token
            .parse::<usize>()
            .map_err(|_| ApiError::new(Status::InvalidArgument, "Invalid page token."))?,
        None => 0,
    };
    let page: Vec<Value> = entries
        .iter()
        .skip(start)
        .take(size)
        .map(CacheEntry::resource)
        .collect();
    let mut answer = json!({});
    if !page.is_empty() {
        answer["cachedContents"] = Value::Array(page);
    }
    if start + size < entries.len() {
        answer["nextPageToken"] = json!((start + size).to_string());
    }
    Ok(Json(answer))
}

/// `PATCH /{ver}/cachedContents/{id}[?updateMask=ttl|expireTime]`: only the expiry
/// changes; without a mask, whichever of `ttl` and `expireTime` the body sets.
pub async fn update(
    State(state): State<Shared>,
    Path((_, id)): Path<(String, String)>,
    Query(query): Query<CacheQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let body = read_body(&state, &headers, body).await?;
    for path in query.update_mask.iter().flat_map(|mask| mask.split(',')) {
        let path = path.trim();
        if !["ttl", "expireTime", "expire_time"].contains(&path) {
            // Our wording for a field that cannot change after creation.
            return Err(ApiError::bad_field(
                "update_mask",
                format!(
                    "Field '{path}' of CachedContent cannot be updated; only ttl and expire_time can."
                ),
            ));
        }
    }
    let now = clock::now();
    let current = state.caches.get(id_of(&id), now).ok_or_else(not_found)?;
    let entry = match expiry(&body, now)? {
        Some(expire) => state
            .caches
            .set_expiry(&current.id, expire, now)
            .ok_or_else(not_found)?,
        None => current,
    };
    Ok(Json(entry.resource()))
}

/// `DELETE /{ver}/cachedContents/{id}`.
pub async fn delete(
    State(state): State<Shared>,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    if state.caches.remove(id_of(&id), clock::now()) {
        Ok(Json(json!({})))
    } else {
        Err(not_found())
    }
}
