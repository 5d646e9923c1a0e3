//! The demo's entry point (built by Trunk from `www/index.html`).

fn main() {
    gemini_vision_demo::start();
}
