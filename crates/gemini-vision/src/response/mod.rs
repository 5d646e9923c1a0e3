//! Reading what `generateContent` answers as it arrives: the server-sent events of
//! `streamGenerateContent?alt=sse` ([`SseDecoder`]), each event's JSON as a
//! `GenerateContentResponse` or the API error it carries ([`ResponseStream`],
//! [`parse_event`]), and the chunks of a stream joined into one answer as the official
//! SDKs join them ([`StreamAggregator`], [`aggregate`]). No I/O: the shell hands the bytes
//! over as they come.

mod aggregate;
mod sse;
mod stream;

pub use aggregate::{StreamAggregator, aggregate};
pub use sse::{SseDecoder, SseEvent};
pub use stream::{ResponseStream, parse_event};
