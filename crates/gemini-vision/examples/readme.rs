//! The README's Rust example, kept compiling: builds a generateContent body for an image
//! and parses a model answer into detections.
//!
//! `cargo run -p gemini-vision --example readme -- IMAGE ANSWER.txt`

use gemini_vision::{request::RequestBuilder, spatial::parse_detections};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(image), Some(answer)) = (args.next(), args.next()) else {
        eprintln!("usage: readme IMAGE ANSWER.txt");
        std::process::exit(2);
    };

    let mut request = RequestBuilder::new();
    request
        .inline(std::fs::read(image)?) // MIME sniffed, base64 written in place
        .text("Detect the cupcakes: a JSON list with box_2d and label.")
        .thinking_budget(0);
    let body: Vec<u8> = request.build()?; // POST it to models/…:generateContent
    println!("request body: {} bytes", body.len());

    let answer_text = std::fs::read_to_string(answer)?;
    let outcome = parse_detections(&answer_text);
    for d in &outcome.detections {
        println!("{} {:?}", d.label, d.box_2d);
    }
    Ok(())
}
