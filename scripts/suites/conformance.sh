# The official SDKs (@google/genai, @google/generative-ai, google-genai) against the emulator.
set -u
cargo build --locked -q -p fake-gemini || { echo "SUITE conformance: 0 passed, 1 failed"; exit 1; }
exec bash tests/conformance/run.sh target/debug/fake-gemini
