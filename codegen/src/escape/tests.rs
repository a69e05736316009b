use serde_json::json;

use super::*;

#[test]
fn bicep_string_escapes() {
    assert_eq!(bicep_string(""), "''");
    assert_eq!(bicep_string(r"a\b"), r"'a\\b'");
    assert_eq!(bicep_string("$x ${y} $"), r"'$x \${y} $'");
    assert_eq!(bicep_string("a\r\n\tb"), r"'a\r\n\tb'");
    assert_eq!(bicep_string("\u{0}\u{7f}"), r"'\u{0}\u{7F}'");
    assert_eq!(bicep_string("é😀"), "'é😀'");
}

#[test]
fn bicep_identifiers() {
    assert_eq!(bicep_identifier(""), "_");
    assert_eq!(bicep_identifier("--"), "_");
    assert_eq!(bicep_identifier("Storage Account"), "storageAccount");
    assert_eq!(bicep_identifier("null"), "null_");
    assert_eq!(bicep_identifier("héllo"), "hLlo");
    assert_eq!(bicep_identifier(&"a".repeat(300)).len(), 255);
    for s in ["x", "a_b", "_1", "resource_"] {
        assert!(is_bicep_identifier(s), "{s}");
    }
    for s in ["", "1a", "a-b", "true", "param"] {
        assert!(!is_bicep_identifier(s), "{s}");
    }
}

#[test]
fn bicep_values() {
    assert_eq!(bicep_value(&json!(null), 0), "null");
    assert_eq!(bicep_value(&json!(1.5), 0), "json('1.5')");
    assert_eq!(bicep_value(&json!([]), 0), "[]");
    assert_eq!(
        bicep_value(&json!({"a": [1, true]}), 1),
        "{\n    a: [\n      1\n      true\n    ]\n  }"
    );
}

