//! `streamGenerateContent`: fetch's `ReadableStream` fed into the core's
//! [`ResponseStream`], each answer chunk handed out as soon as its event is complete.

use super::request::GenerateRequest;
use super::{Client, prepare};
use crate::body;
use crate::transport::{BodyReader, Call, CallBody, scrub, send_until_accepted};
use gemini_vision::Result;
use gemini_vision::request::ResponseStream;
use gemini_vision::wire::{File, GenerateContentResponse};
use std::fmt;

/// A streamed answer: call [`ContentStream::next`] until it returns `None`.
pub struct ContentStream {
    state: State,
    uploaded: Vec<File>,
}

enum State {
    NotStarted(Box<(Client, GenerateRequest)>),
    Reading(Box<Reading>),
    Done,
}

struct Reading {
    reader: BodyReader,
    decoder: ResponseStream,
    client: Client,
}

impl fmt::Debug for ContentStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::NotStarted(_) => "not started",
            State::Reading(_) => "reading",
            State::Done => "done",
        };
        f.debug_struct("ContentStream")
            .field("state", &state)
            .field("uploaded", &self.uploaded.len())
            .finish()
    }
}

impl ContentStream {
    pub(crate) fn new(client: Client, request: GenerateRequest) -> Self {
        ContentStream {
            state: State::NotStarted(Box::new((client, request))),
            uploaded: Vec::new(),
        }
    }

    /// The next answer chunk, an error (after which the stream ends), or `None` at the
    /// end. The first call uploads what the plan says and sends the request.
    pub async fn next(&mut self) -> Option<Result<GenerateContentResponse>> {
        loop {
            match &mut self.state {
                State::Done => return None,
                State::NotStarted(_) => {
                    let State::NotStarted(start) = std::mem::replace(&mut self.state, State::Done)
                    else {
                        return None;
                    };
                    let (client, request) = *start;
                    match self.start(&client, &request).await {
                        Ok((reader, decoder)) => {
                            self.state = State::Reading(Box::new(Reading {
                                reader,
                                decoder,
                                client,
                            }));
                        }
                        Err(error) => return Some(Err(error)),
                    }
                }
                State::Reading(reading) => {
                    let Reading {
                        reader,
                        decoder,
                        client,
                    } = reading.as_mut();
                    if let Some(answer) = decoder.next_response() {
                        let key = client.transport().api_key().cloned();
                        return Some(match answer {
                            Ok(chunk) => Ok(chunk),
                            Err(error) => {
                                self.state = State::Done;
                                Err(scrub(error, key.as_ref()))
                            }
                        });
                    }
                    match reader.next_chunk().await {
                        Ok(Some(bytes)) => decoder.push(&bytes),
                        Ok(None) => {
                            decoder.finish();
                            if let Some(answer) = decoder.next_response() {
                                return Some(answer);
                            }
                            self.state = State::Done;
                            return None;
                        }
                        Err(error) => {
                            self.state = State::Done;
                            return Some(Err(error));
                        }
                    }
                }
            }
        }
    }

    /// FileOps the plan uploaded for this request (known after the first `next`).
    pub fn uploaded(&self) -> &[File] {
        &self.uploaded
    }

    /// Stops reading; the browser drops the rest of the answer.
    pub fn cancel(&mut self) {
        if let State::Reading(reading) = &mut self.state {
            reading.reader.cancel();
        }
        self.state = State::Done;
    }

    async fn start(
        &mut self,
        client: &Client,
        request: &GenerateRequest,
    ) -> Result<(BodyReader, ResponseStream)> {
        let url = client.endpoint().stream_generate_content(&request.model)?;
        let prepared = prepare::prepare(client, request, true).await?;
        self.uploaded = prepared.uploaded.clone();
        let transport = client.transport();
        let key = transport.api_key();
        let signal = request.signal.as_ref();
        let pieces = prepared.builder.build_pieces()?;
        let body = body::assemble(&pieces, &prepared.media, signal, key).await?;
        let call = Call::new("POST", &url, signal).json(CallBody::Blob(body));
        let answer = send_until_accepted(transport, &call).await?;
        let reader = BodyReader::new(&answer, request.signal.clone(), key.cloned());
        Ok((reader, ResponseStream::new()))
    }
}
