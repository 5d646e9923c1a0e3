# Pinned tool versions, in one place. Sourced by the other scripts.
# wasm-bindgen CLI must equal the `wasm-bindgen` crate pinned with `=` in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
# The registry's checksum of that crate's archive (index.crates.io "cksum").
WASM_BINDGEN_CLI_SHA256=c37f6904387d19a319525c74af274c73912f3871c35555aa49f3ea64ebb2fc7a
# Trunk 0.22 needs rustc 1.96+; 0.21.14 builds with the machine's 1.95.
TRUNK_VERSION=0.21.14
