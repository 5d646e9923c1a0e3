//! gemini-vision-web (being written).
