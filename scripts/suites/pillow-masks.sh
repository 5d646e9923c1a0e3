# Our masks against Pillow + numpy computing them exactly as the Gemini cookbook does.
set -u
cargo build -q -p gemini-vision-cli || { echo "SUITE pillow-masks: 0 passed, 1 failed"; exit 1; }
exec tests/.venv/bin/python tests/reference/check_masks.py --cli target/debug/gemini-vision --samples ../shared/samples
