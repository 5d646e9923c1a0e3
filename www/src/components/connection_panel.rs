//! The connection panel: local emulator or Gemini API, the key, and how to keep a key
//! safe. The key is typed into a password field, kept in `sessionStorage` (or
//! `localStorage` with "remember"), and afterwards only its last 4 characters are shown.

use crate::browser::{key_store, page};
use crate::domain::connection::{ConnectionMode, authority_of, masked_key, normalize_base_url};
use crate::state::{AppState, KeptKey};
use leptos::prelude::*;

/// The connection summary and its settings.
#[component]
pub fn ConnectionPanel() -> impl IntoView {
    let state = AppState::get();
    let connection = state.connection;
    let summary = move || {
        connection.with(|c| match c.mode {
            ConnectionMode::Emulator => {
                format!("Local emulator \u{b7} {}", host_of(&c.emulator_url))
            }
            ConnectionMode::GeminiApi => match (&c.api_key, &c.proxy_url) {
                // With a proxy the key stays on the page: the proxy adds its own.
                (_, Some(proxy)) => format!("Gemini API \u{b7} via {}", host_of(proxy)),
                (Some(kept), None) => format!("Gemini API \u{b7} key {}", masked_key(&kept.key)),
                (None, None) => "Gemini API \u{b7} no key yet".to_owned(),
            },
        })
    };
    let ready = move || connection.with(|c| c.readiness().is_ok());
    let set_mode = move |mode: ConnectionMode| {
        key_store::save_mode(mode);
        connection.update(|c| c.mode = mode);
    };
    view! {
        <details class="connection" open=move || !ready()>
            <summary>
                <span class="dot" class:ok=ready aria-hidden="true"></span>
                <span class="connection-summary">{summary}</span>
            </summary>
            <div class="connection-body">
                <fieldset class="segmented">
                    <legend>"Connection"</legend>
                    {[ConnectionMode::Emulator, ConnectionMode::GeminiApi]
                        .into_iter()
                        .map(|mode| {
                            view! {
                                <label class="segment">
                                    <input
                                        type="radio"
                                        name="connection-mode"
                                        prop:checked=move || connection.with(|c| c.mode == mode)
                                        on:change=move |_| set_mode(mode)
                                    />
                                    <span>{mode.label()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <Show
                    when=move || connection.with(|c| c.mode == ConnectionMode::Emulator)
                    fallback=|| view! { <GeminiApiSettings/> }
                >
                    <EmulatorSettings/>
                </Show>
            </div>
        </details>
    }
}

fn host_of(url: &str) -> String {
    authority_of(url).unwrap_or(url).to_owned()
}

#[component]
fn EmulatorSettings() -> impl IntoView {
    let state = AppState::get();
    let connection = state.connection;
    let error = RwSignal::new(None::<String>);
    let on_change = move |ev| {
        let text = event_target_value(&ev);
        match normalize_base_url(&text) {
            Ok(url) => {
                key_store::save_emulator_url(&url);
                connection.update(|c| c.emulator_url = url);
                error.set(None);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <label class="field">
            <span>"Emulator URL"</span>
            <input
                type="url"
                inputmode="url"
                spellcheck="false"
                prop:value=move || connection.with(|c| c.emulator_url.clone())
                on:change=on_change
            />
        </label>
        {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        <p class="note">
            "The emulator (" <code>"fake-gemini"</code>
            ") replays real Gemini answers for the example images and finds coloured shapes in any other image. "
            <code>"scripts/demo"</code> " starts it on port 8787; no key or network needed."
        </p>
        <KeyField/>
    }
}

#[component]
fn GeminiApiSettings() -> impl IntoView {
    let state = AppState::get();
    let connection = state.connection;
    let proxy_error = RwSignal::new(None::<String>);
    let on_proxy = move |ev| {
        let text = event_target_value(&ev);
        if text.trim().is_empty() {
            key_store::save_proxy_url(None);
            connection.update(|c| c.proxy_url = None);
            proxy_error.set(None);
            return;
        }
        match normalize_base_url(&text) {
            Ok(url) => {
                key_store::save_proxy_url(Some(&url));
                if crate::browser::csp::needs_reload(&url) {
                    // The page's connection policy names the proxy it started with;
                    // a policy cannot be widened, so the page starts again.
                    page::reload();
                    return;
                }
                connection.update(|c| c.proxy_url = Some(url));
                proxy_error.set(None);
            }
            Err(message) => proxy_error.set(Some(message)),
        }
    };
    view! {
        <KeyField/>
        <label class="field">
            <span>"Base URL (optional: your proxy)"</span>
            <input
                type="url"
                inputmode="url"
                spellcheck="false"
                placeholder="https://generativelanguage.googleapis.com"
                prop:value=move || connection.with(|c| c.proxy_url.clone().unwrap_or_default())
                on:change=on_proxy
            />
        </label>
        {move || proxy_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        <div class="note">
            <p>
                <strong>"Keep your key safe. "</strong>
                "A key used in a web page can be read by anyone who opens it. In the Google Cloud console ("
                <em>"APIs & Services \u{2192} Credentials \u{2192} your key \u{2192} Application restrictions"</em>
                "), choose " <em>"Websites"</em> " and add this site's address (for example "
                <code>"https://example.com/*"</code>
                "), and restrict the key to the Generative Language API. Unrestricted keys stop working from browsers in June 2026."
            </p>
            <p>
                "Or keep the key off the page entirely: point the base URL at your own proxy, which adds the "
                <code>"x-goog-api-key"</code> " header on the server and forwards the "
                <code>"X-Goog-Upload-*"</code> " headers for uploads."
            </p>
            <p>"The key is sent only in the " <code>"x-goog-api-key"</code> " header, never in a URL, and never to a proxy: with a base URL set, the proxy adds the key. Setting a new proxy reloads the page, so that its Content-Security-Policy allows that address."</p>
        </div>
    }
}

/// The key input, or the kept key's last 4 characters with "Forget".
#[component]
fn KeyField() -> impl IntoView {
    let state = AppState::get();
    let connection = state.connection;
    let draft = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let save = move || {
        let key = draft.get_untracked().trim().to_owned();
        if key.is_empty() {
            return;
        }
        let remembered = remember.get_untracked();
        connection.update(|c| c.set_current_key(Some(KeptKey { key, remembered })));
        // The typed key leaves the page's inputs as soon as it is kept.
        draft.set(String::new());
    };
    let forget = move |_| connection.update(|c| c.set_current_key(None));
    let is_emulator = move || connection.with(|c| c.mode == ConnectionMode::Emulator);
    view! {
        <Show
            when=move || connection.with(|c| c.current_key().is_some())
            fallback=move || {
                view! {
                    <form
                        class="key-form"
                        autocomplete="off"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            save();
                        }
                    >
                        <label class="field">
                            <span>
                                {move || if is_emulator() { "API key (optional)" } else { "API key" }}
                            </span>
                            // Not type="password": password managers offer to store those
                            // (Chrome ignores autocomplete="off" there). Masked by CSS.
                            <input
                                type="text"
                                class="secret"
                                name="gemini-vision-key"
                                autocomplete="off"
                                autocapitalize="off"
                                spellcheck="false"
                                data-1p-ignore="true"
                                data-lpignore="true"
                                data-bwignore="true"
                                data-form-type="other"
                                placeholder=move || if is_emulator() { "any key works" } else { "AIza\u{2026}" }
                                prop:value=move || draft.get()
                                on:input=move |ev| draft.set(event_target_value(&ev))
                            />
                        </label>
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || remember.get()
                                on:change=move |ev| remember.set(event_target_checked(&ev))
                            />
                            <span>"Remember on this device"</span>
                        </label>
                        <button type="submit" class="button">"Use key"</button>
                    </form>
                }
            }
        >
            <div class="key-kept">
                <span>
                    "Key "
                    <code>{move || connection.with(|c| c.current_key().map(|k| masked_key(&k.key)).unwrap_or_default())}</code>
                    {move || if connection.with(|c| c.current_key().is_some_and(|k| k.remembered)) {
                        " (remembered on this device)"
                    } else {
                        " (for this tab only)"
                    }}
                </span>
                <button class="button subtle" on:click=forget>"Forget key"</button>
            </div>
        </Show>
    }
}
