//! The settings of [`RequestBuilder`]: output format, sampling, thinking, media
//! resolution, safety and limits. Setters store values as given; the terminal
//! methods check them ([`super::config_rules`]).

use super::builder::RequestBuilder;
use super::limits::RequestLimits;
use crate::wire::{
    GenerationConfig, HarmBlockThreshold, HarmCategory, MediaResolution, SafetySetting,
    ThinkingConfig, ThinkingLevel,
};
use serde_json::Value;

impl RequestBuilder {
    /// Sets `responseMimeType`.
    pub fn response_mime_type(&mut self, mime: impl Into<String>) -> &mut Self {
        self.config.response_mime_type = Some(mime.into());
        self
    }

    /// Asks for JSON output (`responseMimeType: application/json`).
    pub fn json_output(&mut self) -> &mut Self {
        self.response_mime_type("application/json")
    }

    /// Sets `responseSchema` (the API's OpenAPI subset); also asks for JSON output
    /// unless a response MIME type was set.
    pub fn response_schema(&mut self, schema: Value) -> &mut Self {
        self.config.response_schema = Some(schema);
        self.default_to_json()
    }

    /// Sets `responseJsonSchema` (JSON Schema); also asks for JSON output unless a
    /// response MIME type was set.
    pub fn response_json_schema(&mut self, schema: Value) -> &mut Self {
        self.config.response_json_schema = Some(schema);
        self.default_to_json()
    }

    fn default_to_json(&mut self) -> &mut Self {
        if self.config.response_mime_type.is_none() {
            self.json_output();
        }
        self
    }

    /// Sets `temperature` (0.0 to 2.0).
    pub fn temperature(&mut self, temperature: f64) -> &mut Self {
        self.config.temperature = Some(temperature);
        self
    }

    /// Sets `topP` (0.0 to 1.0).
    pub fn top_p(&mut self, top_p: f64) -> &mut Self {
        self.config.top_p = Some(top_p);
        self
    }

    /// Sets `topK` (at least 1).
    pub fn top_k(&mut self, top_k: i64) -> &mut Self {
        self.config.top_k = Some(top_k);
        self
    }

    /// Sets `maxOutputTokens` (at least 1).
    pub fn max_output_tokens(&mut self, tokens: i64) -> &mut Self {
        self.config.max_output_tokens = Some(tokens);
        self
    }

    /// Sets `candidateCount` (at least 1).
    pub fn candidate_count(&mut self, count: i64) -> &mut Self {
        self.config.candidate_count = Some(count);
        self
    }

    /// Sets `seed`.
    pub fn seed(&mut self, seed: i64) -> &mut Self {
        self.config.seed = Some(seed);
        self
    }

    /// Adds a stop sequence.
    pub fn stop_sequence(&mut self, stop: impl Into<String>) -> &mut Self {
        let list = self.config.stop_sequences.get_or_insert_with(Vec::new);
        list.push(stop.into());
        self
    }

    /// Sets `mediaResolution`.
    pub fn media_resolution(&mut self, resolution: MediaResolution) -> &mut Self {
        self.config.media_resolution = Some(resolution);
        self
    }

    fn thinking(&mut self) -> &mut ThinkingConfig {
        self.config
            .thinking_config
            .get_or_insert_with(ThinkingConfig::default)
    }

    /// Sets `thinkingConfig.thinkingBudget`: 0 turns thinking off where the model
    /// allows it, -1 lets the model decide.
    pub fn thinking_budget(&mut self, budget: i64) -> &mut Self {
        self.thinking().thinking_budget = Some(budget);
        self
    }

    /// Sets `thinkingConfig.includeThoughts`.
    pub fn include_thoughts(&mut self, include: bool) -> &mut Self {
        self.thinking().include_thoughts = Some(include);
        self
    }

    /// Sets `thinkingConfig.thinkingLevel` (Gemini 3).
    pub fn thinking_level(&mut self, level: ThinkingLevel) -> &mut Self {
        self.thinking().thinking_level = Some(level);
        self
    }

    /// Adds (or replaces) the blocking threshold of one harm category.
    pub fn safety_setting(
        &mut self,
        category: HarmCategory,
        threshold: HarmBlockThreshold,
    ) -> &mut Self {
        self.safety.retain(|s| s.category != category);
        self.safety.push(SafetySetting::new(category, threshold));
        self
    }

    /// The generation config, for fields without a setter (kept in its `extra`).
    pub fn generation_config_mut(&mut self) -> &mut GenerationConfig {
        &mut self.config
    }

    /// Sets the limits checked by the terminal methods.
    pub fn limits(&mut self, limits: RequestLimits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// Sets the inline request size limit, in bytes.
    pub fn max_body_bytes(&mut self, max: u64) -> &mut Self {
        self.limits.max_body_bytes = max;
        self
    }

    /// The limits in force.
    pub fn current_limits(&self) -> RequestLimits {
        self.limits
    }

    /// The generation config as it will be sent.
    pub fn generation_config(&self) -> &GenerationConfig {
        &self.config
    }
}
