//! The interpolation rule: every `{{ … }}` of a template ends with a filter of its syntax.

use crate::syntax::Syntax;

use super::engine::filters_of;

/// Checks every interpolation of `source`; the error names the first offending line.
pub(super) fn check(syntax: Syntax, source: &str) -> Result<(), String> {
    let allowed = filters_of(syntax);
    let allowed = allowed.as_slice();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find('{') {
        let after = rest.get(start..).unwrap_or_default();
        let consumed = if let Some(body) = after.strip_prefix("{#") {
            2 + body.find("#}").map_or(body.len(), |end| end + 2)
        } else if let Some(body) = after.strip_prefix("{%") {
            let end = body.find("%}").map_or(body.len(), |end| end + 2);
            let tag = body.get(..end.saturating_sub(2)).unwrap_or_default();
            let tag = tag.trim_matches(|c: char| c == '-' || c.is_whitespace());
            if tag == "raw" {
                let raw = body.get(end..).unwrap_or_default();
                2 + end + raw.find("endraw").map_or(raw.len(), |e| e + "endraw".len())
            } else {
                2 + end
            }
        } else if let Some(body) = after.strip_prefix("{{") {
            let end = body.find("}}").unwrap_or(body.len());
            let expr = body.get(..end).unwrap_or_default();
            if let Err(problem) = check_expression(expr, allowed) {
                let line = source
                    .get(..offset + start)
                    .unwrap_or_default()
                    .matches('\n')
                    .count()
                    + 1;
                let expr = expr.trim_matches(|c: char| c == '-' || c.is_whitespace());
                return Err(format!(
                    "line {line}: `{{{{ {expr} }}}}` {problem}; end it with one of {}",
                    allowed
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            2 + end + 2
        } else {
            1
        };
        let consumed = consumed.min(rest.len() - start);
        offset += start + consumed;
        rest = rest.get(start + consumed..).unwrap_or_default();
    }
    Ok(())
}

/// Checks that the last top-level filter of `expr` is one of `allowed`.
fn check_expression(expr: &str, allowed: &[&str]) -> Result<(), String> {
    let Some(last) = top_level_pipes(expr).last().copied() else {
        return Err("has no filter".to_owned());
    };
    let filter = expr
        .get(last + 1..)
        .unwrap_or_default()
        .trim_start()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default();
    if allowed.contains(&filter) {
        Ok(())
    } else {
        Err(format!(
            "ends with `{filter}`, which does not escape for this syntax"
        ))
    }
}

/// Byte offsets of the `|` of `expr` that are outside quotes and brackets.
fn top_level_pipes(expr: &str) -> Vec<usize> {
    let mut pipes = Vec::new();
    let mut depth = 0_i32;
    let mut quote: Option<char> = None;
    for (i, c) in expr.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, '|') if depth == 0 => pipes.push(i),
            _ => {}
        }
    }
    pipes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolations_need_a_fitting_filter() {
        let ok = "{# {{ x }} #}{% raw %}${{ x }}{% endraw %}{{ a | lower | bicep_string }}\
                  {{- b | bicep_value(indent=2) -}}{{ \"x|y\" | bicep_key }}";
        assert_eq!(check(Syntax::Bicep, ok), Ok(()));
        let err = check(Syntax::Bicep, "a\n{{ name }}").unwrap_err();
        assert!(
            err.starts_with(
                "line 2: `{{ name }}` has no filter; end it with one of `bicep_string`"
            ),
            "{err}"
        );
        let err = check(Syntax::Arm, "{{ x | bicep_string }}").unwrap_err();
        assert!(err.contains("ends with `bicep_string`"), "{err}");
        assert!(check(Syntax::Roles, "{{ f(a='|') }}").is_err());
        assert_eq!(
            check(Syntax::Yaml, "{% if a %}{{ a | yaml_string }}{% endif %}"),
            Ok(())
        );
    }
}
