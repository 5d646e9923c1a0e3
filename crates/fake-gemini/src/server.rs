//! Binding, routing and stopping the server.
//!
//! [`start`] binds (port 0 picks a free port), serves on the caller's tokio runtime and
//! returns a [`Running`] handle; [`start_blocking`] does the same on a runtime of its
//! own for synchronous callers. Dropping either stops the server and removes a
//! temporary data folder.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::{Config, Settings};
use crate::conn::{KillableListener, Peer};
use crate::errors::ApiError;
use crate::faults::{ArmedFault, FaultSpec};
use crate::report::Report;
use crate::state::{AppState, Shared};
use crate::{admin, caches, cors, files, generate, ids, models, pipeline, upload};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The OS error.
        source: std::io::Error,
    },
    /// The data folder could not be made.
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// No runtime for [`start_blocking`].
    #[error("cannot start a tokio runtime: {0}")]
    Runtime(std::io::Error),
}

/// A running emulator. Dropping it stops the server.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    state: Shared,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
    temporary_dir: Option<PathBuf>,
}

impl Running {
    /// The bound address (the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the base URL to give a client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Where uploaded bytes are kept.
    pub fn data_dir(&self) -> &std::path::Path {
        self.state.files.dir()
    }

    /// Arms a fault, as `POST /__fake/faults` does.
    pub fn arm_fault(&self, spec: FaultSpec) -> u64 {
        self.state.faults.arm(spec)
    }

    /// What was received so far, as `GET /__fake/report` shows it.
    pub fn report(&self) -> Report {
        self.state.recorder.snapshot()
    }

    /// Every fault armed since the start (or a reset), with how often each fired.
    pub fn fault_history(&self) -> Vec<ArmedFault> {
        self.state.faults.history()
    }

    /// Changes settings at run time.
    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        if let Ok(mut settings) = self.state.settings.write() {
            change(&mut settings);
        }
    }

    /// Stops the server, waiting up to five seconds for open requests.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
        if let Some(dir) = self.temporary_dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

async fn fallback(uri: Uri) -> Response {
    ApiError::no_route(uri.path()).into_response()
}

/// The whole application.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/{ver}/models", get(models::list))
        .route(
            "/{ver}/models/{call}",
            get(models::get).post(generate::dispatch),
        )
        .route("/{ver}/files", get(files::handlers::list))
        .route(
            "/{ver}/files/{id}",
            get(files::handlers::get).delete(files::handlers::delete),
        )
        .route(
            "/upload/{ver}/files",
            post(upload::dispatch).put(upload::dispatch),
        )
        .route(
            "/{ver}/cachedContents",
            get(caches::handlers::list).post(caches::handlers::create),
        )
        .route(
            "/{ver}/cachedContents/{id}",
            get(caches::handlers::get)
                .patch(caches::handlers::update)
                .delete(caches::handlers::delete),
        )
        .route("/{ver}/{call}", post(generate::dispatch))
        .nest("/__fake", admin::router())
        .fallback(fallback)
        .layer(DefaultBodyLimit::disable())
        .layer(from_fn_with_state(state.clone(), pipeline::pipeline))
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .with_state(state)
}

/// Starts the emulator on the current tokio runtime.
pub async fn start(config: Config) -> Result<Running, Error> {
    let (dir, temporary) = match &config.data_dir {
        Some(dir) => (dir.clone(), false),
        None => {
            let name = format!("fake-gemini-{}-{}", std::process::id(), ids::file_id());
            (std::env::temp_dir().join(name), true)
        }
    };
    std::fs::create_dir_all(&dir).map_err(|source| Error::DataDir {
        path: dir.clone(),
        source,
    })?;
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| Error::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Bind {
        addr: config.addr,
        source,
    })?;
    let state: Shared = Arc::new(AppState::new(
        config.settings.clone(),
        dir.clone(),
        !config.quiet,
    ));
    for fault in config.faults {
        state.faults.arm(fault);
    }
    let app = router(state.clone()).into_make_service_with_connect_info::<Peer>();
    let (shutdown, signal) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let _ = axum::serve(KillableListener::new(listener), app)
            .with_graceful_shutdown(async move {
                let _ = signal.await;
            })
            .await;
    });
    Ok(Running {
        addr,
        state,
        shutdown: Some(shutdown),
        task: Some(task),
        temporary_dir: temporary.then_some(dir),
    })
}

/// A server on a runtime of its own, for callers without one. Dropping it stops both;
/// do not drop it inside an async context.
#[derive(Debug)]
pub struct BlockingServer {
    running: Option<Running>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl BlockingServer {
    /// The running server.
    pub fn running(&self) -> Option<&Running> {
        self.running.as_ref()
    }

    /// `http://ADDR`.
    pub fn base_url(&self) -> String {
        self.running
            .as_ref()
            .map(Running::base_url)
            .unwrap_or_default()
    }
}

impl Drop for BlockingServer {
    fn drop(&mut self) {
        if let (Some(running), Some(runtime)) = (self.running.take(), self.runtime.as_ref()) {
            runtime.block_on(running.stop());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

/// Starts the emulator on a runtime of its own (two worker threads).
pub fn start_blocking(config: Config) -> Result<BlockingServer, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let running = runtime.block_on(start(config))?;
    Ok(BlockingServer {
        running: Some(running),
        runtime: Some(runtime),
    })
}
