//! Checks that keep the book (`book/src`) true to the code.
//!
//! The conventions these checks enforce are written down in `book/CONTRIBUTING.md`:
//!
//! - a `yaml`, `toml` or `json` block holding a document (a line starting with
//!   `organisation:` or `"organisation":`) must load and validate without errors;
//! - a block marked `invalid=CODE` must fail with `CODE`, when loaded or when validated;
//! - a block marked `pending=CODE` must load, and must not (yet) produce `CODE`: once it does,
//!   the mark has to become `invalid=CODE`;
//! - `file=NAME` loads the block under that file name, with the format taken from the name;
//! - every diagnostic code has a `` ### `code` `` section in `diagnostics.md` holding a block
//!   marked with that code (`audit=CODE` for an audit's codes, whose findings come from
//!   exports), and every such heading names a real code;
//! - every relative link resolves to a page of the book (never a `README.md`) and, with
//!   `#anchor`, to a heading or an `<a id>`; every page is listed in `SUMMARY.md`;
//! - the file format chapter lists every key, value type and value of the JSON Schema;
//! - every `mlzone` command in a `sh` block uses subcommands and flags its `--help` lists;
//! - every `rust` block not marked `ignore` is the body of a test in `book_examples.rs`, which
//!   compiles and runs it;
//! - `mermaid` blocks render with the vendored Mermaid (`book/mermaid/`), and every promotion
//!   graph the book draws is the one mlzone draws.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mlzone_model::{Code, Format, Limits};
use strum::IntoEnumIterator;

/// Codes whose failing input cannot be written in a Markdown code block.
const UNWRITABLE: &[(Code, &str)] = &[
    (Code::UnreadableInput, "needs a file that cannot be read"),
    (Code::InputTooLarge, "needs a file of more than 16 MiB"),
    (Code::InvalidEncoding, "needs bytes that are not UTF-8"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

fn book_src() -> PathBuf {
    root().join("book").join("src")
}

/// One page of the book.
struct Page {
    /// Path relative to `book/src`, with `/` separators.
    name: String,
    text: String,
}

fn pages() -> Vec<Page> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<Page>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|ext| ext == "md") {
                let name = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&path).unwrap();
                out.push(Page { name, text });
            }
        }
    }
    let mut out = Vec::new();
    walk(&book_src(), &book_src(), &mut out);
    assert!(
        out.iter().any(|page| page.name == "SUMMARY.md"),
        "book/src/SUMMARY.md is missing"
    );
    out
}

/// A fenced code block.
#[derive(Debug)]
struct Block {
    page: String,
    /// One-based line of the opening fence.
    line: usize,
    /// The language: the info string up to the first comma.
    lang: String,
    /// The attributes after the language (`invalid=unknown-field`, `ignore`, …).
    attrs: Vec<String>,
    body: String,
}

impl Block {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find_map(|attr| {
            attr.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix('='))
        })
    }

    fn has_flag(&self, flag: &str) -> bool {
        self.attrs.iter().any(|attr| attr == flag)
    }

    fn place(&self) -> String {
        format!("book/src/{}:{}", self.page, self.line)
    }
}

/// The fenced code blocks of a page, and its text with them blanked out.
fn split(page: &Page) -> (Vec<Block>, String) {
    let mut blocks = Vec::new();
    let mut prose = String::new();
    let mut open: Option<(usize, String, String, Vec<String>)> = None;
    for (i, line) in page.text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some((i + 1, info.trim().to_owned(), String::new(), Vec::new()));
                    prose.push('\n');
                } else {
                    prose.push_str(line);
                    prose.push('\n');
                }
            }
            Some((start, info, body, _)) => {
                if trimmed.starts_with("```") {
                    let mut parts = info.split(',').map(str::trim);
                    let lang = parts.next().unwrap_or_default().to_owned();
                    let attrs = parts.map(str::to_owned).collect();
                    blocks.push(Block {
                        page: page.name.clone(),
                        line: *start,
                        lang,
                        attrs,
                        body: std::mem::take(body),
                    });
                    open = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
                prose.push('\n');
            }
        }
    }
    assert!(
        open.is_none(),
        "book/src/{}: a code block is never closed",
        page.name
    );
    (blocks, prose)
}

