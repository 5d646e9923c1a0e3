//! One run of the command: from the arguments and whatever state the output directory
//! holds to the next stage, and on until the results are written or the job ended.

use super::args::BatchArgs;
use super::console::{Console, bytes};
use super::scan::{ImageEntry, scan};
use super::state::{BatchState, JobSpec, Stage, StateDir};
use super::{Failure, create, results, upload, wait};
use crate::api_client::{ApiClient, KEY_VARIABLE};
use gemini_vision::ApiKey;
use gemini_vision::batch::{BatchInput, BatchItem, BatchLimits, BatchRoute};
use gemini_vision::endpoint::{Endpoint, model_id};
use gemini_vision::request::RequestBuilder;
use std::path::Path;

/// How the results came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Images with detections (or a caption).
    pub succeeded: usize,
    /// Images with an error.
    pub failed: usize,
}

/// Everything a stage works with.
pub struct Session<'a> {
    /// The arguments.
    pub args: &'a BatchArgs,
    /// Where the API is.
    pub endpoint: Endpoint,
    /// The HTTP client (it holds the key).
    pub client: ApiClient,
    /// stderr.
    pub console: Console,
    /// The output directory and its state files.
    pub store: StateDir,
    /// The state as last saved.
    pub state: BatchState,
    /// The images, in request order.
    pub images: Vec<ImageEntry>,
    seed: u64,
    started_ms: i64,
}

impl Session<'_> {
    /// Moves to `stage` and saves it before anything else happens.
    pub fn enter(&mut self, stage: Stage) -> Result<(), Failure> {
        self.state.stage = stage;
        self.store.save(&self.state).map_err(|error| {
            Failure::run(format!(
                "the state file {} cannot be written: {error}",
                self.store.state_path().display()
            ))
        })
    }

    /// When this run started (ms since the epoch): a create recorded before it was
    /// sent by an earlier run.
    pub fn started_ms(&self) -> i64 {
        self.started_ms
    }

    /// A fresh seed for a machine's jitter.
    pub fn seed(&mut self) -> u64 {
        self.seed = self
            .seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        self.seed
    }

    /// The batch's requests, rebuilt from the image list exactly as at the first run.
    pub fn batch_input(&self) -> Result<BatchInput, Failure> {
        let spec = &self.state.spec;
        let items = self
            .images
            .iter()
            .map(|image| {
                let mut request = RequestBuilder::new();
                if let Some(system) = &spec.system {
                    request.system_instruction(system.as_str());
                }
                request
                    .inline_slot(&image.mime, image.size)
                    .text(spec.prompt.as_str());
                if let Some(temperature) = self.args.temperature {
                    request.temperature(temperature);
                }
                BatchItem::keyed(image.key.clone(), request)
            })
            .collect();
        BatchInput::new(items).map_err(|e| Failure::run(e.to_string()))
    }

    /// The limits the plan is made against.
    pub fn limits(&self) -> BatchLimits {
        BatchLimits {
            max_inline_body_bytes: self.args.max_inline_bytes,
            ..BatchLimits::default()
        }
    }
}

/// Milliseconds since the epoch, by our clock.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_millis()).ok())
        .unwrap_or(0)
}

/// Runs the command.
pub fn run(args: &BatchArgs) -> Result<Summary, Failure> {
    let key = std::env::var(KEY_VARIABLE)
        .ok()
        .and_then(ApiKey::new)
        .ok_or_else(|| {
            Failure::usage(format!(
                "set {KEY_VARIABLE} to your Gemini API key (it is never taken from the command line)"
            ))
        })?;
    let endpoint = Endpoint::new(&args.base_url, &args.api_version)
        .map_err(|e| Failure::usage(e.to_string()))?;
    model_id(&args.model).map_err(|e| Failure::usage(e.to_string()))?;
    let client = ApiClient::new(&endpoint, key.clone()).map_err(Failure::usage)?;
    let mut session = open(args, endpoint, client, Console::new(key))?;
    let outcome = advance(&mut session);
    // Whatever went wrong, the message may quote a server: scrub it like every line.
    outcome.map_err(|failure| Failure {
        message: session.client.redact(&failure.message),
        code: failure.code,
    })
}

