# The side-by-side parity suite (issue 9): @google/genai 3.6.1 and our package run the same
# scenario functions in headless Chromium against the emulator behind a capture proxy; the
# requests on the wire and the results read through the public getters are compared
# (tests/sidebyside/README.md). Prints "SUITE sidebyside: N passed, M failed" last.
set -u
cd "$(dirname "$0")/../.."
root=$(pwd)
export PATH="$HOME/.cargo/bin:$root/tests/node_modules/.bin:$PATH"
cargo build -q -p fake-gemini || { echo "the emulator did not build"; echo "SUITE sidebyside: 0 passed, 1 failed"; exit 1; }
emulator=${CARGO_TARGET_DIR:-$root/target}/debug/fake-gemini
package=$root/target/npm/gemini-vision-web
# Our package as users get it. When it does not build, no stale copy may stand in for it:
# every scenario then fails on our side with the reason.
if ! scripts/build-npm; then
  echo "scripts/build-npm failed: our side of every scenario fails"
  rm -rf "$package"
fi
exec node tests/sidebyside/run.mjs --emulator "$emulator" --ours "$package" --self-check
