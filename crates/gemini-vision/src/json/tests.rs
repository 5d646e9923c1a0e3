//! The reader and writer checked against `serde_json` as the oracle.

use super::*;
use proptest::prelude::*;
use serde_json::Value;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[a-z\\\\\"\\u{0}-\\u{1f}é😀]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Text that is often almost JSON: pieces of documents glued at random.
fn almost_json() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(&b"{"[..]),
        Just(&b"}"[..]),
        Just(&b"["[..]),
        Just(&b"]"[..]),
        Just(&b","[..]),
        Just(&b":"[..]),
        Just(&b" "[..]),
        Just(&b"\"a\""[..]),
        Just(&b"\"\\u00e9\\ud83d\\ude00\""[..]),
        Just(&b"\"\\ud800\""[..]),
        Just(&b"\"\\q\""[..]),
        Just(&b"\"\x01\""[..]),
        Just(&b"\"\xff\""[..]),
        Just(&b"-0"[..]),
        Just(&b"12"[..]),
        Just(&b"1.5e3"[..]),
        Just(&b"1e400"[..]),
        Just(&b"18446744073709551616"[..]),
        Just(&b"-9223372036854775809"[..]),
        Just(&b"01"[..]),
        Just(&b"1."[..]),
        Just(&b"true"[..]),
        Just(&b"nul"[..]),
        Just(&b"null"[..]),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    /// What we write is what serde_json writes, and it reads back to the same value.
    #[test]
    fn writes_as_serde_json_and_reads_back(value in json_value()) {
        let text = to_string(&value);
        prop_assert_eq!(&text, &serde_json::to_string(&value).unwrap());
        prop_assert_eq!(parse(text.as_bytes()).unwrap(), value);
    }

    /// Any bytes: accepted exactly when serde_json accepts them, as the same value.
    #[test]
    fn accepts_what_serde_json_accepts(bytes in almost_json()) {
        let ours = parse(&bytes);
        let theirs = serde_json::from_slice::<Value>(&bytes);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            _ => prop_assert!(false, "{:?}: ours {:?}, serde_json {:?}",
                String::from_utf8_lossy(&bytes), ours, theirs.map_err(|e| e.to_string())),
        }
    }

    /// Skipping a value returns its exact text and agrees with parsing on validity.
    #[test]
    fn skip_returns_the_text_parse_reads(bytes in almost_json()) {
        let mut reader = Reader::new(&bytes);
        let skipped = reader.skip().and_then(|text| reader.end().map(|()| text));
        match (skipped, parse(&bytes)) {
            (Ok(text), Ok(value)) => prop_assert_eq!(parse(text.as_bytes()).unwrap(), value),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "{:?}: skip {:?}, parse {:?}",
                String::from_utf8_lossy(&bytes), a, b),
        }
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = parse(&bytes);
        let _ = Reader::new(&bytes).skip();
    }
}

#[test]
fn nesting_stops_at_the_depth_limit() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(parse(deep(MAX_DEPTH as usize).as_bytes()).is_ok());
    let err = parse(deep(MAX_DEPTH as usize + 1).as_bytes()).unwrap_err();
    assert_eq!(err.reason, "nested too deeply");
    assert_eq!(err.offset, MAX_DEPTH as usize);
}

#[test]
fn skip_reads_any_nesting_without_recursion() {
    let n = 100_000;
    let deep = format!("{}1{}", "[".repeat(n), "]".repeat(n));
    assert_eq!(
        Reader::new(deep.as_bytes()).skip().unwrap().len(),
        deep.len()
    );
}

