//! Markdown escaping: text that reads back as itself in a paragraph, a heading or a table
//! cell, and code spans for prose and for table cells.

/// ASCII punctuation that starts inline markup somewhere in CommonMark or GitHub Flavored
/// Markdown (emphasis, code, links, images, HTML, entities, strikethrough, tables, math).
const INLINE_MARKUP: &[char] = &[
    '\\', '|', '<', '>', '`', '*', '_', '[', ']', '#', '!', '~', '&', '$',
];

/// Characters that start a block (list item, thematic break, setext underline) only at the
/// start of a line; everywhere else they are text.
const LINE_START_MARKUP: &[char] = &['-', '+', '='];

/// Text for a Markdown paragraph, heading or table cell whose rendered text is `s`.
///
/// Markup punctuation and `|` are backslash-escaped and line breaks become `<br>`, so the
/// output is one line of inline text. Block syntax can start only at the start of that line:
/// leading and trailing blanks are dropped (four spaces would make a code block), a leading
/// `-`, `+` or `=` is escaped (list, rule, setext underline) and so is the `.` or `)` after
/// leading digits (ordered list); `#`, `>`, `*`, `_`, `` ` ``, `~`, `<` and `[` are escaped
/// everywhere. Other control characters become spaces.
///
/// ```
/// use mlzone_codegen::escape::markdown_text;
/// assert_eq!(markdown_text("a|b *c*\nd"), r"a\|b \*c\*<br>d");
/// assert_eq!(markdown_text("    - x"), r"\- x");
/// assert_eq!(markdown_text("1. x"), r"1\. x");
/// ```
pub fn markdown_text(s: &str) -> String {
    let blank = |c: char| c.is_whitespace() || c.is_control();
    let text = s.trim_matches(blank);
    let mut out = String::with_capacity(text.len());
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let line_start = i == 0 && LINE_START_MARKUP.contains(&c);
        let after_leading_digits = i == digits && digits > 0 && (c == '.' || c == ')');
        match c {
            c if INLINE_MARKUP.contains(&c) || line_start || after_leading_digits => {
                out.push('\\');
                out.push(c);
            }
            '\r' if chars.peek().map(|&(_, next)| next) == Some('\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An inline Markdown code span for `s`, for prose (paragraphs, list items, headings).
///
/// The fence is one backtick longer than the longest backtick run in `s` and line breaks
/// become spaces. In a table cell use [`markdown_cell_code`].
///
/// ```
/// use mlzone_codegen::escape::markdown_code;
/// assert_eq!(markdown_code("Microsoft.Storage/*"), "`Microsoft.Storage/*`");
/// assert_eq!(markdown_code("a`b|c"), "``a`b|c``");
/// ```
pub fn markdown_code(s: &str) -> String {
    code_span(s, false)
}

/// An inline Markdown code span for `s` in a table cell: as [`markdown_code`], with `|`
/// written `\|`, which GitHub tables read back as `|` inside code (outside a table the
/// backslash would show).
///
/// ```
/// use mlzone_codegen::escape::markdown_cell_code;
/// assert_eq!(markdown_cell_code("a`b|c"), "``a`b\\|c``");
/// ```
pub fn markdown_cell_code(s: &str) -> String {
    code_span(s, true)
}

fn code_span(s: &str, in_cell: bool) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let mut body = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' if in_cell => body.push_str("\\|"),
            c if c.is_control() => body.push(' '),
            c => body.push(c),
        }
    }
    // A span's content loses one space at each end when it starts and ends with one, and a
    // backtick at an end would join the fence: one more space keeps both as they are.
    let spaced = body.starts_with(' ') && body.ends_with(' ') && !body.trim_matches(' ').is_empty();
    let pad = if body.starts_with('`') || body.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}
