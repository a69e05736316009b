//! Quoting for POSIX shells.

/// `value` as one word of a POSIX shell command: unchanged when it holds only characters no
/// shell reads specially, otherwise in single quotes (a single quote inside written `'\''`).
pub fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '%' | '+' | ',' | '=')
        });
    if plain && !value.starts_with('=') {
        return value.to_owned();
    }
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('\'');
    for c in value.chars() {
        if c == '\'' {
            quoted.push_str("'\\''");
        } else {
            quoted.push(c);
        }
    }
    quoted.push('\'');
    quoted
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn plain_words_stay_plain() {
        assert_eq!(quote("--output"), "--output");
        assert_eq!(quote("/subscriptions/0000"), "/subscriptions/0000");
    }

    #[test]
    fn everything_else_is_single_quoted() {
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("$HOME"), "'$HOME'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("a\nb"), "'a\nb'");
        assert_eq!(quote("*"), "'*'");
    }

    #[test]
    fn a_shell_reads_the_word_back() {
        let values = [
            "it's",
            "a b",
            "$(rm -rf /)",
            "`x`",
            "\"q\"",
            "tab\there",
            "~user",
            "x;y|z&",
        ];
        for value in values {
            let script = format!("printf %s {}", quote(value));
            let Ok(output) = std::process::Command::new("sh")
                .arg("-c")
                .arg(&script)
                .output()
            else {
                return; // no shell where the tests run
            };
            assert_eq!(String::from_utf8_lossy(&output.stdout), value, "{script}");
        }
    }
}
