//! The invariants of `ARCHITECTURE.md` that a scan of the source text decides, among them
//! the layers of codegen's modules.
//!
//! Each check reads the library code of a crate with comments, string and character
//! literals and `#[cfg(test)]` items blanked out (test code may read files and print), and
//! each is shown to fail on a planted violation below.

use std::fs;
use std::path::{Path, PathBuf};

/// The workspace root: this package lives in `tests/`.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// One library file: its path from the workspace root and its code without comments,
/// literals or test items (line breaks kept, so offsets give the lines of the original).
struct Code {
    path: String,
    text: String,
}

impl Code {
    fn new(path: &str, source: &str) -> Self {
        Code {
            path: path.to_owned(),
            text: without_test_items(&blank_comments_and_literals(source)),
        }
    }

    /// `path:line: what` for a finding at byte `offset` of the code.
    fn at(&self, offset: usize, what: &str) -> String {
        let line = self.text[..offset].matches('\n').count() + 1;
        format!("{}:{line}: {what}", self.path)
    }
}

/// The library code under `dir` (a path from the workspace root): every `.rs` file except
/// `tests.rs` files and the files of `tests/` folders, sorted by path.
fn library(dir: &str) -> Vec<Code> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Code>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if path.is_dir() {
                if name != "tests" {
                    walk(root, &path, out);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                let relative = path.strip_prefix(root).unwrap().to_str().unwrap();
                let source = fs::read_to_string(&path).unwrap();
                out.push(Code::new(&relative.replace('\\', "/"), &source));
            }
        }
    }
    let root = root();
    let mut out = Vec::new();
    walk(&root, &root.join(dir), &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(!out.is_empty(), "no Rust files under {dir}");
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `source` with the text of comments, string literals and character literals replaced by
/// spaces, line breaks kept. Lifetimes stay.
fn blank_comments_and_literals(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let previous_is_ident = i > 0 && is_ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if !previous_is_ident
            && matches!(c, 'r' | 'b' | 'c')
            && raw_string_hashes(&chars, i).is_some()
        {
            // r"…", r#"…"#, br"…", cr"…": no escapes, ends at `"` and as many `#`.
            let (start, hashes) = raw_string_hashes(&chars, i).unwrap();
            while i < start {
                blank(&mut out, chars[i]);
                i += 1;
            }
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < chars.len() && !chars[i..].starts_with(&closing) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            for _ in 0..closing.len().min(chars.len() - i) {
                out.push(' ');
                i += 1;
            }
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal ('x', '\n', '\u{…}'), not a lifetime.
            blank(&mut out, c);
            i += 1;
            if chars.get(i) == Some(&'\\') {
                out.push_str("  ");
                i += 2;
            }
            while i < chars.len() && chars[i] != '\'' {
                blank(&mut out, chars[i]);
                i += 1;
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Where the text of a raw string starting at `i` begins and how many `#` close it.
fn raw_string_hashes(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut j = i;
    if matches!(chars.get(j), Some('b' | 'c')) {
        j += 1;
    }
    if chars.get(j) != Some(&'r') {
        return None;
    }
    j += 1;
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    j += hashes;
    (chars.get(j) == Some(&'"')).then_some((j + 1, hashes))
}

/// `code` with every item marked `#[cfg(test)]` blanked, up to its `;` or its closing brace.
fn without_test_items(code: &str) -> String {
    let mut out: Vec<char> = code.chars().collect();
    let marker: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + marker.len() <= out.len() {
        if out[i..].starts_with(&marker) {
            let mut depth = 0;
            let mut j = i;
            while j < out.len() {
                let c = out[j];
                if c != '\n' {
                    out[j] = ' ';
                }
                j += 1;
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ';' if depth == 0 => break,
                    _ => {}
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// Offsets of `word` in `text` where it stands as a whole word (a path segment, a name or a
/// macro name when `word` ends in `!`).
fn words(text: &str, word: &str) -> Vec<usize> {
    text.match_indices(word)
        .filter(|&(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(is_ident) && (word.ends_with('!') || !after.is_some_and(is_ident))
        })
        .map(|(at, _)| at)
        .collect()
}

/// The text from `start` to the bracket that closes the one at `start` (`{`, `(`, `[`).
fn bracketed(text: &str, start: usize) -> &str {
    let mut depth = 0;
    for (offset, c) in text[start..].char_indices() {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..=start + offset];
                }
            }
            _ => {}
        }
    }
    &text[start..]
}

/// The first segment of every path a `use` group `{a, b::c, d as e}` lists.
fn group_heads(group: &str) -> Vec<String> {
    let inner = group.trim_start_matches('{').trim_end_matches('}');
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (offset, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(&inner[start..offset]);
                start = offset + 1;
            }
            _ => {}
        }
    }
    heads.push(&inner[start..]);
    heads
        .into_iter()
        .filter_map(|entry| entry.trim().split("::").next())
        .map(|head| head.trim().to_owned())
        .filter(|head| !head.is_empty())
        .collect()
}

/// IO, clock and environment: what `mlzone-model` and `mlzone-codegen` never touch.
const IO_MODULES: [&str; 4] = ["fs", "net", "env", "process"];
const IO_NAMES: [&str; 6] = [
    "SystemTime",
    "Instant",
    "UNIX_EPOCH",
    "stdin",
    "stdout",
    "stderr",
];
const IO_MACROS: [&str; 5] = ["println!", "print!", "eprintln!", "eprint!", "dbg!"];

/// Uses of the file system, the network, the environment, processes, the clock or the
/// standard streams.
fn io_uses(code: &Code) -> Vec<String> {
    let text = &code.text;
    let mut found = Vec::new();
    for at in words(text, "std") {
        let rest = text[at + 3..].trim_start();
        let Some(rest) = rest.strip_prefix("::") else {
            continue;
        };
        let rest = rest.trim_start();
        let heads = if rest.starts_with('{') {
            group_heads(bracketed(rest, 0))
        } else {
            vec![rest.chars().take_while(|&c| is_ident(c)).collect()]
        };
        for head in heads {
            if IO_MODULES.contains(&head.as_str()) {
                found.push(code.at(at, &format!("uses `std::{head}`")));
            }
        }
    }
    for name in IO_NAMES.iter().chain(&IO_MACROS) {
        for at in words(text, name) {
            found.push(code.at(at, &format!("uses `{name}`")));
        }
    }
    found
}

/// The names a file imports from petgraph (leaves of its `use petgraph::…` trees, or their
/// `as` aliases), and whether it imports everything of a module (`*`).
fn petgraph_names(text: &str) -> (Vec<String>, bool) {
    let mut names = vec!["petgraph".to_owned()];
    let mut glob = false;
    for at in words(text, "use") {
        let statement = &text[at + 3..];
        let statement = &statement[..statement.find(';').unwrap_or(statement.len())];
        if statement
            .trim_start()
            .trim_start_matches("::")
            .starts_with("petgraph")
        {
            let tokens: Vec<String> = statement
                .replace("::", " :: ")
                .replace(['{', '}', ','], " , ")
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            for (index, token) in tokens.iter().enumerate() {
                let next = tokens.get(index + 1).map(String::as_str);
                if token == "*" {
                    glob = true;
                } else if token.chars().all(is_ident)
                    && !matches!(token.as_str(), "self" | "as")
                    && next != Some("::")
                    && next != Some("as")
                {
                    names.push(token.clone());
                }
            }
        }
    }
    (names, glob)
}

/// The public items whose signature names a petgraph type: `pub` (not `pub(…)`) functions,
/// fields, types, constants and re-exports, and the variants of public enums and the items
/// of public traits.
fn petgraph_in_public_signatures(code: &Code) -> Vec<String> {
    let text = &code.text;
    if words(text, "petgraph").is_empty() {
        return Vec::new();
    }
    let (names, glob) = petgraph_names(text);
    let mut found = Vec::new();
    if glob {
        found.push(code.at(
            0,
            "imports petgraph with `*`, which hides what reaches a signature",
        ));
    }
    for at in words(text, "pub") {
        let rest = &text[at + 3..];
        if rest.trim_start().starts_with('(') {
            continue;
        }
        let signature = public_signature(rest);
        for name in &names {
            if !words(signature, name).is_empty() {
                found.push(code.at(at, &format!("`{name}` in a public signature")));
            }
        }
    }
    found
}

/// What a `pub` item shows: up to its body (a function's, a struct's) or the end of a field,
/// the whole body of an enum or trait, the whole of a type alias or `use`.
fn public_signature(rest: &str) -> &str {
    let keyword: String = rest
        .trim_start()
        .chars()
        .take_while(|&c| is_ident(c))
        .collect();
    let whole_body = matches!(keyword.as_str(), "enum" | "trait");
    let to_semicolon = matches!(keyword.as_str(), "type" | "use");
    let mut depth = 0i32;
    let mut previous = ' ';
    for (offset, c) in rest.char_indices() {
        match c {
            '(' | '[' | '<' => depth += 1,
            '>' if previous == '-' => {}
            ')' | ']' | '>' => depth -= 1,
            '{' if whole_body => return bracketed(rest, offset),
            _ => {}
        }
        let ends = match c {
            ';' => true,
            _ if to_semicolon => false,
            '{' | '=' => depth <= 0,
            ',' | '}' => depth <= 0,
            ')' => depth < 0,
            _ => false,
        };
        if ends {
            return &rest[..offset];
        }
        previous = c;
    }
    rest
}

/// Uses of serde in a file.
fn serde_uses(code: &Code) -> Vec<String> {
    ["serde", "Serialize", "Deserialize"]
        .iter()
        .flat_map(|name| {
            words(&code.text, name)
                .into_iter()
                .map(move |at| code.at(at, &format!("uses `{name}`")))
        })
        .collect()
}

/// Hash-ordered collections: the only collections whose order is not a function of their
/// contents.
fn hash_collections(code: &Code) -> Vec<String> {
    ["HashMap", "HashSet", "HashTable", "RandomState"]
        .iter()
        .flat_map(|name| {
            words(&code.text, name)
                .into_iter()
                .map(move |at| code.at(at, &format!("uses `{name}`")))
        })
        .collect()
}

/// The files ARCHITECTURE.md names as the places hash maps are looked up and never walked.
const HASHED: [&str; 8] = [
    "model/src/load/spans.rs",
    "model/src/load/yaml/walk.rs",
    "model/src/source.rs",
    "model/src/validate/context.rs",
    "model/src/validate/rules/name_collision.rs",
    "model/src/validate/rules/one_workspace.rs",
    "codegen/src/plan/registry/mod.rs",
    "codegen/src/fileset/json.rs",
];

/// Calls of an estate id's crate-private constructor (and its definition).
fn id_makers(code: &Code) -> Vec<String> {
    words(&code.text, "from_index")
        .into_iter()
        .map(|at| code.at(at, "makes an estate id"))
        .collect()
}

/// The files ARCHITECTURE.md allows to make estate ids: the estate and resolution.
const ID_MAKERS: [&str; 5] = [
    "model/src/estate/mod.rs",
    "model/src/resolve/environments.rs",
    "model/src/resolve/guardrails.rs",
    "model/src/resolve/personas.rs",
    "model/src/resolve/roles.rs",
];

/// Lint attributes that let code index (`allow` or `expect` of `clippy::indexing_slicing`).
fn indexing_allowed(code: &Code) -> Vec<String> {
    words(&code.text, "indexing_slicing")
        .into_iter()
        .map(|at| code.at(at, "lets code index"))
        .collect()
}

/// The layers of `codegen/src`, lowest first, each with its top-level modules. A module
/// imports only from its own layer and the layers below, and the imports have no cycle.
const CODEGEN_LAYERS: [(&str, &[&str]); 5] = [
    ("foundations", &["error", "syntax", "escape", "fileset"]),
    ("plan", &["plan"]),
    ("render", &["samples", "templates"]),
    ("targets", &["targets"]),
    ("entry point", &["generate"]),
];

/// The layers of `model/src`, lowest first, each with its top-level modules. The permission
/// engine is the crate `mlzone-rbac` below them all (re-exported as `rbac`, in no layer); the
/// pipeline (text → document → estate) sits on resolution, and the validator on both.
const MODEL_LAYERS: [(&str, &[&str]); 8] = [
    (
        "foundations",
        &["diagnostic", "source", "newtypes", "vocabulary"],
    ),
    ("document", &["document", "synthetic"]),
    ("loading", &["load", "schema"]),
    ("estate", &["estate", "naming", "promotion", "policy"]),
    ("resolution", &["resolve", "builder", "unparse", "pipeline"]),
    ("access", &["access", "guardrails"]),
    ("validation", &["validate"]),
    ("audit", &["audit"]),
];

/// The module a file of the crate under `src` is, as its path of names
/// (`codegen/src/plan/docs/mod.rs` → `plan::docs`; the crate root is empty).
fn module_path(path: &str, src: &str) -> Vec<String> {
    let relative = path.strip_prefix(src).unwrap().trim_start_matches('/');
    let relative = relative.strip_suffix(".rs").unwrap();
    let mut segments: Vec<String> = relative.split('/').map(str::to_owned).collect();
    if matches!(
        segments.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        segments.pop();
    }
    segments
}

/// What the crate root re-exports, by name: `pub use generate::{Target, generate};` gives
/// `Target` → `generate` and `generate` → `generate`.
fn reexports(root: &Code) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for at in words(&root.text, "use") {
        let statement = &root.text[at + 3..];
        let statement = statement[..statement.find(';').unwrap_or(statement.len())].trim();
        let Some((module, rest)) = statement.split_once("::") else {
            continue;
        };
        for entry in rest.trim().trim_matches(['{', '}']).split(',') {
            let name = entry.trim().rsplit("::").next().unwrap().trim();
            if !name.is_empty() {
                out.insert(name.to_owned(), module.trim().to_owned());
            }
        }
    }
    out
}

/// The crates the crate root re-exports whole under a name (`pub use mlzone_rbac as rbac;`
/// gives `rbac`): paths through them leave the crate, so they are no module of it.
fn reexported_crates(root: &Code) -> Vec<String> {
    words(&root.text, "use")
        .into_iter()
        .filter_map(|at| {
            let statement = &root.text[at + 3..];
            let statement = statement[..statement.find(';').unwrap_or(statement.len())].trim();
            let (krate, name) = statement.split_once(" as ")?;
            let is_name = |s: &str| !s.is_empty() && s.chars().all(is_ident);
            (is_name(krate.trim()) && is_name(name.trim())).then(|| name.trim().to_owned())
        })
        .collect()
}

/// The top-level modules that the paths starting at `rest` (the text after `crate::`, or
/// after the `super::` that reach the crate root) name: one, or one per entry of a group.
fn heads_at(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    if rest.starts_with('{') {
        group_heads(bracketed(rest, 0))
    } else {
        vec![rest.chars().take_while(|&c| is_ident(c)).collect()]
    }
}

/// The top-level modules of the crate that a file imports from, each with where: every path
/// starting with `crate::` or `super::` (in `use` or in code), names the crate root
/// re-exports read as their module's, the file's own top-level module left out.
fn module_imports(
    code: &Code,
    module: &[String],
    reexports: &std::collections::BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let text = &code.text;
    let Some(own) = module.first() else {
        return Vec::new();
    };
    let mut heads: Vec<(usize, String)> = Vec::new();
    for at in words(text, "crate") {
        if let Some(rest) = text[at + 5..].trim_start().strip_prefix("::") {
            heads.extend(heads_at(rest).into_iter().map(|head| (at, head)));
        }
    }
    for at in words(text, "super") {
        let before = text[..at].trim_end();
        if before.ends_with("::") {
            continue; // the second `super` of `super::super::`, counted with the first
        }
        let mut rest = &text[at..];
        let mut depth = 0;
        while let Some(after) = rest.strip_prefix("super") {
            let Some(after) = after.trim_start().strip_prefix("::") else {
                break;
            };
            depth += 1;
            rest = after.trim_start();
        }
        if depth == 0 {
            continue;
        }
        match module.len().checked_sub(depth) {
            Some(0) => heads.extend(heads_at(rest).into_iter().map(|head| (at, head))),
            Some(_) => heads.push((at, own.clone())),
            None => heads.push((at, "<outside the crate>".to_owned())),
        }
    }
    heads
        .into_iter()
        .map(|(at, head)| (at, reexports.get(&head).cloned().unwrap_or(head)))
        .filter(|(_, head)| head != own)
        .map(|(at, head)| {
            let line = code.at(at, &format!("imports `{head}`"));
            (head, line)
        })
        .collect()
}

/// The imports between the top-level modules of the crate under `src`, as (from, to, where);
/// paths through a crate the root re-exports whole are not imports between its modules.
fn module_graph(files: &[Code], src: &str) -> Vec<(String, String, String)> {
    let root_path = format!("{src}/lib.rs");
    let root = files.iter().find(|code| code.path == root_path);
    let reexports = root.map(reexports).unwrap_or_default();
    let crates = root.map(reexported_crates).unwrap_or_default();
    let mut edges = Vec::new();
    for code in files {
        let module = module_path(&code.path, src);
        for (to, line) in module_imports(code, &module, &reexports) {
            if !crates.contains(&to) {
                edges.push((module[0].clone(), to, line));
            }
        }
    }
    edges
}

/// Imports that point up or sideways into a cycle, and modules no layer lists.
fn layer_violations(edges: &[(String, String, String)], layers: &[(&str, &[&str])]) -> Vec<String> {
    let layer = |module: &str| {
        layers
            .iter()
            .position(|(_, modules)| modules.contains(&module))
    };
    let mut found = Vec::new();
    for (from, to, line) in edges {
        match (layer(from), layer(to)) {
            (Some(a), Some(b)) if b > a => found.push(format!(
                "{line}: `{from}` ({}) imports `{to}` ({}), a higher layer",
                layers[a].0, layers[b].0
            )),
            (Some(_), Some(_)) => {}
            (None, _) => found.push(format!("{line}: `{from}` is in no layer")),
            (_, None) => found.push(format!("{line}: `{to}` is in no layer")),
        }
    }
    found.extend(cycles(edges));
    found
}

/// One cycle through each module that is on one, as `a → b → a`.
fn cycles(edges: &[(String, String, String)]) -> Vec<String> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut next: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (from, to, _) in edges {
        next.entry(from).or_default().insert(to);
    }
    let mut found = BTreeSet::new();
    for &start in next.keys() {
        // Depth-first search for a path from `start` back to itself.
        let mut stack = vec![vec![start]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = *path.last().unwrap();
            for &to in next.get(last).into_iter().flatten() {
                if to == start {
                    let mut cycle = path.clone();
                    let smallest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap();
                    cycle.rotate_left(smallest);
                    cycle.push(cycle[0]);
                    found.insert(format!("a module cycle: {}", cycle.join(" → ")));
                } else if seen.insert(to) {
                    let mut longer = path.clone();
                    longer.push(to);
                    stack.push(longer);
                }
            }
        }
    }
    found.into_iter().collect()
}

