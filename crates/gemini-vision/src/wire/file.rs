//! The File API's `File` resource and its list and upload answers.

use crate::json::Fields;
use serde_json::{Map, Value};

/// A file stored by the File API (`files/{id}`).
///
/// Read and written by hand ([`File::from_value`], [`File::to_value`]); its serde
/// implementations go through those two, so there is one reading of the wire shape
/// (camelCase or snake_case names, `sizeBytes` a decimal string or a number, unknown
/// states and fields kept), and the browser package needs none of serde's code for it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct File {
    /// Resource name, `files/{id}`.
    pub name: String,
    /// Human-readable name given at upload.
    pub display_name: Option<String>,
    /// MIME type of the bytes.
    pub mime_type: Option<String>,
    /// Size in bytes (a string on the wire).
    pub size_bytes: Option<u64>,
    /// RFC 3339 creation time.
    pub create_time: Option<String>,
    /// RFC 3339 last update time.
    pub update_time: Option<String>,
    /// RFC 3339 time after which the file is deleted (48 hours after upload).
    pub expiration_time: Option<String>,
    /// Base64 of the SHA-256 of the bytes.
    pub sha256_hash: Option<String>,
    /// The URI to reference the file in `fileData.fileUri`.
    pub uri: Option<String>,
    /// Processing state.
    pub state: Option<FileState>,
    /// Where the file came from.
    pub source: Option<FileSource>,
    /// Why processing failed, when `state` is `FAILED`.
    pub error: Option<Status>,
    /// Fields this version does not know (`videoMetadata`, ...), kept verbatim.
    pub extra: Map<String, Value>,
}

/// The names [`File`] reads, in both spellings (everything else goes to `extra`).
const FILE_FIELDS: [&str; 19] = [
    "name",
    "displayName",
    "display_name",
    "mimeType",
    "mime_type",
    "sizeBytes",
    "size_bytes",
    "createTime",
    "create_time",
    "updateTime",
    "update_time",
    "expirationTime",
    "expiration_time",
    "sha256Hash",
    "sha256_hash",
    "uri",
    "state",
    "source",
    "error",
];

impl File {
    /// Reads a `File` resource; the error names the field that is not what it must be.
    pub fn from_value(value: &Value) -> Result<File, String> {
        let fields = Fields::of(value, "a file")?;
        Ok(File {
            name: fields.string(&["name"])?.unwrap_or_default(),
            display_name: fields.string(&["displayName", "display_name"])?,
            mime_type: fields.string(&["mimeType", "mime_type"])?,
            size_bytes: fields.uint64(&["sizeBytes", "size_bytes"])?,
            create_time: fields.string(&["createTime", "create_time"])?,
            update_time: fields.string(&["updateTime", "update_time"])?,
            expiration_time: fields.string(&["expirationTime", "expiration_time"])?,
            sha256_hash: fields.string(&["sha256Hash", "sha256_hash"])?,
            uri: fields.string(&["uri"])?,
            state: fields.string(&["state"])?.map(|s| FileState::from_wire(&s)),
            source: fields
                .string(&["source"])?
                .map(|s| FileSource::from_wire(&s)),
            error: fields.get(&["error"]).map(Status::from_value).transpose()?,
            extra: fields.others(&FILE_FIELDS),
        })
    }

    /// The resource as the API writes it: camelCase names, `sizeBytes` a decimal string,
    /// absent fields left out, unknown fields as they came.
    pub fn to_value(&self) -> Value {
        let mut map = self.extra.clone();
        let mut put = |name: &str, value: Option<Value>| {
            if let Some(value) = value {
                map.insert(name.to_owned(), value);
            }
        };
        let text = |value: &Option<String>| value.clone().map(Value::String);
        put(
            "name",
            (!self.name.is_empty()).then(|| Value::String(self.name.clone())),
        );
        put("displayName", text(&self.display_name));
        put("mimeType", text(&self.mime_type));
        put(
            "sizeBytes",
            self.size_bytes.map(|n| Value::String(n.to_string())),
        );
        put("createTime", text(&self.create_time));
        put("updateTime", text(&self.update_time));
        put("expirationTime", text(&self.expiration_time));
        put("sha256Hash", text(&self.sha256_hash));
        put("uri", text(&self.uri));
        put(
            "state",
            self.state.as_ref().map(|s| Value::from(s.as_wire())),
        );
        put(
            "source",
            self.source.as_ref().map(|s| Value::from(s.as_wire())),
        );
        put("error", self.error.as_ref().map(Status::to_value));
        Value::Object(map)
    }
}

/// Processing state of a [`File`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// The default, never set by the server.
    StateUnspecified,
    /// Still being processed (video, PDF); not usable in requests yet.
    Processing,
    /// Ready to be referenced.
    Active,
    /// Processing failed; see [`File::error`].
    Failed,
    /// A value this version does not know.
    Unknown,
}

impl FileState {
    /// The state named on the wire (`"ACTIVE"`, ...); a name this version does not know
    /// is [`FileState::Unknown`].
    pub fn from_wire(name: &str) -> Self {
        match name {
            "STATE_UNSPECIFIED" => FileState::StateUnspecified,
            "PROCESSING" => FileState::Processing,
            "ACTIVE" => FileState::Active,
            "FAILED" => FileState::Failed,
            _ => FileState::Unknown,
        }
    }

