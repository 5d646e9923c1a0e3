//! Safety settings and `generationConfig`: how a request wants its answer.
//!
//! `GenerationConfig` lists exactly what 3.6.1's `generateContentConfigToMldev` puts
//! there; `tools`, `toolConfig`, `safetySettings`, `cachedContent` and the rest belong
//! to the request, so sending them inside `generationConfig` is an unknown name, as it
//! is for the real API.

use super::tools::SCHEMA;
use super::{EnumType, Kind, MessageType, either, many, message, one, opaque};

/// `SafetySetting`.
pub static SAFETY_SETTING: MessageType = message(
    "SafetySetting",
    &[
        one("category", Kind::Enum(&HARM_CATEGORY)),
        one("threshold", Kind::Enum(&HARM_BLOCK_THRESHOLD)),
    ],
);

/// `GenerationConfig`.
pub static GENERATION_CONFIG: MessageType = message(
    "GenerationConfig",
    &[
        many("stop_sequences", Kind::String),
        one("response_mime_type", Kind::String),
        one("response_schema", Kind::Message(&SCHEMA)),
        one("response_json_schema", Kind::Value),
        many("response_modalities", Kind::Enum(&MODALITY)),
        one("candidate_count", Kind::Int32),
        one("max_output_tokens", Kind::Int32),
        one("temperature", Kind::Float),
        one("top_p", Kind::Float),
        one("top_k", Kind::Int32),
        one("seed", Kind::Int32),
        one("presence_penalty", Kind::Float),
        one("frequency_penalty", Kind::Float),
        one("response_logprobs", Kind::Bool),
        one("logprobs", Kind::Int32),
        one("enable_enhanced_civic_answers", Kind::Bool),
        one("speech_config", Kind::Message(&SPEECH_CONFIG)),
        one("thinking_config", Kind::Message(&THINKING_CONFIG)),
        one("image_config", Kind::Message(&IMAGE_CONFIG)),
        one("media_resolution", Kind::Enum(&MEDIA_RESOLUTION)),
        one(
            "audio_transcription_config",
            Kind::Message(&AUDIO_TRANSCRIPTION_CONFIG),
        ),
    ],
);

/// `ThinkingConfig`.
pub static THINKING_CONFIG: MessageType = message(
    "ThinkingConfig",
    &[
        one("include_thoughts", Kind::Bool),
        one("thinking_budget", Kind::Int32),
        one("thinking_level", Kind::Enum(&THINKING_LEVEL)),
    ],
);

/// `ImageConfig`: what the Gemini API takes (the output format fields are Vertex's).
pub static IMAGE_CONFIG: MessageType = message(
    "ImageConfig",
    &[
        one("aspect_ratio", Kind::String),
        one("image_size", Kind::String),
    ],
);

/// `SpeechConfig`.
pub static SPEECH_CONFIG: MessageType = message(
    "SpeechConfig",
    &[
        one("voice_config", Kind::Message(&VOICE_CONFIG)),
        one(
            "multi_speaker_voice_config",
            Kind::Message(&MULTI_SPEAKER_VOICE_CONFIG),
        ),
        one("language_code", Kind::String),
    ],
);

/// `VoiceConfig`.
pub static VOICE_CONFIG: MessageType = message(
    "VoiceConfig",
    &[
        either(
            "voice_config",
            "prebuilt_voice_config",
            Kind::Message(&PREBUILT_VOICE_CONFIG),
        ),
        either(
            "voice_config",
            "replicated_voice_config",
            Kind::Message(&REPLICATED_VOICE_CONFIG),
        ),
        one("voice", Kind::String),
    ],
);

/// `PrebuiltVoiceConfig`.
pub static PREBUILT_VOICE_CONFIG: MessageType =
    message("PrebuiltVoiceConfig", &[one("voice_name", Kind::String)]);

/// `ReplicatedVoiceConfig`: voice cloning, accepted whole.
pub static REPLICATED_VOICE_CONFIG: MessageType = opaque("ReplicatedVoiceConfig");

