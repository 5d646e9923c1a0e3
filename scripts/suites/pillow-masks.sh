# Our masks against Pillow + numpy computing them exactly as the Gemini cookbook does.
# One test: every mask of every sample must match pixel for pixel (the script compares
# several hundred masks and prints one line each; they are rows of one check, not tests).
set -u
cargo build -q -p gemini-vision-cli || { echo "SUITE pillow-masks: 0 passed, 1 failed"; exit 1; }
tests/.venv/bin/python tests/reference/check_masks.py --cli target/debug/gemini-vision --samples ../shared/samples
status=$?
if [ "$status" -eq 0 ]; then
  echo "SUITE pillow-masks: 1 passed, 0 failed"
else
  echo "SUITE pillow-masks: 0 passed, 1 failed"
fi
exit "$status"