fn all_blocks() -> Vec<Block> {
    pages().iter().flat_map(|page| split(page).0).collect()
}

fn format_of(lang: &str) -> Option<Format> {
    match lang {
        "yaml" | "yml" => Some(Format::Yaml),
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

fn holds_document(body: &str) -> bool {
    body.lines().any(|line| {
        line.starts_with("organisation:")
            || line.starts_with("organisation =")
            || line.trim_start().starts_with("\"organisation\":")
    })
}

/// The codes a block produces: load diagnostics (`Err`), or the validator's findings (`Ok`),
/// each with whether it is an error. Warnings count for `invalid=` and `pending=`, so a rule
/// whose default severity is a warning can be shown; only errors make a document unclean.
fn codes_of(block: &Block, format: Format) -> Result<Vec<(Code, bool)>, Vec<Code>> {
    let (name, format) = match block.attr("file") {
        Some(name) => (name.to_owned(), None),
        None => (format!("{}:{}", block.page, block.line), Some(format)),
    };
    match mlzone_model::load_estate(&name, block.body.as_bytes(), format, &Limits::default()) {
        Err(diagnostics) => Err(diagnostics.iter().map(|d| d.code).collect()),
        Ok(loaded) => {
            let report = mlzone_model::validate::check(&loaded.estate);
            Ok(report
                .diagnostics
                .iter()
                .map(|d| (d.code, d.is_error()))
                .collect())
        }
    }
}

fn parse_code(block: &Block, text: &str) -> Code {
    text.parse().unwrap_or_else(|_| {
        panic!(
            "{}: `{text}` is not a diagnostic code (see `mlzone_model::Code`)",
            block.place()
        )
    })
}

#[test]
fn document_blocks_load_and_validate() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for block in all_blocks() {
        let Some(format) = format_of(&block.lang) else {
            continue;
        };
        let invalid = block.attr("invalid").map(|code| parse_code(&block, code));
        let pending = block.attr("pending").map(|code| parse_code(&block, code));
        if invalid.is_none() && pending.is_none() && !holds_document(&block.body) {
            continue;
        }
        checked += 1;
        // Every code reported, and the errors alone.
        let outcome = match codes_of(&block, format) {
            Ok(found) => Ok((
                found.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
                found
                    .iter()
                    .filter(|(_, error)| *error)
                    .map(|(code, _)| *code)
                    .collect::<Vec<_>>(),
            )),
            Err(codes) => Err(codes),
        };
        match (invalid, pending, outcome) {
            (Some(code), _, Ok((codes, _)) | Err(codes)) if codes.contains(&code) => {}
            (Some(code), _, Ok((codes, _)) | Err(codes)) => failures.push(format!(
                "{}: expected `{code}`, got {codes:?}",
                block.place()
            )),
            (None, Some(code), Ok((codes, _))) if codes.contains(&code) => failures.push(format!(
                "{}: `{code}` is reported now: change `pending={code}` to `invalid={code}`",
                block.place()
            )),
            (None, Some(_), Ok((_, errors))) if errors.is_empty() => {}
            (None, Some(_), Ok((_, codes)) | Err(codes)) => failures.push(format!(
                "{}: a pending example must load cleanly, got {codes:?}",
                block.place()
            )),
            (None, None, Ok((_, errors))) if errors.is_empty() => {}
            (None, None, Ok((_, codes)) | Err(codes)) => failures.push(format!(
                "{}: the document should load and validate, got {codes:?} \
                 (mark it `invalid=CODE` if it shows a mistake)",
                block.place()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 10, "only {checked} document blocks were found");
}

/// The `### `code`` headings of the diagnostics catalog, with the blocks under each.
fn catalog_sections() -> BTreeMap<String, Vec<Block>> {
    let page = pages()
        .into_iter()
        .find(|page| page.name == "diagnostics.md")
        .expect("book/src/diagnostics.md");
    let (blocks, prose) = split(&page);
    let mut headings: Vec<(usize, String)> = Vec::new();
    for (i, line) in prose.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("### ") {
            let rest = rest.trim();
            let code = rest
                .strip_prefix('`')
                .and_then(|rest| rest.strip_suffix('`'))
                .unwrap_or_else(|| {
                    panic!(
                        "book/src/diagnostics.md:{}: a `###` heading must be a code in backticks",
                        i + 1
                    )
                });
            headings.push((i + 1, code.to_owned()));
        } else if line.starts_with("## ") || line.starts_with("# ") {
            headings.push((i + 1, String::new()));
        }
    }
    let mut sections: BTreeMap<String, Vec<Block>> = BTreeMap::new();
    for (code, _) in headings
        .iter()
        .filter(|(_, code)| !code.is_empty())
        .map(|(l, c)| (c, l))
    {
        assert!(
            sections.insert(code.clone(), Vec::new()).is_none(),
            "book/src/diagnostics.md: `{code}` has two sections"
        );
    }
    for block in blocks {
        let owner = headings
            .iter()
            .rev()
            .find(|(line, _)| *line < block.line)
            .map(|(_, code)| code.clone())
            .unwrap_or_default();
        if let Some(section) = sections.get_mut(&owner) {
            section.push(block);
        }
    }
    sections
}

#[test]
fn every_code_has_a_section_with_an_example() {
    let sections = catalog_sections();
    let codes: BTreeSet<String> = Code::iter().map(|code| code.as_str().to_owned()).collect();
    let headed: BTreeSet<String> = sections.keys().cloned().collect();
    let missing: Vec<_> = codes.difference(&headed).collect();
    let unknown: Vec<_> = headed.difference(&codes).collect();
    assert!(
        missing.is_empty(),
        "codes without a `### `code`` section in book/src/diagnostics.md: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "sections in book/src/diagnostics.md that name no code: {unknown:?}"
    );
    let mut bare = Vec::new();
    for (name, blocks) in &sections {
        let code: Code = name.parse().unwrap();
        // An audit's findings come from exports of a live estate, not from a document: their
        // sections show the finding, and `tests/it/audit.rs` triggers each.
        if UNWRITABLE.iter().any(|(unwritable, _)| *unwritable == code) || code.is_audit() {
            continue;
        }
        // An audit's finding comes from an export, not a document: its section shows the
        // finding in a block marked `audit=CODE`.
        let shown = blocks.iter().any(|block| {
            block.attr("invalid") == Some(name.as_str())
                || block.attr("pending") == Some(name.as_str())
                || (code.is_audit() && block.attr("audit") == Some(name.as_str()))
        });
        if !shown {
            bare.push(name.clone());
        }
    }
    assert!(
        bare.is_empty(),
        "sections without a block marked `invalid=CODE` or `pending=CODE`: {bare:?}"
    );
}

/// The anchor mdBook gives a heading.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// The anchors of a page: its headings, numbered the way mdBook numbers repeats, and its
/// `<a id="…">` elements.
fn anchors(prose: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeSet::new();
    for line in prose.lines() {
        let mut rest = line;
        while let Some(at) = rest.find("<a id=\"") {
            let after = &rest[at + 7..];
            let end = after.find('"').unwrap_or(after.len());
            out.insert(after[..end].to_owned());
            rest = &after[end..];
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let id = anchor(&line[hashes..]);
        let count = seen.entry(id.clone()).or_insert(0);
        if *count == 0 {
            out.insert(id);
        } else {
            out.insert(format!("{id}-{count}"));
        }
        *count += 1;
    }
    out
}

/// The targets of the inline links `[text](target)` in a page's prose.
fn link_targets(prose: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in prose.lines().enumerate() {
        // Inline code spans may hold `](` legitimately; drop them first.
        let mut plain = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                plain.push(c);
            }
        }
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or_default();
            out.push((i + 1, target.to_owned()));
            rest = &after[end..];
        }
    }
    out
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn internal_links_resolve() {
    let pages = pages();
    let mut anchors_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut prose_of: BTreeMap<String, String> = BTreeMap::new();
    for page in &pages {
        let (_, prose) = split(page);
        anchors_of.insert(page.name.clone(), anchors(&prose));
        prose_of.insert(page.name.clone(), prose);
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (name, prose) in &prose_of {
        for (line, target) in link_targets(prose) {
            if target.contains("://") || target.starts_with("mailto:") || target.is_empty() {
                continue;
            }
            checked += 1;
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (target.as_str(), None),
            };
            let page = if path.is_empty() {
                name.clone()
            } else {
                let dir = Path::new(name).parent().unwrap_or(Path::new(""));
                normalise(&dir.join(path))
                    .to_string_lossy()
                    .replace('\\', "/")
            };
            if page.ends_with("README.md") {
                broken.push(format!(
                    "book/src/{name}:{line}: mdBook renders `README.md` as `index.html` without \
                     rewriting links to it; name the page otherwise"
                ));
                continue;
            }
            let Some(page_anchors) = anchors_of.get(&page) else {
                broken.push(format!("book/src/{name}:{line}: no page `{page}`"));
                continue;
            };
            if let Some(fragment) = fragment
                && !page_anchors.contains(fragment)
            {
                broken.push(format!(
                    "book/src/{name}:{line}: `{page}` has no heading `#{fragment}`"
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 20, "only {checked} internal links were found");
}

#[test]
fn every_page_is_in_the_summary() {
    let pages = pages();
    let summary = &pages
        .iter()
        .find(|page| page.name == "SUMMARY.md")
        .unwrap()
        .text;
    let listed: BTreeSet<String> = link_targets(summary)
        .into_iter()
        .map(|(_, target)| target)
        .collect();
    let missing: Vec<_> = pages
        .iter()
        .map(|page| page.name.clone())
        .filter(|name| name != "SUMMARY.md" && !listed.contains(name))
        .collect();
    assert!(
        missing.is_empty(),
        "pages missing from SUMMARY.md: {missing:?}"
    );
}

/// What one `--help` golden of the CLI lists: subcommands and flags.
struct Help {
    commands: BTreeSet<String>,
    flags: BTreeSet<String>,
}

fn help(command: Option<&str>) -> Option<Help> {
    let file = match command {
        None => "it__help__help.snap".to_owned(),
        Some(command) => format!("it__help__{command}-help.snap"),
    };
    let path = root().join("bindings/cli/tests/it/snapshots").join(file);
    let text = std::fs::read_to_string(path).ok()?;
    let mut commands = BTreeSet::new();
    let mut flags = BTreeSet::new();
    let mut section = "";
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') && line.ends_with(':') {
            section = line;
            continue;
        }
        if !line.starts_with(' ') {
            section = "";
            continue;
        }
        match section {
            "Commands:" => {
                if let Some(word) = line.split_whitespace().next() {
                    commands.insert(word.to_owned());
                }
            }
            "Options:" => {
                for word in line.split(|c: char| c.is_whitespace() || c == ',') {
                    if word.starts_with('-') && word.len() > 1 {
                        flags.insert(word.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    Some(Help { commands, flags })
}

/// The `mlzone` invocations of a shell block, as argument lists (continuations joined,
/// pipes, redirections and comments cut off).
fn invocations(body: &str) -> Vec<Vec<String>> {
    let joined = body.replace("\\\n", " ");
    let mut out = Vec::new();
    for line in joined.lines() {
        let line = line.trim().trim_start_matches("$ ");
        for part in line.split("&&").flat_map(|part| part.split(';')) {
            let words: Vec<&str> = part
                .split_whitespace()
                .take_while(|word| !["|", ">", ">>", "2>", "2>&1", "#"].contains(word))
                .collect();
            if words.first() == Some(&"mlzone") {
                out.push(words[1..].iter().map(|w| (*w).to_owned()).collect());
            }
        }
    }
    out
}

#[test]
fn shell_commands_match_the_cli() {
    let top = help(None).expect("the top-level help golden");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for block in all_blocks() {
        if !matches!(block.lang.as_str(), "sh" | "console" | "bash") {
            continue;
        }
        for args in invocations(&block.body) {
            checked += 1;
            let command = args.iter().find(|arg| !arg.starts_with('-'));
            let Some(command) = command else {
                for flag in &args {
                    if !top.flags.contains(flag.split('=').next().unwrap_or(flag)) {
                        wrong.push(format!("{}: `mlzone` has no flag `{flag}`", block.place()));
                    }
                }
                continue;
            };
            if !top.commands.contains(command) {
                wrong.push(format!("{}: no subcommand `{command}`", block.place()));
                continue;
            }
            let Some(sub) = help(Some(command)) else {
                wrong.push(format!(
                    "{}: no `--help` golden for `{command}`",
                    block.place()
                ));
                continue;
            };
            for flag in args.iter().filter(|arg| arg.starts_with('-')) {
                let flag = flag.split('=').next().unwrap_or(flag);
                if !sub.flags.contains(flag) && !top.flags.contains(flag) {
                    wrong.push(format!(
                        "{}: `mlzone {command}` has no flag `{flag}`",
                        block.place()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(checked >= 10, "only {checked} mlzone commands were found");
}

/// The bodies of the test functions of `book_examples.rs`, de-indented by four spaces.
fn example_bodies() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("tests/tests/book_examples.rs")).unwrap();
    let mut bodies = BTreeSet::new();
    let mut body: Option<String> = None;
    for line in text.lines() {
        match &mut body {
            None if line.starts_with("fn ") && line.ends_with('{') => body = Some(String::new()),
            None => {}
            Some(done) if line == "}" => {
                bodies.insert(std::mem::take(done));
                body = None;
            }
            Some(lines) => {
                lines.push_str(line.strip_prefix("    ").unwrap_or(line));
                lines.push('\n');
            }
        }
    }
    bodies
}

#[test]
fn rust_blocks_are_compiled_in_book_examples() {
    let bodies = example_bodies();
    let mut missing = Vec::new();
    let mut checked = 0;
    for block in all_blocks() {
        if block.lang != "rust" || block.has_flag("ignore") {
            continue;
        }
        checked += 1;
        if !bodies.contains(&block.body) {
            missing.push(block.place());
        }
    }
    assert!(
        missing.is_empty(),
        "rust blocks that are not the body of a test in tests/tests/book_examples.rs: {missing:?}"
    );
    assert!(checked > 0, "the book shows no Rust example");
}

#[test]
fn file_format_chapter_covers_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/mlzone.schema.json")).unwrap(),
    )
    .unwrap();
    let chapter = std::fs::read_to_string(book_src().join("reference/file-format.md")).unwrap();
    let mut objects = vec![&schema];
    let mut missing = Vec::new();
    if let Some(defs) = schema["$defs"].as_object() {
        objects.extend(defs.values());
        for (name, def) in defs {
            let is_object = def.get("properties").is_some();
            if !is_object && !chapter.contains(&format!("`{name}`")) {
                missing.push(format!("type `{name}`"));
            }
            for variant in def["oneOf"].as_array().into_iter().flatten() {
                let value = variant["const"]
                    .as_str()
                    .or_else(|| variant["enum"][0].as_str())
                    .unwrap_or_default();
                if !chapter.contains(&format!("`{value}`")) {
                    missing.push(format!("value `{value}` of `{name}`"));
                }
            }
        }
    }
    for object in objects {
        let required: BTreeSet<&str> = object["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
            .collect();
        for key in object["properties"]
            .as_object()
            .into_iter()
            .flat_map(|p| p.keys())
        {
            let needed = if required.contains(key.as_str()) {
                "yes"
            } else {
                "no"
            };
            if !chapter.contains(&format!("| `{key}` |")) {
                missing.push(format!("key `{key}`"));
            } else if !chapter
                .lines()
                .filter(|line| line.starts_with(&format!("| `{key}` |")))
                .any(|line| line.contains(&format!("| {needed} |")))
            {
                missing.push(format!("key `{key}` marked required: {needed}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "book/src/reference/file-format.md is out of date with schema/mlzone.schema.json \
         (missing: {missing:?})"
    );
}

/// The SARIF section of the CLI chapter says how many rules the log lists, and shows a result
/// with its rule's index: both must be the binary's.
#[test]
fn cli_chapter_counts_the_rules() {
    let text = std::fs::read_to_string(book_src().join("reference/cli.md")).unwrap();
    let rules: Vec<&str> = mlzone_model::validate::rules()
        .map(|info| info.code.as_str())
        .collect();
    let count = format!("lists all {} rules", rules.len());
    assert!(text.contains(&count), "cli.md should say `{count}`");
    let index = rules
        .iter()
        .position(|code| *code == "unrestricted-trade-off")
        .unwrap();
    let shown = format!("\"ruleIndex\": {index},");
    assert!(text.contains(&shown), "cli.md should show `{shown}`");
}

/// The vendored Mermaid release (`book/mermaid/VENDORED.md`).
const MERMAID_VERSION: &str = "12.4.0";

/// A block's body without the indentation of a list item.
fn dedented(body: &str) -> String {
    let indent = body
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    body.lines()
        .map(|line| format!("{}\n", line.get(indent..).unwrap_or_default()))
        .collect()
}

#[test]
fn mermaid_blocks_render_with_the_vendored_script() {
    // `book.toml` loads the vendored script, then the init script; both exist.
    let book = root().join("book");
    let config = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let scripts = ["mermaid/mermaid.min.js", "mermaid/mermaid-init.js"];
    assert!(
        config.contains(&format!(
            "additional-js = [\"{}\", \"{}\"]",
            scripts[0], scripts[1]
        )),
        "book/book.toml must load {scripts:?} in that order"
    );
    for script in scripts {
        assert!(book.join(script).is_file(), "book/{script} is missing");
    }
    // The script is the release VENDORED.md names, with its licence beside it.
    let script = std::fs::read_to_string(book.join(scripts[0])).unwrap();
    assert!(script.contains(&format!("version:\"{MERMAID_VERSION}\"")));
    let vendored = std::fs::read_to_string(book.join("mermaid/VENDORED.md")).unwrap();
    assert!(vendored.contains(&format!("`mermaid` at version {MERMAID_VERSION}")));
    for file in ["LICENSE", "THIRD_PARTY_NOTICES"] {
        assert!(book.join("mermaid").join(file).is_file(), "{file}");
    }
    let init = std::fs::read_to_string(book.join(scripts[1])).unwrap();
    assert!(init.contains("code.language-mermaid") && init.contains("mermaid.run"));

    // The book draws the promotion graph and the pipeline's shape, and every promotion graph
    // it draws is the one mlzone draws for the default topology (`docs/promotion.md`).
    let diagrams: Vec<Block> = all_blocks()
        .into_iter()
        .filter(|block| block.lang == "mermaid")
        .collect();
    let pages: BTreeSet<&str> = diagrams.iter().map(|block| block.page.as_str()).collect();
    for page in ["concepts/environments.md", "reference/outputs.md"] {
        assert!(pages.contains(page), "book/src/{page} has no diagram");
    }
    let loaded = mlzone_model::load_default().unwrap();
    let validated = mlzone_model::validate::validate(loaded.estate).unwrap();
    let templates = mlzone_codegen::Templates::builtin().unwrap();
    let files =
        mlzone_codegen::generate(&validated, &[mlzone_codegen::Target::Docs], &templates).unwrap();
    let promotion = files.get("docs/promotion.md").unwrap();
    let start = promotion.find("```mermaid\n").unwrap() + "```mermaid\n".len();
    let end = start + promotion[start..].find("```").unwrap();
    let drawn = &promotion[start..end];
    for block in &diagrams {
        let body = dedented(&block.body);
        assert!(body.starts_with("flowchart LR\n"), "{}", block.place());
        if block.page != "reference/outputs.md" {
            assert_eq!(body, drawn, "{}: not the graph mlzone draws", block.place());
        }
    }
}
