# The browser crate's native unit tests (the JS object shapes of detections: real samples
# round trip, model-format items, index alignment, property tests). The renderer's browser
# tests (`tests/render/`, pixels read back in headless Chromium) run with every other wasm
# test of the crate in web-wasm.sh.
set -u
source "$(dirname "$0")/../counts.sh"
export PATH="$HOME/.cargo/bin:$PATH"
log=$(mktemp)
cargo test -p gemini-vision-web --lib 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
read -r passed failed < <(cargo_counts "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "SUITE web-render: $passed passed, $failed failed"
exit "$status"
