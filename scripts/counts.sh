# Sourced by scripts/test and the suites: how many tests a `cargo test` log says passed and
# failed. Every "test result:" line is summed; ignored tests count as failed (a green run
# must mean every test ran).
cargo_counts() { # log -> "passed failed"
  grep -E '^test result:' "$1" | awk '
    { for (i = 1; i <= NF; i++) {
        if ($(i + 1) ~ /^passed/) p += $i
        if ($(i + 1) ~ /^failed/) f += $i
        if ($(i + 1) ~ /^ignored/) f += $i } }
    END { print p + 0, f + 0 }'
}
