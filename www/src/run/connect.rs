//! A client for the connection the person chose.

use crate::domain::failure::Problem;
use crate::state::ConnectionState;
use gemini_vision_web::{Client, ClientOptions};

/// A client for `connection` (cheap: made for each run).
pub fn client_for(connection: &ConnectionState) -> Result<Client, Problem> {
    let options = ClientOptions {
        api_key: connection.request_key(),
        base_url: Some(connection.base_url()),
        ..ClientOptions::default()
    };
    Client::new(options)
        .map_err(|err| Problem::new("The connection settings are not usable", err.to_string()))
}
