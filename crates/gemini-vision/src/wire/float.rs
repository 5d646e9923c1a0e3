//! Floating-point fields (`temperature`, `topP`, `avgLogprobs`) written the way JSON
//! producers outside Rust write them: an integral value as an integer (`1`, not `1.0`),
//! as `JSON.stringify` and Google's servers do, so that a body received with
//! `"temperature": 0` goes back out unchanged.

use serde::{Deserialize, Deserializer, Serializer};

/// The largest integer an `f64` holds exactly.
const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Serializes `Some(x)` as an integer when `x` is integral and exact, else as a float.
pub fn serialize<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match *value {
        None => serializer.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < EXACT_INTEGER_LIMIT => {
            // Exact by the bound above; `-0.0` becomes `0`, which JSON does not distinguish.
            #[allow(clippy::cast_possible_truncation)]
            serializer.serialize_i64(x as i64)
        }
        Some(x) => serializer.serialize_f64(x),
    }
}

/// Deserializes any JSON number (or null).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    Option::<f64>::deserialize(deserializer)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    struct Holder {
        #[serde(with = "super", default, skip_serializing_if = "Option::is_none")]
        x: Option<f64>,
    }

    fn written(x: f64) -> String {
        serde_json::to_string(&Holder { x: Some(x) }).unwrap()
    }

    #[test]
    fn integral_values_are_written_as_integers() {
        assert_eq!(written(0.0), r#"{"x":0}"#);
        assert_eq!(written(2.0), r#"{"x":2}"#);
        assert_eq!(written(-1.0), r#"{"x":-1}"#);
    }

    #[test]
    fn fractional_values_keep_their_shortest_form() {
        assert_eq!(written(0.7), r#"{"x":0.7}"#);
        assert_eq!(written(7.5), r#"{"x":7.5}"#);
    }

    #[test]
    fn huge_values_stay_floats() {
        assert_eq!(written(1e300), r#"{"x":1e+300}"#);
    }

    #[test]
    fn integers_and_floats_are_both_read() {
        let a: Holder = serde_json::from_str(r#"{"x":1}"#).unwrap();
        let b: Holder = serde_json::from_str(r#"{"x":0.25}"#).unwrap();
        assert_eq!(a.x, Some(1.0));
        assert_eq!(b.x, Some(0.25));
    }
}