/// `MultiSpeakerVoiceConfig`.
pub static MULTI_SPEAKER_VOICE_CONFIG: MessageType = message(
    "MultiSpeakerVoiceConfig",
    &[many(
        "speaker_voice_configs",
        Kind::Message(&SPEAKER_VOICE_CONFIG),
    )],
);

/// `SpeakerVoiceConfig`.
pub static SPEAKER_VOICE_CONFIG: MessageType = message(
    "SpeakerVoiceConfig",
    &[
        one("speaker", Kind::String),
        one("voice_config", Kind::Message(&VOICE_CONFIG)),
    ],
);

/// `AudioTranscriptionConfig`.
pub static AUDIO_TRANSCRIPTION_CONFIG: MessageType = message(
    "AudioTranscriptionConfig",
    &[
        many("language_codes", Kind::String),
        many("custom_vocabulary", Kind::String),
        many("adaptation_phrases", Kind::String),
        one("word_timestamp", Kind::Bool),
        one("diarization", Kind::Bool),
        one("mode", Kind::String),
        one("source_text", Kind::String),
        one("language_auto", Kind::Struct),
        one("language_hints", Kind::Struct),
    ],
);

/// `HarmCategory`, the PaLM-era categories included (the API still knows them).
pub static HARM_CATEGORY: EnumType = EnumType {
    name: "HarmCategory",
    values: &[
        "HARM_CATEGORY_UNSPECIFIED",
        "HARM_CATEGORY_DEROGATORY",
        "HARM_CATEGORY_TOXICITY",
        "HARM_CATEGORY_VIOLENCE",
        "HARM_CATEGORY_SEXUAL",
        "HARM_CATEGORY_MEDICAL",
        "HARM_CATEGORY_DANGEROUS",
        "HARM_CATEGORY_HARASSMENT",
        "HARM_CATEGORY_HATE_SPEECH",
        "HARM_CATEGORY_SEXUALLY_EXPLICIT",
        "HARM_CATEGORY_DANGEROUS_CONTENT",
        "HARM_CATEGORY_CIVIC_INTEGRITY",
        "HARM_CATEGORY_JAILBREAK",
        "HARM_CATEGORY_IMAGE_HATE",
        "HARM_CATEGORY_IMAGE_DANGEROUS_CONTENT",
        "HARM_CATEGORY_IMAGE_HARASSMENT",
        "HARM_CATEGORY_IMAGE_SEXUALLY_EXPLICIT",
    ],
};

/// `SafetySetting.HarmBlockThreshold`.
pub static HARM_BLOCK_THRESHOLD: EnumType = EnumType {
    name: "SafetySetting.HarmBlockThreshold",
    values: &[
        "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
        "BLOCK_LOW_AND_ABOVE",
        "BLOCK_MEDIUM_AND_ABOVE",
        "BLOCK_ONLY_HIGH",
        "BLOCK_NONE",
        "OFF",
    ],
};

/// `GenerationConfig.Modality`.
pub static MODALITY: EnumType = EnumType {
    name: "GenerationConfig.Modality",
    values: &["MODALITY_UNSPECIFIED", "TEXT", "IMAGE", "AUDIO", "VIDEO"],
};

/// `GenerationConfig.MediaResolution`: request-level, no ULTRA_HIGH (that is per part).
pub static MEDIA_RESOLUTION: EnumType = EnumType {
    name: "GenerationConfig.MediaResolution",
    values: &[
        "MEDIA_RESOLUTION_UNSPECIFIED",
        "MEDIA_RESOLUTION_LOW",
        "MEDIA_RESOLUTION_MEDIUM",
        "MEDIA_RESOLUTION_HIGH",
    ],
};

/// `ThinkingConfig.ThinkingLevel`.
pub static THINKING_LEVEL: EnumType = EnumType {
    name: "ThinkingConfig.ThinkingLevel",
    values: &[
        "THINKING_LEVEL_UNSPECIFIED",
        "MINIMAL",
        "LOW",
        "MEDIUM",
        "HIGH",
        "XHIGH",
    ],
};
