use super::*;

const LIMITS: JsonLimits = JsonLimits {
    max_depth: 8,
    max_string_bytes: 24,
    max_values: 100,
    max_items: 30,
};

fn read(text: &str) -> Parsed {
    let mut budget = usize::MAX;
    parse_value(text, 0, &LIMITS, &mut budget)
}

fn array(items: Vec<Node>, complete: bool) -> Node {
    Node::Array { items, complete }
}

#[test]
fn a_complete_value_ends_after_its_closing_bracket() {
    let parsed = read("[1, 2] tail");
    assert_eq!(parsed.stop, Stop::Complete);
    assert_eq!(parsed.end, 6);
    assert_eq!(
        parsed.node,
        Some(array(vec![Node::Number(1.0), Node::Number(2.0)], true))
    );
}

#[test]
fn truncation_closes_open_containers_as_incomplete_and_drops_half_values() {
    let parsed = read(r#"[{"a": 1}, {"b": "unfinished"#);
    assert_eq!(parsed.stop, Stop::Truncated);
    let complete = Node::Object {
        members: vec![("a".into(), Node::Number(1.0))],
        complete: true,
    };
    let partial = Node::Object {
        members: vec![],
        complete: false,
    };
    assert_eq!(parsed.node, Some(array(vec![complete, partial], false)));
}

#[test]
fn a_cut_off_literal_is_truncation() {
    assert_eq!(read("[true, tr").stop, Stop::Truncated);
    assert_eq!(read("[true, tr\n").stop, Stop::Truncated);
}

#[test]
fn an_unknown_word_in_a_list_is_invalid_where_it_starts() {
    let parsed = read("[ymin, xmin]");
    assert_eq!(parsed.stop, Stop::Invalid("unexpected word"));
    assert_eq!(parsed.end, 1);
}

#[test]
fn unquoted_text_after_a_key_is_kept_as_bare_text() {
    let parsed = read("{\"mask\": <start_of_mask><seg_1>, \"b\": 2}");
    let Some(Node::Object {
        members,
        complete: true,
    }) = parsed.node
    else {
        panic!("{parsed:?}")
    };
    assert_eq!(
        members[0],
        ("mask".into(), Node::Bare("<start_of_mask><seg_1>".into()))
    );
}

#[test]
fn strings_over_the_cap_keep_only_their_length() {
    let parsed = read(r#"["0123456789abcdefXYZ0123456789"]"#);
    assert_eq!(parsed.node, Some(array(vec![Node::Oversized(29)], true)));
}

#[test]
fn nesting_past_the_depth_cap_stops_the_read() {
    assert_eq!(read(&"[".repeat(20)).stop, Stop::TooDeep);
}

#[test]
fn more_values_than_the_cap_stop_the_read() {
    // Six short lists of 20: no list is over the item cap, all together over the value cap.
    let short = format!("[{}]", vec!["1"; 20].join(","));
    let text = format!("[{}]", vec![short; 6].join(","));
    assert_eq!(read(&text).stop, Stop::TooManyValues);
}

#[test]
fn a_list_longer_than_the_item_cap_stops_the_read_keeping_what_came_before() {
    let text = format!("[{}1]", "1,".repeat(40));
    let parsed = read(&text);
    assert_eq!(parsed.stop, Stop::TooManyItems);
    let Some(Node::Array { items, complete }) = parsed.node else {
        panic!("expected the partial list, got {:?}", parsed.node);
    };
    assert_eq!((items.len(), complete), (30, false));
}

#[test]
fn the_work_budget_bounds_the_read() {
    let mut budget = 10;
    let parsed = parse_value("[1, 2, 3, 4, 5, 6, 7, 8, 9]", 0, &LIMITS, &mut budget);
    assert_eq!(parsed.stop, Stop::OutOfBudget);
    assert_eq!(budget, 0);
}

#[test]
fn comments_unquoted_keys_and_single_quotes_are_read() {
    let parsed = read("{label: 'a', // note\n /* x */ n: -Infinity}");
    let Some(Node::Object { members, .. }) = parsed.node else {
        panic!("{parsed:?}")
    };
    assert_eq!(members[0], ("label".into(), Node::String("a".into())));
    assert_eq!(members[1], ("n".into(), Node::Number(f64::NEG_INFINITY)));
}

#[test]
fn a_stray_closing_bracket_in_an_object_is_invalid() {
    assert!(matches!(read(r#"{"a": 1 ]"#).stop, Stop::Invalid(_)));
}