/// The modules the crate root declares (`mod x;`, `pub mod x;`).
fn declared_modules(root: &Code) -> Vec<String> {
    words(&root.text, "mod")
        .into_iter()
        .map(|at| {
            root.text[at + 3..]
                .trim_start()
                .chars()
                .take_while(|&c| is_ident(c))
                .collect()
        })
        .collect()
}

fn assert_none(what: &str, found: &[String]) {
    assert!(found.is_empty(), "{what}:\n  {}", found.join("\n  "));
}

#[test]
fn model_and_codegen_do_no_io() {
    let found: Vec<String> = ["rbac/src", "model/src", "codegen/src"]
        .iter()
        .flat_map(|dir| library(dir))
        .flat_map(|code| io_uses(&code))
        .collect();
    assert_none(
        "the core crates touch files, network, environment, processes, the clock or \
         the standard streams",
        &found,
    );
}

#[test]
fn petgraph_never_appears_in_a_public_signature() {
    let found: Vec<String> = ["rbac/src", "model/src", "codegen/src"]
        .iter()
        .flat_map(|dir| library(dir))
        .flat_map(|code| petgraph_in_public_signatures(&code))
        .collect();
    assert_none("petgraph reaches a public signature", &found);
}

#[test]
fn serde_never_appears_on_estate_types() {
    let found: Vec<String> = library("model/src/estate")
        .iter()
        .flat_map(serde_uses)
        .collect();
    assert_none("serde in `model/src/estate/`", &found);
}

