#!/usr/bin/env bash
# Runs the official SDKs (@google/genai and the older @google/generative-ai for Node,
# google-genai for Python, all pinned in tests/) against a fake-gemini started on a free
# loopback port.
# Usage: tests/conformance/run.sh EMULATOR_BINARY
# Each client script prints `PLAN name N` first, a PASS or FAIL line per flow and `DONE
# name` last; a planned flow that printed neither counts as failed, and so does a script
# that stopped before its plan.
# Last line: `SUITE conformance: N passed, M failed`; exits non-zero on any failure.
set -u

binary=${1:?usage: run.sh EMULATOR_BINARY}
here=$(cd "$(dirname "$0")" && pwd)
tests=$(dirname "$here")
out=$(mktemp -d)
pid=""

finish() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  fi
  rm -rf "$out"
}
trap finish EXIT

# Dependencies, installed only when missing (exact versions, no audit, no browsers).
if [ ! -d "$tests/node_modules/@google/genai" ]; then
  (cd "$tests" && npm ci --no-audit --no-fund >"$out/npm.log" 2>&1) || {
    cat "$out/npm.log" >&2
    echo "SUITE conformance: 0 passed, 1 failed"
    exit 1
  }
fi
if [ ! -x "$tests/.venv/bin/python" ] || ! "$tests/.venv/bin/python" -c "import google.genai" 2>/dev/null; then
  (python3 -m venv "$tests/.venv" && "$tests/.venv/bin/pip" install -q -r "$tests/requirements.txt") >"$out/pip.log" 2>&1 || {
    cat "$out/pip.log" >&2
    echo "SUITE conformance: 0 passed, 1 failed"
    exit 1
  }
fi

"$binary" --addr 127.0.0.1:0 --processing-ms 300 --quiet >"$out/emulator.out" 2>"$out/emulator.err" &
pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' "$out/emulator.out")
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  cat "$out/emulator.err" >&2
  echo "SUITE conformance: 0 passed, 1 failed"
  exit 1
fi
echo "emulator at $url"

passed=0
failed=0
run_client() {
  local name=$1
  shift
  "$@" "$url" >"$out/$name.txt" 2>"$out/$name.err"
  local code=$?
  cat "$out/$name.txt"
  local ok bad planned missing
  ok=$(grep -c "^PASS $name: " "$out/$name.txt")
  bad=$(grep -c "^FAIL $name: " "$out/$name.txt")
  planned=$(sed -n "s/^PLAN $name //p" "$out/$name.txt")
  missing=$(( ${planned:-0} - ok - bad ))
  if [ -z "$planned" ]; then
    echo "FAIL $name: the client script stopped before its plan (exit $code)"
    tail -n 20 "$out/$name.err"
    bad=$((bad + 1))
  elif [ "$missing" -gt 0 ]; then
    echo "FAIL $name: $missing planned flow(s) did not run (exit $code)"
    tail -n 20 "$out/$name.err"
    bad=$((bad + missing))
  elif ! grep -q "^DONE $name" "$out/$name.txt" || { [ "$code" -ne 0 ] && [ "$bad" -eq 0 ]; }; then
    echo "FAIL $name: the client script stopped early (exit $code)"
    tail -n 20 "$out/$name.err"
    bad=$((bad + 1))
  fi
  passed=$((passed + ok))
  failed=$((failed + bad))
}

run_client js node "$here/conformance.mjs"
run_client js-conversation node "$here/conversation.mjs"
run_client js-caches node "$here/caches.mjs"
run_client legacy node "$here/legacy.mjs"
run_client py "$tests/.venv/bin/python" "$here/conformance.py"
run_client py-conversation "$tests/.venv/bin/python" "$here/conversation.py"
run_client py-caches "$tests/.venv/bin/python" "$here/caches.py"

echo "SUITE conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
