//! The demo app (being written).

fn main() {}
