# The npm package built, packed and used from a plain ESM page and a Vite app in headless
# Chromium against the emulator.
exec bash tests/npm/run.sh
