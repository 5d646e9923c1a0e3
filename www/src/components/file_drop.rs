//! A drop area with a hidden multi-file input: files dropped on it or picked through its
//! input go to one callback. The single-request intake and the batch panel both use it.

use crate::intake::files_of;
use leptos::prelude::*;

/// A `<div class={class}>` that takes dropped files, holding a hidden
/// `<input id={input_id} type="file" multiple accept={accept}>` (a `<label for>` in
/// `children` opens it) and whatever else `children` holds. `on_files` gets each drop's
/// or pick's files; the same file can be picked again after it was removed.
#[component]
pub fn FileDrop<F>(
    /// The drop area's class.
    class: &'static str,
    /// The hidden input's id, for the `<label for>` in `children`.
    input_id: &'static str,
    /// The input's `accept` list.
    accept: &'static str,
    /// Gets the files of each drop or pick.
    on_files: F,
    /// The label and anything else shown in the drop area.
    children: Children,
) -> impl IntoView
where
    F: Fn(Vec<web_sys::File>) + Copy + 'static,
{
    let dragging = RwSignal::new(false);
    view! {
        <div
            class=class
            class:dragging=move || dragging.get()
            on:dragenter=move |ev| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragover=move |ev| ev.prevent_default()
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                on_files(files_of(ev.data_transfer().and_then(|data| data.files())));
            }
        >
            <input
                id=input_id
                class="visually-hidden"
                type="file"
                multiple
                accept=accept
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    on_files(files_of(input.files()));
                    input.set_value("");
                }
            />
            {children()}
        </div>
    }
}
