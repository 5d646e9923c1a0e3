# Pinned tool versions, in one place. Sourced by the other scripts.
# wasm-bindgen CLI must equal the `wasm-bindgen` crate pinned with `=` in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
# Trunk 0.22 needs rustc 1.96+; 0.21.14 builds with the machine's 1.95.
TRUNK_VERSION=0.21.14
