#!/usr/bin/env bash
# Upload throughput and peak memory of the emulator on loopback.
# Usage: bench/upload.sh EMULATOR_BINARY [SIZE_MIB=1024] [CHUNK_MIB=8]
# CHUNK_MIB=0 sends the file in one request. Prints MB/s and the emulator's peak RSS
# (VmHWM) while it received the file, and checks the returned sha256Hash.
set -euo pipefail

binary=${1:?usage: upload.sh EMULATOR_BINARY [SIZE_MIB] [CHUNK_MIB]}
size_mib=${2:-1024}
chunk_mib=${3:-8}
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/file.bin"
expected=$(sha256sum "$work/file.bin" | cut -d' ' -f1 | xxd -r -p | base64)
size=$((size_mib * 1024 * 1024))

"$binary" --addr 127.0.0.1:0 --quiet --data-dir "$work/data" >"$work/out" &
pid=$!
for _ in $(seq 1 100); do grep -qs listening "$work/out" && break; sleep 0.05; done
url=$(sed -n 's/^listening on //p' "$work/out")
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)

session=$(curl -s -D - -o /dev/null -X POST "$url/upload/v1beta/files" \
  -H 'x-goog-api-key: bench' -H 'X-Goog-Upload-Protocol: resumable' -H 'X-Goog-Upload-Command: start' \
  -H "X-Goog-Upload-Header-Content-Length: $size" -H 'X-Goog-Upload-Header-Content-Type: video/mp4' \
  -H 'Content-Type: application/json' -d '{"file":{"displayName":"bench"}}' |
  sed -n 's/^[Xx]-[Gg]oog-[Uu]pload-[Uu][Rr][Ll]: //p' | tr -d '\r')

start=$(date +%s.%N)
if [ "$chunk_mib" -eq 0 ]; then
  answer=$(curl -s -X POST -H 'X-Goog-Upload-Command: upload, finalize' -H 'X-Goog-Upload-Offset: 0' \
    -H "Content-Length: $size" -T "$work/file.bin" "$session")
else
  chunks=$(((size_mib + chunk_mib - 1) / chunk_mib))
  for ((i = 0; i < chunks; i++)); do
    command='upload'
    [ $((i + 1)) -eq "$chunks" ] && command='upload, finalize'
    length=$((chunk_mib * 1024 * 1024))
    offset=$((i * length))
    [ $((offset + length)) -gt "$size" ] && length=$((size - offset))
    answer=$(dd if="$work/file.bin" bs=1M skip=$((i * chunk_mib)) count="$chunk_mib" status=none |
      curl -s -X POST -H "X-Goog-Upload-Command: $command" -H "X-Goog-Upload-Offset: $offset" \
        -H "Content-Length: $length" -T - "$session")
  done
fi
end=$(date +%s.%N)
peak=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
hash=$(printf '%s' "$answer" | sed -n 's/.*"sha256Hash":"\([^"]*\)".*/\1/p')

seconds=$(echo "$end - $start" | bc -l)
printf 'uploaded %d MiB in %s MiB chunks: %.2f s, %.1f MB/s\n' "$size_mib" "$chunk_mib" "$seconds" \
  "$(echo "$size / 1000000 / $seconds" | bc -l)"
printf 'emulator RSS before: %d KiB, peak while receiving: %d KiB\n' "$rss_before" "$peak"
if [ "$hash" = "$expected" ]; then echo "sha256Hash matches"; else echo "sha256Hash MISMATCH: $hash vs $expected"; exit 1; fi