#[test]
fn arm_strings() {
    assert_eq!(arm_string("plain"), r#""plain""#);
    assert_eq!(arm_string("[]"), r#""[[]""#);
    assert_eq!(arm_string("["), r#""[""#);
    assert_eq!(arm_string("]"), r#""]""#);
    assert_eq!(arm_string("[[x]"), r#""[[[x]""#);
    assert_eq!(arm_string("a\"\\\n"), r#""a\"\\\n""#);
}

#[test]
fn arm_expression_strings() {
    assert_eq!(arm_expression_string(""), "''");
    assert_eq!(arm_expression_string("''"), "''''''");
    assert_eq!(arm_expression_string("a\nb"), r"'a\nb'");
}

#[test]
fn json_and_arm_values() {
    assert_eq!(json(&json!({"b": 1, "a": "[x]"})), r#"{"b":1,"a":"[x]"}"#);
    assert_eq!(
        arm_value(&json!({"a": ["[x]", "y"]})),
        r#"{"a":["[[x]","y"]}"#
    );
}

#[test]
fn arm_value_escapes_keys_as_values() {
    assert_eq!(
        arm_value(&json!({"[subscription().subscriptionId]": "v", "[[x]]": {"[y]": 1}})),
        r#"{"[[subscription().subscriptionId]":"v","[[[x]]":{"[[y]":1}}"#
    );
    assert_eq!(arm_value(&json!({"[x": "x]"})), r#"{"[x":"x]"}"#);
}

#[test]
fn yaml_strings() {
    assert_eq!(yaml_string(""), r#""""#);
    assert_eq!(
        yaml_string("\u{85}\u{2028}\u{feff}"),
        r#""\x85\u2028\uFEFF""#
    );
    assert_eq!(yaml_string("\u{7}"), r#""\x07""#);
    assert_eq!(yaml_string("\u{FFFF}"), r#""\uFFFF""#);
}

#[test]
fn yaml_strings_leave_pipeline_expressions_to_the_view() {
    // No YAML escape hides an expression from GitHub or Azure Pipelines, which evaluate the
    // parsed string; the filter writes them as they are and the views keep them out.
    assert_eq!(
        yaml_string("$(a) ${{ b }} $[ c ]"),
        r#""$(a) ${{ b }} $[ c ]""#
    );
}

#[test]
fn markdown_and_mermaid() {
    assert_eq!(
        markdown_text("<b>_x_ [l](u) `c`"),
        r"\<b\>\_x\_ \[l\](u) \`c\`"
    );
    assert_eq!(markdown_text("a\r\nb\rc"), "a<br>b<br>c");
    assert_eq!(mermaid_label("a<b>&`\n"), r#""a#lt;b#gt;#amp;#96;<br>""#);
}

#[test]
fn markdown_text_neutralises_block_starts() {
    for (text, escaped) in [
        ("- x", r"\- x"),
        ("+ x", r"\+ x"),
        ("* x", r"\* x"),
        ("1. x", r"1\. x"),
        ("12) x", r"12\) x"),
        ("---", r"\---"),
        ("===", r"\==="),
        ("# x", r"\# x"),
        ("> x", r"\> x"),
        ("    code", "code"),
        ("\t- x \n", r"\- x"),
        ("a - b 1. c = d", "a - b 1. c = d"),
        ("x\n- y", "x<br>- y"),
        ("$x$", r"\$x\$"),
    ] {
        assert_eq!(markdown_text(text), escaped, "{text:?}");
    }
}

#[test]
fn markdown_code_spans() {
    assert_eq!(markdown_code(""), "");
    assert_eq!(markdown_code("`x`"), "`` `x` ``");
    assert_eq!(markdown_code("a\nb"), "`a b`");
    assert_eq!(markdown_code("a``b"), "```a``b```");
    assert_eq!(markdown_code(" x "), "`  x  `");
    assert_eq!(markdown_code("  "), "`  `");
}

#[test]
fn markdown_code_escapes_pipes_only_in_cells() {
    assert_eq!(markdown_code("a|b"), "`a|b`");
    assert_eq!(markdown_cell_code("a|b"), r"`a\|b`");
}

#[test]
fn mermaid_ids() {
    assert_eq!(mermaid_id("dev_1"), "n_dev_1");
    assert!(mermaid_id("a b").starts_with("n_a_b_"));
    assert_eq!(mermaid_id("é"), mermaid_id("é"));
    // A plain string spelled like another string's hashed id gets an id of its own.
    assert_eq!(mermaid_id("'"), "n___220c8ac6");
    assert_ne!(mermaid_id("__220c8ac6"), "n___220c8ac6");
    assert_eq!(mermaid_id("x_220c8ac"), "n_x_220c8ac");
    assert_eq!(mermaid_id("x_220C8AC6"), "n_x_220C8AC6");
}

#[test]
fn dot_strings() {
    assert_eq!(dot_string("dev"), r#""dev""#);
    assert_eq!(dot_string("a\"b\\c"), r#""a\"b\\c""#);
    assert_eq!(dot_string("a\nb\rc\r\nd\te"), r#""a\nb\nc\nd e""#);
}

#[test]
fn yaml_values() {
    assert_eq!(yaml_value(&json!(null)), "null");
    assert_eq!(yaml_value(&json!([])), "[]");
    assert_eq!(yaml_value(&json!({})), "{}");
    assert_eq!(yaml_value(&json!(["a", 1, true])), r#"["a", 1, true]"#);
}

#[test]
fn bicep_string_writes_comment_starts_plainly() {
    // Bicep reads `//`, `/*` and `*/` inside a string as text, as its own escaper writes them.
    assert_eq!(bicep_string("https://x"), "'https://x'");
    assert_eq!(bicep_string("a/*b*/"), "'a/*b*/'");
    assert_eq!(
        bicep_string("Microsoft.MachineLearningServices/workspaces/*/read"),
        "'Microsoft.MachineLearningServices/workspaces/*/read'"
    );
    assert_eq!(bicep_string("a/b"), "'a/b'");
}

proptest::proptest! {
    #[test]
    fn bicep_comment_stays_on_its_line_and_keeps_the_rest(s in "\\PC{0,20}[\\n\\r\\u{85}\\u{2028}\\u{2029}\\t]?\\PC{0,20}") {
        let comment = bicep_comment(&s);
        let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        proptest::prop_assert!(!comment.chars().any(breaks), "{:?}", comment);
        proptest::prop_assert_eq!(comment.chars().count(), s.chars().count());
        for (written, original) in comment.chars().zip(s.chars()) {
            proptest::prop_assert!(written == original || written == ' ');
        }
    }
}
