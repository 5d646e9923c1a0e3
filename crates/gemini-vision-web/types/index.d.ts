// The types of the package's API besides the classes wasm-bindgen declares.
export * from "./enums.js";
export * from "./content.js";
export * from "./config.js";
export * from "./responses.js";
export * from "./pager.js";
export * from "./errors.js";
export * from "./helpers.js";
