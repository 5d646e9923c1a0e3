# The canvas renderer's browser tests (wasm-bindgen-test in headless Chromium: pixels read
# back from a synthetic photo and the real 20-mask answer), and the crate's native unit
# tests (the JS object shapes of detections).
set -u
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
log=$(mktemp)
cargo test -p gemini-vision-web --target wasm32-unknown-unknown --test render 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Native: CARGO_TARGET_WASM32_* only applies to the wasm target.
cargo test -p gemini-vision-web --lib 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -ne 0 ] && status=1
passed=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E '^test result:' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "SUITE web-render: $passed passed, $failed failed"
exit "$status"
