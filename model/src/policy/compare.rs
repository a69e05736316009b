//! Azure Policy's comparison semantics, one function per condition operator.
//!
//! - Strings compare **case-insensitively** (`equals`, `in`, `contains`, `like`, ordering).
//! - Scalars of different JSON types compare by their text: `true` equals `"true"`, `3`
//!   equals `"3"` (rules write `"equals": "false"` against boolean properties).
//! - Arrays and objects are equal when they have the same members, compared alike; object
//!   keys are matched case-insensitively.
//! - `like` has `*` for any run of characters (Azure allows one; more are honoured here).
//! - `match` has `#` for a digit, `?` for a letter, `.` for any character, and any other
//!   character for itself; `match` is case-sensitive, `matchInsensitively` is not. The whole
//!   value must match.
//! - `contains` on a string is a substring test, on an array membership, on an object the
//!   presence of a key; `containsKey` asks an object for a key.
//! - `less`/`greater` and their `OrEquals` compare numbers as numbers and strings
//!   case-insensitively; a number against a string that reads as a number compares as
//!   numbers; any other mix is an error in Azure, which the evaluator reports as unknown.

use std::cmp::Ordering;

use serde_json::Value;

/// The text of a scalar as policy compares it, or `None` for arrays, objects and null.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// `equals`: case-insensitive for strings, by text across scalar types, member-wise for
/// arrays and objects. Null (an absent field) equals null and the empty string.
pub(crate) fn equals(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, Value::String(s)) | (Value::String(s), Value::Null) => s.is_empty(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| equals(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(k2, _)| k2.eq_ignore_ascii_case(k))
                        .is_some_and(|(_, v2)| equals(v, v2))
                })
        }
        _ => match (scalar_text(a), scalar_text(b)) {
            (Some(x), Some(y)) => eq_ignore_case(&x, &y),
            _ => false,
        },
    }
}

/// Unicode-aware case-insensitive equality of two strings.
pub(crate) fn eq_ignore_case(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// `in`: whether `value` equals a member of `list`; an operand that is not an array is an
/// error.
pub(crate) fn is_in(value: &Value, list: &Value) -> Result<bool, String> {
    match list {
        Value::Array(items) => Ok(items.iter().any(|item| equals(value, item))),
        other => Err(format!(
            "`in` needs an array, the operand is {}",
            describe(other)
        )),
    }
}

/// `contains`: substring of a string, member of an array, key of an object.
pub(crate) fn contains(value: &Value, needle: &Value) -> bool {
    match value {
        Value::String(s) => {
            scalar_text(needle).is_some_and(|n| s.to_lowercase().contains(&n.to_lowercase()))
        }
        Value::Array(items) => items.iter().any(|item| equals(item, needle)),
        Value::Object(_) => contains_key(value, needle),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

/// `containsKey`: whether an object has the key, compared case-insensitively.
pub(crate) fn contains_key(value: &Value, key: &Value) -> bool {
    match (value, scalar_text(key)) {
        (Value::Object(map), Some(key)) => map.keys().any(|k| eq_ignore_case(k, &key)),
        _ => false,
    }
}

/// `like`: `*` matches any run of characters, case-insensitively; the whole text must match.
pub(crate) fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let pattern: Vec<char> = pattern.to_lowercase().chars().collect();
    glob(&text, &pattern)
}

/// `match`/`matchInsensitively`: `#` a digit, `?` a letter, `.` any character, anything else
/// itself; the whole text must match.
pub(crate) fn matches(text: &str, pattern: &str, insensitive: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if insensitive {
            s.to_lowercase().chars().collect()
        } else {
            s.chars().collect()
        }
    };
    let (text, pattern) = (fold(text), fold(pattern));
    if text.len() != pattern.len() {
        return false;
    }
    text.iter().zip(&pattern).all(|(&t, &p)| match p {
        '#' => t.is_ascii_digit(),
        '?' => t.is_alphabetic(),
        '.' => true,
        _ => t == p,
    })
}

/// A match of `text` against `pattern`, where `*` matches any run of characters.
fn glob(text: &[char], pattern: &[char]) -> bool {
    // Iterative matching that backtracks to the last `*` only: linear in practice.
    let (mut t, mut p) = (0usize, 0usize);
    let mut resume: Option<(usize, usize)> = None;
    while t < text.len() {
        match (pattern.get(p), text.get(t)) {
            (Some('*'), _) => {
                resume = Some((p, t));
                p += 1;
            }
            (Some(pc), Some(tc)) if pc == tc => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    resume = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern.iter().skip(p).all(|&c| c == '*')
}

/// The order of two values for `less`, `greater` and their `OrEquals` forms.
pub(crate) fn order(a: &Value, b: &Value) -> Result<Ordering, String> {
    let number = |v: &Value| -> Option<f64> {
        match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
    };
    match (a, b) {
        (Value::String(x), Value::String(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(p), Ok(q)) => p.partial_cmp(&q).ok_or_else(|| "not comparable".to_owned()),
            _ => Ok(x.to_lowercase().cmp(&y.to_lowercase())),
        },
        (Value::Number(_), _) | (_, Value::Number(_)) => match (number(a), number(b)) {
            (Some(p), Some(q)) => p
                .partial_cmp(&q)
                .ok_or_else(|| "numbers that do not compare".to_owned()),
            _ => Err(format!(
                "cannot order {} against {}",
                describe(a),
                describe(b)
            )),
        },
        _ => Err(format!(
            "cannot order {} against {}",
            describe(a),
            describe(b)
        )),
    }
}

/// A short description of a value for explanations: `"Disabled"`, `2`, an array of 3, ….
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "absent".to_owned(),
        Value::Array(items) => format!("an array of {}", items.len()),
        Value::Object(map) => format!("an object of {} keys", map.len()),
        other => {
            let text = other.to_string();
            if text.chars().count() > 80 {
                let cut: String = text.chars().take(77).collect();
                format!("{cut}...")
            } else {
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equality_is_case_insensitive_and_crosses_scalar_types() {
        assert!(equals(&json!("Disabled"), &json!("disabled")));
        assert!(equals(&json!(false), &json!("false")));
        assert!(equals(&json!(2), &json!("2")));
        assert!(!equals(&json!("Enabled"), &json!("Disabled")));
        assert!(equals(&Value::Null, &json!("")));
        assert!(equals(&json!({"A": [1]}), &json!({"a": ["1"]})));
    }

    #[test]
    fn like_and_match_follow_their_wildcards() {
        assert!(like(
            "azureml://registries/x/models/y",
            "azureml://registries/*"
        ));
        assert!(like("Cluster01", "cluster*"));
        assert!(!like("acluster", "cluster*"));
        assert!(like("abc", "*"));
        assert!(like("a-b-c", "a*b*c"));
        assert!(matches("ab12", "??##", false));
        assert!(!matches("AB12", "ab##", false));
        assert!(matches("AB12", "ab##", true));
        assert!(!matches("ab1", "??##", false));
    }

    #[test]
    fn ordering_compares_numbers_numerically_and_refuses_mixes() {
        assert_eq!(order(&json!(2), &json!(10)), Ok(Ordering::Less));
        assert_eq!(order(&json!("2"), &json!(10)), Ok(Ordering::Less));
        assert_eq!(
            order(&json!("2021-06-01-preview"), &json!("2023-07-01")),
            Ok(Ordering::Less)
        );
        assert!(order(&json!(true), &json!(1)).is_err());
    }
}