    /// The state's wire name.
    pub fn as_wire(&self) -> &'static str {
        match self {
            FileState::StateUnspecified => "STATE_UNSPECIFIED",
            FileState::Processing => "PROCESSING",
            FileState::Active => "ACTIVE",
            FileState::Failed => "FAILED",
            FileState::Unknown => "UNKNOWN",
        }
    }
}

/// Where a [`File`] came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSource {
    /// The default, never set by the server.
    SourceUnspecified,
    /// Uploaded by the user.
    Uploaded,
    /// Generated by the API.
    Generated,
    /// Registered from a URI.
    Registered,
    /// A value this version does not know.
    Unknown,
}

impl FileSource {
    /// The source named on the wire (`"UPLOADED"`, ...); a name this version does not
    /// know is [`FileSource::Unknown`].
    pub fn from_wire(name: &str) -> Self {
        match name {
            "SOURCE_UNSPECIFIED" => FileSource::SourceUnspecified,
            "UPLOADED" => FileSource::Uploaded,
            "GENERATED" => FileSource::Generated,
            "REGISTERED" => FileSource::Registered,
            _ => FileSource::Unknown,
        }
    }

    /// The source's wire name.
    pub fn as_wire(&self) -> &'static str {
        match self {
            FileSource::SourceUnspecified => "SOURCE_UNSPECIFIED",
            FileSource::Uploaded => "UPLOADED",
            FileSource::Generated => "GENERATED",
            FileSource::Registered => "REGISTERED",
            FileSource::Unknown => "UNKNOWN",
        }
    }
}

/// A `google.rpc.Status` (used for `File.error`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    /// The gRPC code.
    pub code: Option<i64>,
    /// A developer-facing message.
    pub message: Option<String>,
    /// Details, verbatim.
    pub details: Vec<Value>,
}

impl Status {
    /// Reads a status object (a file's, a batch result's or an Operation's `error`).
    /// The code may be a number or a numeric string; any other code is no code (an
    /// error whose code is odd is still an error). A reason names the field, within
    /// `error`.
    pub fn from_value(value: &Value) -> Result<Status, String> {
        let within = crate::json::within("error");
        let fields = Fields::of(value, "`error`")?;
        Ok(Status {
            code: fields.int64(&["code"]).ok().flatten(),
            message: fields.string(&["message"]).map_err(&within)?,
            details: fields.array(&["details"]).map_err(&within)?.to_vec(),
        })
    }

    /// The status as the API writes it (absent fields left out).
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        if let Some(code) = self.code {
            map.insert("code".to_owned(), Value::from(code));
        }
        if let Some(message) = &self.message {
            map.insert("message".to_owned(), Value::from(message.as_str()));
        }
        if !self.details.is_empty() {
            map.insert("details".to_owned(), Value::Array(self.details.clone()));
        }
        Value::Object(map)
    }
}

crate::json::serde_through_value!(File, Status, ListFilesResponse, UploadFileResponse);

/// The body of `GET /{ver}/files`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListFilesResponse {
    /// This page of files.
    pub files: Vec<File>,
    /// The token for the next page; absent on the last page.
    pub next_page_token: Option<String>,
}

impl ListFilesResponse {
    /// Reads a page of `files.list`.
    pub fn from_value(value: &Value) -> Result<ListFilesResponse, String> {
        let fields = Fields::of(value, "a page of files")?;
        Ok(ListFilesResponse {
            files: fields
                .array(&["files"])?
                .iter()
                .map(File::from_value)
                .collect::<Result<_, _>>()?,
            next_page_token: fields.string(&["nextPageToken", "next_page_token"])?,
        })
    }

    /// The page as the API writes it.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        let files = self.files.iter().map(File::to_value).collect();
        map.insert("files".to_owned(), Value::Array(files));
        if let Some(token) = &self.next_page_token {
            map.insert("nextPageToken".to_owned(), Value::from(token.as_str()));
        }
        Value::Object(map)
    }
}

/// The body of the final upload answer: `{"file": {...}}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UploadFileResponse {
    /// The stored file.
    pub file: File,
}

impl UploadFileResponse {
    /// Reads the final upload answer; `file` is required.
    pub fn from_value(value: &Value) -> Result<UploadFileResponse, String> {
        let fields = Fields::of(value, "the upload answer")?;
        match fields.get(&["file"]) {
            Some(file) => File::from_value(file).map(|file| UploadFileResponse { file }),
            None => Err("missing field `file`".to_owned()),
        }
    }

    /// The answer as the API writes it.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("file".to_owned(), self.file.to_value());
        Value::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_bytes_is_a_string_on_the_wire() {
        let file = File {
            name: "files/abc".into(),
            size_bytes: Some(20_971_643),
            ..File::default()
        };
        let json = serde_json::to_value(&file).unwrap();
        assert_eq!(json["sizeBytes"], "20971643");
    }

    #[test]
    fn size_bytes_is_read_from_a_string_or_a_number() {
        let a: File = serde_json::from_str(r#"{"sizeBytes":"12"}"#).unwrap();
        let b: File = serde_json::from_str(r#"{"size_bytes":12}"#).unwrap();
        assert_eq!(a.size_bytes, Some(12));
        assert_eq!(b.size_bytes, Some(12));
    }

    #[test]
    fn unknown_state_and_fields_survive() {
        let f: File = serde_json::from_str(
            r#"{"name":"files/x","state":"ARCHIVED","videoMetadata":{"videoDuration":"3s"}}"#,
        )
        .unwrap();
        assert_eq!(f.state, Some(FileState::Unknown));
        assert!(f.extra.contains_key("videoMetadata"));
    }
}
