//! A client for the connection the person chose, and a quick check that the emulator is
//! there before a run (the client retries a dead address for about a minute, as it
//! should for a flaky network; an emulator that is not running is better said at once).

use crate::domain::connection::ConnectionMode;
use crate::domain::failure::{Problem, explain};
use crate::state::ConnectionState;
use gemini_vision::error::Redacted;
use gemini_vision_web::GoogleGenAI;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long the emulator's health check may take.
const HEALTH_TIMEOUT_MS: i32 = 3_000;

/// A client for `connection` (cheap: made for each run). With a proxy as the base URL
/// it carries no Gemini key: the proxy adds its own (`request_key` says so).
pub fn client_for(connection: &ConnectionState) -> Result<GoogleGenAI, Problem> {
    let key = connection.request_key().unwrap_or_default();
    GoogleGenAI::with_key(&key, Some(&connection.base_url()))
        .map_err(|err| Problem::new("The connection settings are not usable", err.to_string()))
}

/// In emulator mode, whether `GET /__fake/health` answers; the problem to show if not.
/// Always fine in Gemini API mode.
pub async fn check_emulator(connection: &ConnectionState) -> Result<(), Problem> {
    if connection.mode != ConnectionMode::Emulator {
        return Ok(());
    }
    let url = format!("{}/__fake/health", connection.emulator_url);
    match health(&url).await {
        Ok(()) => Ok(()),
        Err(message) => {
            let said = format!("{} did not answer ({message})", connection.emulator_url);
            let error = gemini_vision::Error::Transport {
                message: Redacted::new(&said, None, 1_024),
            };
            Err(explain(&error, ConnectionMode::Emulator))
        }
    }
}

async fn health(url: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = web_sys::AbortController::new().map_err(|_| "no AbortController")?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let abort = wasm_bindgen::closure::Closure::once_into_js(move || controller.abort());
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            abort.unchecked_ref(),
            HEALTH_TIMEOUT_MS,
        )
        .ok();
    let answer = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    let response: web_sys::Response = answer
        .map_err(|_| "connection refused or timed out".to_owned())?
        .dyn_into()
        .map_err(|_| "not an HTTP answer".to_owned())?;
    if response.ok() {
        Ok(())
    } else {
        Err(format!("HTTP {}", response.status()))
    }
}
