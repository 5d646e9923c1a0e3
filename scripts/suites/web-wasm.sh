# The browser crate's wasm tests (wasm-bindgen-test in headless Chromium) against two
# emulators on free loopback ports: one with Google's CORS, one with --strict-cors.
# Their URLs and this run's admin token reach the tests at compile time (GV_FAKE_URL,
# GV_FAKE_STRICT_URL, GV_FAKE_ADMIN_TOKEN).
# Prints "SUITE web-wasm: N passed, M failed" last.
set -u
source "$(dirname "$0")/../counts.sh"
cd "$(dirname "$0")/../.."
target_dir=${CARGO_TARGET_DIR:-target}
logs=$target_dir/test-logs/web-wasm
mkdir -p "$logs"
key=gv-test-key-5f3a9c
# The emulators' /__fake takes this token; a fresh one per run.
admin_token=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
pids=()

finish() { # passed failed
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  echo "SUITE web-wasm: $1 passed, $2 failed"
  [ "$2" -eq 0 ] && exit 0 || exit 1
}

cargo build --locked -q -p fake-gemini || finish 0 1

# GV_FAKE_VERBOSE=1 keeps the emulators' request logs (in the log folder).
quiet=--quiet
[ -n "${GV_FAKE_VERBOSE:-}" ] && quiet=

start_emulator() { # name extra-flags... ; prints the base URL
  local name=$1; shift
  # Removed first: the redirection below truncates the file only once the background
  # process has started, and a stale URL from an earlier run must never be read.
  rm -f "$logs/$name.out"
  "$target_dir/debug/fake-gemini" --addr 127.0.0.1:0 --api-key "$key" --processing-ms 300 \
    --admin-token "$admin_token" $quiet "$@" >"$logs/$name.out" 2>"$logs/$name.err" &
  pids+=($!)
  for _ in $(seq 1 300); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$logs/$name.out" 2>/dev/null | head -n 1)
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  return 1
}

start_emulator normal >"$logs/normal.url" || finish 0 1
start_emulator strict --strict-cors >"$logs/strict.url" || finish 0 1
export GV_FAKE_URL GV_FAKE_STRICT_URL GV_FAKE_ADMIN_TOKEN=$admin_token
GV_FAKE_URL=$(cat "$logs/normal.url")
GV_FAKE_STRICT_URL=$(cat "$logs/strict.url")
echo "emulators: $GV_FAKE_URL and $GV_FAKE_STRICT_URL (strict CORS)"

# Each binary under a deadline, tried once more when the runner hangs (scripts/wasm-test-runner says why).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=$PWD/scripts/wasm-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
# Per test binary; the slowest (uploads, 200 MB included) takes about a minute.
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-480}

timeout 1500 cargo test --locked -p gemini-vision-web --target wasm32-unknown-unknown --no-fail-fast "$@" 2>&1 | tee "$logs/cargo-test.log"
status=${PIPESTATUS[0]}
read -r passed failed < <(cargo_counts "$logs/cargo-test.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
finish "$passed" "$failed"
