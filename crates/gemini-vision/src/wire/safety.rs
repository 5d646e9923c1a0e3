//! Safety settings sent with a request and safety ratings received with an answer.

use super::open_enum::open_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A blocking threshold for one harm category (`safetySettings[]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SafetySetting {
    /// The category this setting applies to.
    pub category: HarmCategory,
    /// From which probability on content is blocked.
    pub threshold: HarmBlockThreshold,
    /// Fields this version does not know (`method`, ...), kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SafetySetting {
    /// A setting for `category` at `threshold`.
    pub fn new(category: HarmCategory, threshold: HarmBlockThreshold) -> Self {
        SafetySetting {
            category,
            threshold,
            extra: Map::new(),
        }
    }
}

/// How likely a piece of content is harmful in one category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SafetyRating {
    /// The category rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<HarmCategory>,
    /// The probability of harm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<HarmProbability>,
    /// Whether this rating is why the content was blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<bool>,
    /// Fields this version does not know (`probabilityScore`, `severity`...), verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SafetyRating {
    /// Whether this rating flags the content: marked `blocked`, or rated `MEDIUM` or
    /// `HIGH`.
    pub fn is_flagged(&self) -> bool {
        self.blocked == Some(true)
            || matches!(
                self.probability,
                Some(HarmProbability::Medium | HarmProbability::High)
            )
    }
}

open_enum! {
    /// A category of harm.
    pub enum HarmCategory {
        /// Not set.
        Unspecified = "HARM_CATEGORY_UNSPECIFIED",
        /// Negative or harmful comments targeting identity or protected attributes.
        Derogatory = "HARM_CATEGORY_DEROGATORY",
        /// Rude, disrespectful or profane content.
        Toxicity = "HARM_CATEGORY_TOXICITY",
        /// Violent scenarios.
        Violence = "HARM_CATEGORY_VIOLENCE",
        /// Sexual acts or other lewd content.
        Sexual = "HARM_CATEGORY_SEXUAL",
        /// Unchecked medical advice.
        Medical = "HARM_CATEGORY_MEDICAL",
        /// Content promoting harmful acts.
        Dangerous = "HARM_CATEGORY_DANGEROUS",
        /// Harassment.
        Harassment = "HARM_CATEGORY_HARASSMENT",
        /// Hate speech.
        HateSpeech = "HARM_CATEGORY_HATE_SPEECH",
        /// Sexually explicit content.
        SexuallyExplicit = "HARM_CATEGORY_SEXUALLY_EXPLICIT",
        /// Dangerous content.
        DangerousContent = "HARM_CATEGORY_DANGEROUS_CONTENT",
        /// Content that may harm civic integrity.
        CivicIntegrity = "HARM_CATEGORY_CIVIC_INTEGRITY",
    }
}

open_enum! {
    /// From which probability on content is blocked.
    pub enum HarmBlockThreshold {
        /// Not set: the default threshold.
        Unspecified = "HARM_BLOCK_THRESHOLD_UNSPECIFIED",
        /// Block low, medium and high probability.
        BlockLowAndAbove = "BLOCK_LOW_AND_ABOVE",
        /// Block medium and high probability.
        BlockMediumAndAbove = "BLOCK_MEDIUM_AND_ABOVE",
        /// Block high probability only.
        BlockOnlyHigh = "BLOCK_ONLY_HIGH",
        /// Block nothing.
        BlockNone = "BLOCK_NONE",
        /// Turn the safety filter off.
        Off = "OFF",
    }
}

open_enum! {
    /// The probability that content is harmful.
    pub enum HarmProbability {
        /// Not set.
        Unspecified = "HARM_PROBABILITY_UNSPECIFIED",
        /// Negligible.
        Negligible = "NEGLIGIBLE",
        /// Low.
        Low = "LOW",
        /// Medium.
        Medium = "MEDIUM",
        /// High.
        High = "HIGH",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_category_is_unknown_not_an_error() {
        let rating: SafetyRating = serde_json::from_str(
            r#"{"category":"HARM_CATEGORY_NEW","probability":"NEGLIGIBLE_NEW"}"#,
        )
        .unwrap();
        assert_eq!(
            rating.category,
            Some(HarmCategory::Unknown("HARM_CATEGORY_NEW".into()))
        );
        assert_eq!(
            rating.probability,
            Some(HarmProbability::Unknown("NEGLIGIBLE_NEW".into()))
        );
    }

    #[test]
    fn a_setting_serializes_to_the_documented_shape() {
        let setting = SafetySetting::new(
            HarmCategory::DangerousContent,
            HarmBlockThreshold::BlockOnlyHigh,
        );
        assert_eq!(
            serde_json::to_string(&setting).unwrap(),
            r#"{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","threshold":"BLOCK_ONLY_HIGH"}"#
        );
    }

    #[test]
    fn high_probability_or_blocked_flags_a_rating() {
        let high = SafetyRating {
            probability: Some(HarmProbability::High),
            ..SafetyRating::default()
        };
        let blocked = SafetyRating {
            probability: Some(HarmProbability::Low),
            blocked: Some(true),
            ..SafetyRating::default()
        };
        let low = SafetyRating {
            probability: Some(HarmProbability::Low),
            ..SafetyRating::default()
        };
        assert!(high.is_flagged());
        assert!(blocked.is_flagged());
        assert!(!low.is_flagged());
    }

    #[test]
    fn every_known_name_reads_back_as_itself() {
        for name in HarmCategory::KNOWN {
            let category = HarmCategory::from_wire(name);
            assert!(!matches!(category, HarmCategory::Unknown(_)), "{name}");
            assert_eq!(category.as_str(), *name);
        }
    }
}