#[test]
fn hash_maps_appear_only_where_architecture_says() {
    let found: Vec<String> = ["rbac/src", "model/src", "codegen/src"]
        .iter()
        .flat_map(|dir| library(dir))
        .filter(|code| !HASHED.contains(&code.path.as_str()))
        .flat_map(|code| hash_collections(&code))
        .collect();
    assert_none(
        "a hash-ordered collection outside the files ARCHITECTURE.md lists (its order could \
         leak into the output; use a `BTreeMap`, or list the file there if it is only looked up)",
        &found,
    );
    for path in HASHED {
        assert!(
            root().join(path).is_file(),
            "{path} is listed as holding hash maps but does not exist"
        );
    }
}

#[test]
fn only_resolution_makes_estate_ids() {
    let found: Vec<String> = ["model/src", "codegen/src"]
        .iter()
        .flat_map(|dir| library(dir))
        .filter(|code| !ID_MAKERS.contains(&code.path.as_str()))
        .flat_map(|code| id_makers(&code))
        .collect();
    assert_none(
        "an estate id made outside resolution (an id must name an item of the estate that \
         holds it, or `estate[id]` could fail)",
        &found,
    );
    for path in ID_MAKERS {
        let code = library("model/src")
            .into_iter()
            .find(|code| code.path == path)
            .unwrap_or_else(|| panic!("{path} is listed as making ids but does not exist"));
        assert!(!id_makers(&code).is_empty(), "{path} no longer makes ids");
    }
}

