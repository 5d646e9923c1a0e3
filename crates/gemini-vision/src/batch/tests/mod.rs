//! Batch Mode's behaviour, pinned: the JSONL writer and result reader (properties over
//! random batches and every split), the Operation in every shape the API and the SDKs
//! produce, the poller through every end, and real model answers through results.

mod jsonl_writer;
mod operation;
mod poller;
mod result_reader;
mod samples;