/// The session: the saved state if the output directory has one for this job, else a
/// fresh scan.
fn open<'a>(
    args: &'a BatchArgs,
    endpoint: Endpoint,
    client: ApiClient,
    console: Console,
) -> Result<Session<'a>, Failure> {
    let input_dir = args.dir.canonicalize().map_err(|e| {
        Failure::usage(format!(
            "the directory {} cannot be read: {e}",
            args.dir.display()
        ))
    })?;
    let store = StateDir::open(&args.output).map_err(|e| {
        Failure::usage(format!(
            "the output {} cannot be made: {e}",
            args.output.display()
        ))
    })?;
    let spec_for = |display_name: String| JobSpec {
        input_dir: input_dir.clone(),
        model: args.model.trim().to_owned(),
        prompt: args
            .prompt
            .clone()
            .unwrap_or_else(|| args.task.prompt(args.target.as_deref())),
        system: args
            .system
            .clone()
            .or_else(|| args.task.system_instruction().map(str::to_owned)),
        display_name,
        base_url: endpoint.base_url().to_owned(),
        api_version: endpoint.api_version().to_owned(),
    };
    let started_ms = now_ms();
    let seed = (started_ms as u64) ^ (u64::from(std::process::id()) << 32);
    let (state, images) = match store.load().map_err(Failure::run)? {
        Some(saved) => {
            let name = args
                .display_name
                .clone()
                .unwrap_or_else(|| saved.spec.display_name.clone());
            let wanted = spec_for(name);
            if wanted != saved.spec {
                return Err(Failure::usage(mismatch(&store, &saved.spec, &wanted)));
            }
            let images = store.load_images(saved.image_count).map_err(Failure::run)?;
            console.say(&format!(
                "continuing the batch in {} ({} images, stage {})",
                store.dir().display(),
                images.len(),
                stage_name(&saved.stage)
            ));
            (saved, images)
        }
        None => {
            let found = scan(&input_dir, store.dir())?;
            for (key, reason) in &found.skipped {
                console.say(&format!("skipped {key}: {reason}"));
            }
            if found.images.is_empty() {
                return Err(Failure::run(format!(
                    "no images in {} (PNG, JPEG, WEBP, HEIC or HEIF)",
                    args.dir.display()
                )));
            }
            let total: u64 = found.images.iter().map(|i| i.size).sum();
            console.say(&format!(
                "{} images ({}) in {}",
                found.images.len(),
                bytes(total),
                args.dir.display()
            ));
            let name = args
                .display_name
                .clone()
                .unwrap_or_else(|| default_display_name(&input_dir, seed));
            store.save_images(&found.images)?;
            let state = BatchState {
                version: BatchState::VERSION,
                spec: spec_for(name),
                image_count: found.images.len(),
                stage: Stage::Planned,
            };
            store.save(&state)?;
            (state, found.images)
        }
    };
    Ok(Session {
        args,
        endpoint,
        client,
        console,
        store,
        state,
        images,
        seed,
        started_ms,
    })
}

/// Runs the stages from where the state is to the end.
fn advance(session: &mut Session<'_>) -> Result<Summary, Failure> {
    loop {
        match session.state.stage.clone() {
            Stage::Planned => {
                let input = session.batch_input()?;
                let plan = input
                    .plan(Some(&session.state.spec.display_name), &session.limits())
                    .map_err(|e| Failure::run(e.to_string()))?;
                session.console.say(&format!("route: {}", plan.reason));
                let next = match plan.route {
                    BatchRoute::Inline => Stage::Creating {
                        file: None,
                        sent_at_ms: now_ms(),
                    },
                    BatchRoute::File => Stage::Uploading { resume: None },
                };
                session.enter(next)?;
            }
            Stage::Uploading { resume } => {
                let file = upload::upload_jsonl(session, resume)?;
                session.enter(Stage::Uploaded { file })?;
            }
            Stage::Uploaded { file } => {
                let stage = Stage::Creating {
                    file: Some(file),
                    sent_at_ms: now_ms(),
                };
                session.enter(stage)?;
            }
            Stage::Creating { file, sent_at_ms } => {
                let job = create::create_once(session, file.as_deref(), sent_at_ms)?;
                session.enter(Stage::Running { job })?;
            }
            Stage::Running { job } | Stage::Downloading { job } => {
                let finished = wait::wait_for(session, &job)?;
                session.enter(Stage::Downloading { job: job.clone() })?;
                let summary = results::write_all(session, &finished)?;
                session.enter(Stage::Done {
                    job,
                    succeeded: summary.succeeded,
                    failed: summary.failed,
                })?;
            }
            Stage::Done {
                job,
                succeeded,
                failed,
            } => {
                session.console.say(&format!(
                    "{job} is done: {succeeded} images with results, {failed} with errors, in {}",
                    session.store.dir().display()
                ));
                return Ok(Summary { succeeded, failed });
            }
            Stage::Ended {
                job,
                state,
                message,
            } => {
                return Err(Failure::run(format!(
                    "{job} ended {state}: {message} (nothing was created again; to submit the \
                     images anew, delete {})",
                    session.store.state_path().display()
                )));
            }
        }
    }
}

fn stage_name(stage: &Stage) -> &'static str {
    match stage {
        Stage::Planned => "planned",
        Stage::Uploading { .. } => "uploading",
        Stage::Uploaded { .. } => "uploaded",
        Stage::Creating { .. } => "creating",
        Stage::Running { .. } => "running",
        Stage::Downloading { .. } => "downloading",
        Stage::Done { .. } => "done",
        Stage::Ended { .. } => "ended",
    }
}

/// Says which setting differs from the saved batch's.
fn mismatch(store: &StateDir, saved: &JobSpec, wanted: &JobSpec) -> String {
    let differs = [
        ("the input directory", saved.input_dir != wanted.input_dir),
        ("the model", saved.model != wanted.model),
        ("the prompt", saved.prompt != wanted.prompt),
        ("the system instruction", saved.system != wanted.system),
        (
            "the display name",
            saved.display_name != wanted.display_name,
        ),
        ("the base URL", saved.base_url != wanted.base_url),
        ("the API version", saved.api_version != wanted.api_version),
    ];
    let names: Vec<&str> = differs
        .iter()
        .filter(|(_, differs)| *differs)
        .map(|(name, _)| *name)
        .collect();
    format!(
        "{} holds a batch with another {}; use another output directory, or delete {} to \
         start over",
        store.dir().display(),
        names.join(", "),
        store.state_path().display()
    )
}

/// `gemini-vision photos 3f2a9c`: the directory's name and a random tag, so that a
/// rerun can recognise its own job among the project's.
fn default_display_name(dir: &Path, seed: u64) -> String {
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().chars().take(100).collect())
        .unwrap_or_default();
    let tag = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    format!("gemini-vision {name} {tag:06x}")
}