#[test]
fn only_the_estate_lookup_by_id_indexes() {
    let found: Vec<String> = [
        "rbac/src",
        "model/src",
        "codegen/src",
        "bindings/cli/src",
        "bindings/python/src",
    ]
    .iter()
    .flat_map(|dir| library(dir))
    .filter(|code| code.path != "model/src/estate/mod.rs")
    .flat_map(|code| indexing_allowed(&code))
    .collect();
    assert_none(
        "library code lets itself index outside `estate[id]` (look items up with `get`)",
        &found,
    );
}

/// The violations of `layers` by the crate under `src`, with a check that every module the
/// crate root declares is in exactly one layer.
fn crate_layer_violations(src: &str, layers: &[(&str, &[&str])]) -> Vec<String> {
    let files = library(src);
    let edges = module_graph(&files, src);
    let root_path = format!("{src}/lib.rs");
    let root = files.iter().find(|code| code.path == root_path).unwrap();
    let mut declared = declared_modules(root);
    declared.sort();
    let mut listed: Vec<String> = layers
        .iter()
        .flat_map(|(_, modules)| modules.iter().map(|m| (*m).to_owned()))
        .collect();
    listed.sort();
    assert_eq!(
        declared, listed,
        "every module of {src} is in exactly one layer"
    );
    layer_violations(&edges, layers)
}

