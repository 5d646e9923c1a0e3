#!/usr/bin/env bash
# The npm package as users consume it: builds it (scripts/build-npm), packs it, installs
# the tarball into a copy of the Vite app and builds that with `vite build`, then runs the
# plain ESM page and the Vite app in headless Chromium against a started emulator, and
# type-checks a TypeScript consumer (tests/npm/types) against the package's .d.ts.
# Prints "SUITE npm: N passed, M failed" last (a skipped check counts as failed).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
export PATH="$HOME/.cargo/bin:$root/tests/node_modules/.bin:$PATH"
fail() { echo "$1"; echo "SUITE npm: 0 passed, 1 failed"; exit 1; }

scripts/build-npm || fail "scripts/build-npm failed"
pkg=$root/target/npm/gemini-vision-web
cargo build -q -p fake-gemini || fail "the emulator did not build"
emulator=${CARGO_TARGET_DIR:-$root/target}/debug/fake-gemini

work=$root/target/npm/consumers
rm -rf "$work" && mkdir -p "$work"
tarball=$(cd "$work" && npm pack --silent "$pkg") || fail "npm pack failed"
cp -r tests/npm/vite-app tests/npm/shared "$work/"
(cd "$work/vite-app" && npm install --silent --no-audit --no-fund "../$tarball") \
  || fail "installing the packed tarball failed"
(cd "$work/vite-app" && vite build) || fail "vite build failed"

# The TypeScript definitions, as a strict TypeScript user compiles against them.
if tsc -p tests/npm/types; then export TYPECHECK=passed; else export TYPECHECK=failed; fi

node tests/npm/run.mjs "$emulator" "$pkg" "$work/vite-app/dist"