#[test]
fn an_object_read_member_by_member_keeps_what_came_before_a_break() {
    let mut seen = Vec::new();
    let result = Reader::new(br#"{"key": "a", "response": {"x": [1, 2]}, "bad": tru"#).object(
        |reader, key| {
            let text = reader.skip()?;
            seen.push((key, text.to_owned()));
            Ok(())
        },
    );
    assert_eq!(result.unwrap_err().reason, "expected a value");
    assert_eq!(
        seen,
        [
            ("key".to_owned(), "\"a\"".to_owned()),
            ("response".to_owned(), r#"{"x": [1, 2]}"#.to_owned()),
        ]
    );
}

#[test]
fn an_array_read_element_by_element_keeps_each_elements_text() {
    let json = br#" [ {"a": [1]} , null,"x" ] "#;
    let mut reader = Reader::new(json);
    let mut seen = Vec::new();
    reader
        .array(|reader| {
            seen.push(reader.skip()?);
            Ok(())
        })
        .unwrap();
    reader.end().unwrap();
    assert_eq!(seen, [r#"{"a": [1]}"#, "null", "\"x\""]);
    assert_eq!(
        Reader::new(b"{}").array(|_| Ok(())).unwrap_err().reason,
        "expected an array"
    );
    let err = Reader::new(b"[1 2]")
        .array(|reader| reader.skip().map(drop))
        .unwrap_err();
    assert_eq!((err.reason, err.offset), ("expected `,` or `]`", 3));
}

#[test]
fn null_is_taken_only_when_it_is_next() {
    let mut reader = Reader::new(b" null");
    assert!(reader.null());
    reader.end().unwrap();
    let mut reader = Reader::new(b" {}");
    assert!(!reader.null());
    assert_eq!(reader.skip().unwrap(), "{}");
    assert!(!Reader::new(b"nul").null());
}

#[test]
fn errors_say_what_and_where() {
    let cases: [(&[u8], &str, usize); 7] = [
        (b"", "expected a value", 0),
        (b"{\"a\" 1}", "expected `:`", 5),
        (b"[1 2]", "expected `,` or `]`", 3),
        (b"\"abc", "unterminated string", 4),
        (b"\"a\\x\"", "invalid escape", 3),
        (b"1 2", "trailing characters", 2),
        (b"1e999", "number out of range", 0),
    ];
    for (json, reason, offset) in cases {
        let err = parse(json).unwrap_err();
        assert_eq!((err.reason, err.offset), (reason, offset), "{json:?}");
        assert_eq!(err.to_string(), format!("{reason} at byte {offset}"));
    }
}

#[test]
fn integers_stay_integers_and_large_ones_become_floats() {
    assert_eq!(
        parse(b"18446744073709551615").unwrap(),
        Value::from(u64::MAX)
    );
    assert_eq!(
        parse(b"-9223372036854775808").unwrap(),
        Value::from(i64::MIN)
    );
    assert_eq!(
        parse(b"18446744073709551616").unwrap(),
        Value::from(1.8446744073709552e19)
    );
    assert_eq!(parse(b"0.1").unwrap(), Value::from(0.1));
}

#[test]
fn fields_read_aliases_nulls_and_int64_strings() {
    let value =
        parse(br#"{"size_bytes": "12", "name": null, "n": 3, "list": [1], "x": true}"#).unwrap();
    let fields = Fields::of(&value, "file").unwrap();
    assert_eq!(fields.uint64(&["sizeBytes", "size_bytes"]), Ok(Some(12)));
    assert_eq!(fields.string(&["name"]), Ok(None));
    assert_eq!(fields.int64(&["n"]), Ok(Some(3)));
    assert_eq!(fields.array(&["list"]).unwrap().len(), 1);
    assert_eq!(fields.string(&["n"]), Err("`n` is not a string".to_owned()));
    assert_eq!(
        fields.uint64(&["x"]),
        Err("`x` is not a non-negative integer".to_owned())
    );
    let others = fields.others(&["size_bytes", "name", "n", "list"]);
    assert_eq!(others.keys().collect::<Vec<_>>(), ["x"]);
    assert!(Fields::of(&Value::Null, "file").is_err());
}

#[test]
fn approximate_floats_are_within_a_few_ulps() {
    let cases = [
        "0.1",
        "-2.5",
        "1e22",
        "1.7976931348623157e308",
        "2.2250738585072014e-308",
        "5e-324",
        "123456789012345678901234567890",
        "0.000001234",
        "-0.0",
        "1e-400",
        "3.141592653589793",
        "6.02214076e23",
        "9007199254740993",
    ];
    for text in cases {
        let exact: f64 = text.parse().unwrap();
        let near = super::reader::approximate_float(text).unwrap();
        let ulps = (exact.to_bits() as i64 - near.to_bits() as i64).abs();
        assert!(
            ulps <= 4 || (exact == 0.0 && near == 0.0),
            "{text}: {near} vs {exact}"
        );
    }
    assert_eq!(
        super::reader::approximate_float("1e400"),
        Some(f64::INFINITY)
    );
    assert_eq!(super::reader::approximate_float("1.5"), Some(1.5));
}

proptest! {
    /// The approximate reader takes exactly the texts Rust's parser takes (numbers only).
    #[test]
    fn approximate_floats_take_the_syntax_rust_takes(text in "[-+]?[0-9]{0,3}[.]?[0-9]{0,3}([eE][-+]?[0-9]{0,3})?[.]?") {
        let exact = text.parse::<f64>().ok();
        let near = super::reader::approximate_float(&text);
        prop_assert_eq!(exact.is_some(), near.is_some(), "{}", text);
        if let (Some(exact), Some(near)) = (exact, near) {
            prop_assert!(exact == near || (exact - near).abs() <= exact.abs() * 1e-14, "{}: {} vs {}", text, near, exact);
        }
    }
}

proptest! {
    /// Any normal float written in either notation comes back within a few ULPs.
    #[test]
    fn approximate_floats_of_any_magnitude(value in proptest::num::f64::NORMAL, exponent: bool) {
        let text = if exponent { format!("{value:e}") } else { format!("{value}") };
        let near = super::reader::approximate_float(&text).unwrap();
        let ulps = (value.to_bits() as i64 - near.to_bits() as i64).abs();
        prop_assert!(ulps <= 16, "{}: {} ({} ulps)", text, near, ulps);
    }
}

#[test]
fn a_budget_bounds_what_value_builds_but_not_what_skip_passes() {
    let json = br#"{"keep": [1, 2, 3], "text": [[[[1, 2, 3, 4, 5, 6, 7, 8]]]]}"#;
    // Built: the array under "keep" and its three numbers (members read one by one
    // are not built, and what is skipped costs nothing).
    let read = |budget| {
        let mut reader = Reader::with_budget(json, budget);
        reader.object(|reader, key| {
            if key == "keep" {
                reader.value().map(drop)
            } else {
                reader.skip().map(drop)
            }
        })
    };
    assert!(read(4).is_ok());
    assert_eq!(read(3).unwrap_err().reason, "too many values to build");
    let many = format!("[{}0]", "0,".repeat(1000));
    let err = Reader::with_budget(many.as_bytes(), 1000)
        .value()
        .unwrap_err();
    assert_eq!(err.reason, "too many values to build");
    assert!(Reader::with_budget(many.as_bytes(), 1002).value().is_ok());
}