#[test]
fn codegen_modules_only_point_down() {
    let edges = module_graph(&library("codegen/src"), "codegen/src");
    assert!(
        edges
            .iter()
            .any(|(from, to, _)| from == "targets" && to == "plan"),
        "the scanner found no import of the plan by the targets"
    );
    assert_none(
        "codegen's modules import against its layers (ARCHITECTURE.md: foundations, plan, \
         render, targets, entry point)",
        &crate_layer_violations("codegen/src", &CODEGEN_LAYERS),
    );
}

#[test]
fn model_modules_only_point_down() {
    let edges = module_graph(&library("model/src"), "model/src");
    assert!(
        edges
            .iter()
            .any(|(from, to, _)| from == "validate" && to == "estate"),
        "the scanner found no import of the estate by the validator"
    );
    assert_none(
        "the model's modules import against its layers (ARCHITECTURE.md: foundations, \
         document, loading, estate, resolution, access, validation)",
        &crate_layer_violations("model/src", &MODEL_LAYERS),
    );
}

/// Paths into another mlzone crate (`mlzone_model::…`, `::mlzone_codegen`).
fn mlzone_crate_paths(code: &Code) -> Vec<String> {
    let text = &code.text;
    text.match_indices("mlzone_")
        .filter(|(at, _)| !text[..*at].ends_with(is_ident))
        .map(|(at, _)| {
            let name: String = text[at..].chars().take_while(|&c| is_ident(c)).collect();
            code.at(at, &format!("names `{name}`"))
        })
        .collect()
}

/// The mlzone packages a manifest depends on: keys and table headers that name one.
fn mlzone_dependencies(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .map(str::trim)
        .filter(|line| {
            line.starts_with("mlzone") || (line.starts_with('[') && line.contains("mlzone"))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_permission_engine_imports_no_mlzone_crate() {
    let mut found: Vec<String> = library("rbac/src")
        .iter()
        .flat_map(mlzone_crate_paths)
        .collect();
    let manifest = fs::read_to_string(root().join("rbac/Cargo.toml")).unwrap();
    found.extend(
        mlzone_dependencies(&manifest)
            .into_iter()
            .map(|line| format!("rbac/Cargo.toml: {line}")),
    );
    assert_none(
        "the permission engine (`rbac/`) depends on another mlzone crate (ARCHITECTURE.md: it \
         sits below the model and knows nothing of it)",
        &found,
    );
}

/// Every check finds a planted violation and passes over the same words where they are
/// harmless: in comments, literals and test items.
#[test]
fn checks_find_planted_violations() {
    let harmless = r##"
        //! Uses std::fs, `HashMap`, petgraph, mlzone_model and serde::Serialize in prose.
        /* println!("{}", std::env::var("X")) /* nested */ SystemTime */
        const A: &str = "std::fs::read Instant::now HashSet PersonaId::from_index(0)";
        const B: &str = r#"std::process "quoted" Deserialize"#;
        const C: char = '"';
        fn lifetime<'a>(x: &'a str) -> &'a str { x }
        #[cfg(test)]
        mod tests {
            use std::fs;
            #[expect(clippy::indexing_slicing)]
            fn i(v: &[u8]) -> u8 { v[0] }
            fn t() { println!("{:?}", std::time::Instant::now()); }
        }
        pub(crate) fn graph(g: &petgraph::Graph<u8, u8>) {}
    "##;
    let code = Code::new("harmless.rs", harmless);
    assert_eq!(io_uses(&code), Vec::<String>::new());
    assert_eq!(petgraph_in_public_signatures(&code), Vec::<String>::new());
    assert_eq!(serde_uses(&code), Vec::<String>::new());
    assert_eq!(hash_collections(&code), Vec::<String>::new());
    assert_eq!(id_makers(&code), Vec::<String>::new());
    assert_eq!(indexing_allowed(&code), Vec::<String>::new());
    assert_eq!(mlzone_crate_paths(&code), Vec::<String>::new());

    let io = [
        "fn f() { let _ = std::fs::read(\"x\"); }",
        "use std::{collections::BTreeMap, env};",
        "use ::std::net::TcpStream;",
        "use std::process;",
        "fn f() -> std::time::SystemTime { todo!() }",
        "fn f() { let _ = Instant::now(); }",
        "fn f() { println!(\"x\"); }",
        "fn f() { dbg!(1); }",
    ];
    for planted in io {
        assert_eq!(io_uses(&Code::new("p.rs", planted)).len(), 1, "{planted}");
    }

    let public = [
        "pub fn f(g: &petgraph::Graph<u8, u8>) {}",
        "use petgraph::graph::{DiGraph, NodeIndex};\npub struct S { pub node: NodeIndex }",
        "use petgraph::graph::NodeIndex as Ix;\npub fn f() -> Option<Ix> { None }",
        "use petgraph::graph::NodeIndex;\npub enum E { A(NodeIndex) }",
        "use petgraph::graph::NodeIndex;\npub struct S(pub NodeIndex);",
        "pub use petgraph::graph::NodeIndex;",
        "pub type G = petgraph::Graph<u8, u8>;",
        "use petgraph::prelude::*;",
    ];
    for planted in public {
        assert!(
            !petgraph_in_public_signatures(&Code::new("p.rs", planted)).is_empty(),
            "{planted}"
        );
    }
    let private = [
        "use petgraph::graph::NodeIndex;\npub(crate) struct S(NodeIndex);\npub fn f() {}",
        "use petgraph::graph::NodeIndex;\npub struct S { node: NodeIndex, pub n: u8 }",
        "use petgraph::graph::NodeIndex;\npub fn f() -> u8 { let n: NodeIndex = todo!(); 0 }",
    ];
    for planted in private {
        assert_eq!(
            petgraph_in_public_signatures(&Code::new("p.rs", planted)),
            Vec::<String>::new(),
            "{planted}"
        );
    }

    let serde = "#[derive(Debug, serde::Serialize)]\npub struct Estate;";
    assert_eq!(serde_uses(&Code::new("p.rs", serde)).len(), 2);
    let hashed = "use foldhash::HashMap;\nfn f(_: &HashMap<u8, u8>) {}";
    assert_eq!(hash_collections(&Code::new("p.rs", hashed)).len(), 2);
    let made = "fn f() -> PersonaId { PersonaId::from_index(0) }";
    assert_eq!(id_makers(&Code::new("p.rs", made)).len(), 1);
    let indexing =
        "#[expect(clippy::indexing_slicing, reason = \"\")]\nfn f(v: &[u8]) -> u8 { v[0] }";
    assert_eq!(indexing_allowed(&Code::new("p.rs", indexing)).len(), 1);
    let other_crates = [
        "use mlzone_model::Estate;",
        "fn f() -> ::mlzone_codegen::FileSet { todo!() }",
        "pub use mlzone_model as model;",
    ];
    for planted in other_crates {
        assert_eq!(
            mlzone_crate_paths(&Code::new("p.rs", planted)).len(),
            1,
            "{planted}"
        );
    }
    assert_eq!(
        mlzone_crate_paths(&Code::new("p.rs", "fn not_mlzone_x() {}")),
        Vec::<String>::new()
    );
    let manifest = "[package]\nname = \"mlzone-rbac\"\n[dependencies]\nserde.workspace = true\n";
    assert_eq!(mlzone_dependencies(manifest), Vec::<String>::new());
    for planted in [
        "[dependencies]\nmlzone-model.workspace = true\n",
        "[dev-dependencies.mlzone-model]\nworkspace = true\n",
    ] {
        assert_eq!(mlzone_dependencies(planted).len(), 1, "{planted}");
    }

    let src = "codegen/src";
    let layered = |files: &[(&str, &str)]| {
        let files: Vec<Code> = files.iter().map(|(p, t)| Code::new(p, t)).collect();
        layer_violations(&module_graph(&files, src), &CODEGEN_LAYERS)
    };
    let root = (
        "codegen/src/lib.rs",
        "pub mod plan;\npub use generate::{Target, generate};\npub use templates::Templates;",
    );
    let down = [
        root,
        (
            "codegen/src/targets/bicep.rs",
            "use crate::plan::views::MainView;\nuse crate::{Templates, fileset::FileSet};",
        ),
        (
            "codegen/src/plan/docs/pages.rs",
            "use super::super::{Plan, ProjectPlan};\nuse crate::error::Error;",
        ),
        (
            "codegen/src/plan/project.rs",
            "fn f() { let _ = super::KINDS; }\n#[cfg(test)]\nmod tests { use crate::targets::bicep; }",
        ),
        (
            "codegen/src/templates/lint.rs",
            "use super::engine::filters_of;\n// use crate::generate;\nconst A: &str = \"crate::targets\";",
        ),
        (
            "codegen/src/templates/overrides.rs",
            "use super::builtin::{BUILTINS, builtin};\nuse crate::{fileset::FileSet, syntax::ALL_SYNTAXES};",
        ),
    ];
    assert_eq!(layered(&down), Vec::<String>::new());
    let back_edges = [
        (
            "codegen/src/plan/docs/pages.rs",
            "use crate::targets::docs::DocsView;",
        ),
        (
            "codegen/src/plan/mod.rs",
            "fn f() -> crate::Templates { todo!() }",
        ),
        (
            "codegen/src/samples.rs",
            "use crate::{plan::Plan, targets::bicep};",
        ),
        ("codegen/src/escape.rs", "use crate::plan::Operand;"),
        (
            "codegen/src/plan.rs",
            "pub struct P { g: crate::generate::Target }",
        ),
        ("codegen/src/templates.rs", "use crate::new_module::Thing;"),
        (
            "codegen/src/templates/engine.rs",
            "use crate::targets::bicep;",
        ),
    ];
    for planted in back_edges {
        assert_eq!(layered(&[root, planted]).len(), 1, "{planted:?}");
    }
    let cycle = [
        ("codegen/src/error.rs", "use crate::syntax::Syntax;"),
        (
            "codegen/src/syntax.rs",
            "fn f() -> crate::fileset::FileSet { todo!() }",
        ),
        ("codegen/src/fileset.rs", "use super::error::Error;"),
    ];
    assert_eq!(
        layered(&cycle),
        vec!["a module cycle: error → syntax → fileset → error".to_owned()]
    );

    let model = |files: &[(&str, &str)]| {
        let files: Vec<Code> = files.iter().map(|(p, t)| Code::new(p, t)).collect();
        layer_violations(&module_graph(&files, "model/src"), &MODEL_LAYERS)
    };
    let model_root = (
        "model/src/lib.rs",
        "pub mod document;\npub use mlzone_rbac as rbac;\npub use pipeline::{\n    Loaded, load_estate, load_source,\n};",
    );
    let down = [
        model_root,
        ("model/src/newtypes.rs", "use crate::rbac::Pattern;"),
        (
            "model/src/document/role.rs",
            "#[schemars(length(max = super::limits::MAX_NAME_TEXT))]\nuse crate::newtypes::Slug;",
        ),
        (
            "model/src/resolve/mod.rs",
            "use crate::document::limits::MAX_TAGS;\nfn f(c: Code) -> bool { c.is_rule() }",
        ),
        (
            "model/src/validate/mod.rs",
            "fn f() { crate::load_source(todo!(), todo!(), todo!()); }",
        ),
    ];
    assert_eq!(model(&down), Vec::<String>::new());
    let back_edges = [
        (
            "model/src/document/mod.rs",
            "use crate::resolve::{MAX_DESCRIPTION, MAX_NAME_TEXT};",
        ),
        (
            "model/src/document/role.rs",
            "#[schemars(length(max = crate::resolve::MAX_NAME_TEXT))]",
        ),
        ("model/src/newtypes.rs", "use crate::estate::Estate;"),
        (
            "model/src/estate/mod.rs",
            "fn f() { crate::validate::rule(c); }",
        ),
        ("model/src/load/json/scan.rs", "use crate::Loaded;"),
    ];
    for planted in back_edges {
        assert_eq!(model(&[model_root, planted]).len(), 1, "{planted:?}");
    }
    let cycle = [
        model_root,
        (
            "model/src/resolve/mod.rs",
            "fn f() { crate::validate::rule(c); }",
        ),
        (
            "model/src/validate/mod.rs",
            "fn f() { crate::load_source(s, f, l); }",
        ),
        ("model/src/pipeline.rs", "use crate::resolve::resolve;"),
    ];
    assert_eq!(
        model(&cycle),
        vec![
            "model/src/resolve/mod.rs:1: imports `validate`: `resolve` (resolution) imports \
             `validate` (validation), a higher layer"
                .to_owned(),
            "a module cycle: pipeline → resolve → validate → pipeline".to_owned(),
        ]
    );
}

/// Calls that find the span of a pointer's key or nearest located item: the first step of
/// turning a pointer into a location, which only `source.rs` takes.
fn pointer_locating(code: &Code) -> Vec<String> {
    ["nearest_span", "key_span"]
        .iter()
        .flat_map(|name| words(&code.text, name))
        .map(|at| code.at(at, "locates a pointer"))
        .collect()
}

#[test]
fn only_the_source_module_locates_pointers() {
    let found: Vec<String> = [
        "model/src",
        "codegen/src",
        "bindings/cli/src",
        "bindings/python/src",
    ]
    .iter()
    .flat_map(|dir| library(dir))
    .filter(|code| code.path != "model/src/source.rs")
    .flat_map(|code| pointer_locating(&code))
    .collect();
    assert_none(
        "a pointer located outside `model/src/source.rs` (locate the diagnostic with \
         `Located::locate` or `Locator::locate`, with an `Anchor` for special cases)",
        &found,
    );
    let planted = Code::new(
        "model/src/pipeline.rs",
        "fn f(m: &SourceMap) -> Option<Span> { m.key_span(\"/a\").or(m.nearest_span(\"/a\")) }",
    );
    assert_eq!(pointer_locating(&planted).len(), 2);
}
