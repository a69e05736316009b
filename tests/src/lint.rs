//! A Bicep linter on the tree-sitter-bicep parse: the rules of the Bicep linter that the parse
//! tree of one file decides, written from their documentation (learn.microsoft.com, "Bicep
//! linter", one page per rule). A `#disable-next-line <rule>…` comment silences the rules it
//! names on the next line, as in Bicep.
//!
//! Rules: `no-hardcoded-location`, `prefer-unquoted-property-names`, `no-unused-params`,
//! `no-unused-vars`, `no-unnecessary-dependson`, `use-parent-property`,
//! `simplify-interpolation`, `outputs-should-not-contain-secrets`, `secure-secrets-in-params`,
//! `no-hardcoded-env-urls`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use tree_sitter::Node;

use crate::bicep::{body_object, decode_string, named_children, parse, text, visit};

/// Every rule this linter knows.
pub const RULES: [&str; 10] = [
    "no-hardcoded-location",
    "prefer-unquoted-property-names",
    "no-unused-params",
    "no-unused-vars",
    "no-unnecessary-dependson",
    "use-parent-property",
    "simplify-interpolation",
    "outputs-should-not-contain-secrets",
    "secure-secrets-in-params",
    "no-hardcoded-env-urls",
];

/// The hosts `no-hardcoded-env-urls` flags by default, and those it leaves alone.
const ENV_HOSTS: [&str; 12] = [
    "management.core.windows.net",
    "gallery.azure.com",
    "management.azure.com",
    "database.windows.net",
    "core.windows.net",
    "login.microsoftonline.com",
    "graph.windows.net",
    "vault.azure.net",
    "datalake.azure.net",
    "azuredatalakestore.net",
    "azuredatalakeanalytics.net",
    "batch.core.windows.net",
];
const ENV_HOST_EXCLUSIONS: [&str; 3] = ["schema", "go.microsoft.com", "aka.ms"];

/// Words that make a name look like it holds a secret (`secure-secrets-in-params`,
/// `outputs-should-not-contain-secrets`), and endings that make it a setting about one.
const SECRET_WORDS: [&str; 5] = ["password", "secret", "token", "accountkey", "pwd"];
const NOT_SECRET_ENDINGS: [&str; 6] = ["name", "uri", "url", "version", "length", "id"];

/// One finding: the rule, the 1-based line and what was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The rule's code.
    pub rule: &'static str,
    /// The 1-based line.
    pub line: usize,
    /// What was found.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.rule, self.message)
    }
}

/// Lints one Bicep file.
pub fn lint(source: &str) -> Vec<Finding> {
    let tree = parse(source);
    let root = tree.root_node();
    let mut lint = Lint {
        source,
        findings: Vec::new(),
    };
    lint.declarations(root);
    visit(root, &mut |node| lint.node(node));
    let disabled = disabled_lines(root, source);
    let mut findings: Vec<Finding> = lint
        .findings
        .into_iter()
        .filter(|f| {
            !disabled
                .get(&f.line)
                .is_some_and(|rules| rules.contains(f.rule))
        })
        .collect();
    findings.sort();
    findings.dedup();
    findings
}

struct Lint<'s> {
    source: &'s str,
    findings: Vec<Finding>,
}

impl<'s> Lint<'s> {
    fn find(&mut self, rule: &'static str, node: Node<'_>, message: String) {
        self.findings.push(Finding {
            rule,
            line: node.start_position().row + 1,
            message,
        });
    }

    fn text(&self, node: Node<'_>) -> &'s str {
        text(node, self.source)
    }

    /// The rules that look at the file's declarations together.
    fn declarations(&mut self, root: Node<'_>) {
        let statements = named_children(root);
        let references = references(root, self.source);
        let mut secure = false;
        let mut string_vars: BTreeSet<&str> = BTreeSet::new();
        let mut secure_params: BTreeSet<&str> = BTreeSet::new();
        for statement in &statements {
            let kind = statement.kind();
            if kind == "decorators" {
                secure = self.text(*statement).contains("@secure(");
                continue;
            }
            if kind.contains("comment") {
                continue;
            }
            let children = named_children(*statement);
            let name = children.iter().find(|c| c.kind() == "identifier").copied();
            let was_secure = std::mem::take(&mut secure);
            let Some(name) = name else { continue };
            let symbol = self.text(name);
            match kind {
                "parameter_declaration" => {
                    if !references.contains(symbol) {
                        self.find(
                            "no-unused-params",
                            name,
                            format!("parameter `{symbol}` is never used"),
                        );
                    }
                    if was_secure {
                        secure_params.insert(symbol);
                    } else if looks_secret(symbol) {
                        self.find(
                            "secure-secrets-in-params",
                            name,
                            format!(
                                "parameter `{symbol}` looks like a secret but is not @secure()"
                            ),
                        );
                    }
                }
                "variable_declaration" => {
                    if !references.contains(symbol) {
                        self.find(
                            "no-unused-vars",
                            name,
                            format!("variable `{symbol}` is never used"),
                        );
                    }
                    if children.last().is_some_and(|v| v.kind() == "string") {
                        string_vars.insert(symbol);
                    }
                }
                "output_declaration" => {
                    let value = children.last().copied();
                    let value_text = value.map(|v| self.text(v)).unwrap_or_default();
                    let calls_list = value.is_some_and(|v| calls_list_function(v, self.source));
                    let uses_secure = value.is_some_and(|v| {
                        let mut found = false;
                        visit(v, &mut |n| {
                            found |=
                                n.kind() == "identifier" && secure_params.contains(self.text(n));
                        });
                        found
                    });
                    if looks_secret(symbol) || calls_list || uses_secure {
                        self.find(
                            "outputs-should-not-contain-secrets",
                            name,
                            format!("output `{symbol}` may return a secret: `{value_text}`"),
                        );
                    }
                }
                _ => {}
            }
        }
        // `no-hardcoded-location` through a variable holding a literal.
        let mut hits = Vec::new();
        visit(root, &mut |node| {
            if let Some((key, value)) = key_value(node, self.source)
                && key == "location"
                && value.kind() == "identifier"
                && string_vars.contains(self.text(value))
            {
                hits.push(value);
            }
        });
        for value in hits {
            let symbol = self.text(value);
            self.find(
                "no-hardcoded-location",
                value,
                format!("location is variable `{symbol}`, which holds a literal"),
            );
        }
    }

    /// The rules that look at one node.
    fn node(&mut self, node: Node<'_>) {
        match node.kind() {
            "object_property" => self.property(node),
            "string" => self.string(node),
            "resource_declaration" | "module_declaration" => self.declaration(node),
            _ => {}
        }
    }

    fn property(&mut self, node: Node<'_>) {
        let parts: Vec<Node<'_>> = named_children(node)
            .into_iter()
            .filter(|c| !c.kind().contains("comment"))
            .collect();
        let Some(key) = parts.first().copied() else {
            return;
        };
        if key.kind() == "string"
            && let Ok(decoded) = decode_string(key, self.source)
            && is_identifier(&decoded)
        {
            self.find(
                "prefer-unquoted-property-names",
                key,
                format!("key `{decoded}` can be written without quotes"),
            );
        }
    }

    fn string(&mut self, node: Node<'_>) {
        let parts = named_children(node);
        let interpolations = parts.iter().filter(|p| p.kind() == "interpolation").count();
        let contents = parts
            .iter()
            .filter(|p| p.kind() == "string_content" || p.kind() == "escape_sequence")
            .count();
        if interpolations == 1 && contents == 0 {
            let raw = self.text(node);
            self.find(
                "simplify-interpolation",
                node,
                format!("`{raw}` is one interpolation: write the expression"),
            );
        }
        let raw = self.text(node).to_ascii_lowercase();
        for host in ENV_HOSTS {
            let hit = raw.match_indices(host).any(|(at, _)| {
                let before = raw.get(..at).unwrap_or_default();
                let boundary = before.is_empty() || before.ends_with(['.', '/', '\'', '@', ' ']);
                boundary && !ENV_HOST_EXCLUSIONS.iter().any(|x| before.contains(x))
            });
            if hit {
                self.find(
                    "no-hardcoded-env-urls",
                    node,
                    format!("`{host}` differs between clouds: use environment()"),
                );
                break;
            }
        }
    }

    fn declaration(&mut self, node: Node<'_>) {
        let children = named_children(node);
        let Some(body) = children.last().and_then(|b| body_object(*b)) else {
            return;
        };
        let is_module = node.kind() == "module_declaration";
        let mut depends_on = Vec::new();
        let mut referenced: BTreeSet<&str> = BTreeSet::new();
        for property in named_children(body) {
            let Some((key, value)) = key_value(property, self.source) else {
                continue;
            };
            match key.as_str() {
                "dependsOn" => depends_on.extend(
                    named_children(value)
                        .into_iter()
                        .filter(|v| v.kind() == "identifier"),
                ),
                "location" if !is_module => self.location(value),
                "params" if is_module => {
                    for param in named_children(value) {
                        if let Some((key, value)) = key_value(param, self.source)
                            && key == "location"
                        {
                            self.location(value);
                        }
                    }
                    referenced.extend(identifiers(value, self.source));
                }
                "name" if !is_module => {
                    self.child_name(value);
                    referenced.extend(identifiers(value, self.source));
                }
                _ => referenced.extend(identifiers(value, self.source)),
            }
        }
        for dependency in depends_on {
            let symbol = self.text(dependency);
            if referenced.contains(symbol) {
                self.find(
                    "no-unnecessary-dependson",
                    dependency,
                    format!("`{symbol}` is referenced already: the dependency follows"),
                );
            }
        }
    }

    fn location(&mut self, value: Node<'_>) {
        if value.kind() == "string"
            && let Ok(decoded) = decode_string(value, self.source)
            && !decoded.eq_ignore_ascii_case("global")
        {
            self.find(
                "no-hardcoded-location",
                value,
                format!("location `{decoded}` is written in: use a parameter"),
            );
        }
    }

    /// `use-parent-property`: a name `'${other.name}/child'` instead of `parent: other`.
    fn child_name(&mut self, value: Node<'_>) {
        if value.kind() != "string" {
            return;
        }
        let parts = named_children(value);
        let first_is_name = parts.first().is_some_and(|p| {
            p.kind() == "interpolation" && self.text(*p).trim_end_matches('}').ends_with(".name")
        });
        let then_slash = parts.get(1).is_some_and(|p| self.text(*p).starts_with('/'));
        if first_is_name && then_slash {
            let raw = self.text(value);
            self.find(
                "use-parent-property",
                value,
                format!("name `{raw}` joins its parent's: use `parent`"),
            );
        }
    }
}

/// The key (decoded) and value of an `object_property` node.
fn key_value<'t>(node: Node<'t>, source: &str) -> Option<(String, Node<'t>)> {
    if node.kind() != "object_property" {
        return None;
    }
    let parts: Vec<Node<'t>> = named_children(node)
        .into_iter()
        .filter(|c| !c.kind().contains("comment"))
        .collect();
    let (first, last) = (parts.first()?, parts.last()?);
    if parts.len() < 2 {
        return None;
    }
    let key = match first.kind() {
        "string" => decode_string(*first, source).ok()?,
        _ => text(*first, source).to_owned(),
    };
    Some((key, *last))
}

/// The identifiers that refer to a symbol anywhere under `node`: not object keys, not
/// declared names, not properties after a dot.
fn identifiers<'s>(node: Node<'_>, source: &'s str) -> BTreeSet<&'s str> {
    let mut found = BTreeSet::new();
    visit(node, &mut |n| {
        if n.kind() != "identifier" {
            return;
        }
        let Some(parent) = n.parent() else { return };
        let is_key = parent.kind() == "object_property"
            && parent.named_child(0).is_some_and(|k| k.id() == n.id())
            && parent.named_child_count() > 1;
        let is_declared = parent.kind().ends_with("_declaration")
            && parent
                .named_children(&mut parent.walk())
                .find(|c| c.kind() == "identifier")
                .is_some_and(|k| k.id() == n.id());
        let is_member = parent.kind() == "member_expression"
            && parent
                .child_by_field_name("property")
                .is_some_and(|p| p.id() == n.id());
        if !is_key && !is_declared && !is_member {
            found.insert(text(n, source));
        }
    });
    found
}

fn references<'s>(root: Node<'_>, source: &'s str) -> BTreeSet<&'s str> {
    identifiers(root, source)
}

/// Whether `node` calls a `list*` function (`listKeys`, `storage.listKeys()`, …).
fn calls_list_function(node: Node<'_>, source: &str) -> bool {
    let mut found = false;
    visit(node, &mut |n| {
        if n.kind() == "call_expression"
            && let Some(function) = n.child_by_field_name("function")
        {
            let name = text(function, source);
            let last = name.rsplit('.').next().unwrap_or(name);
            found |= last.starts_with("list");
        }
    });
    found
}

fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
        && !NOT_SECRET_ENDINGS.iter().any(|e| lower.ends_with(e))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !["true", "false", "null"].contains(&s)
}

/// The rules each line's `#disable-next-line` comment silences, by 1-based line.
fn disabled_lines<'s>(root: Node<'_>, source: &'s str) -> BTreeMap<usize, BTreeSet<&'s str>> {
    let mut disabled: BTreeMap<usize, BTreeSet<&'s str>> = BTreeMap::new();
    visit(root, &mut |n| {
        if n.kind() != "diagnostic_comment" {
            return;
        }
        let comment = text(n, source);
        if let Some(rules) = comment.trim().strip_prefix("#disable-next-line") {
            disabled
                .entry(n.start_position().row + 2)
                .or_default()
                .extend(rules.split_whitespace());
        }
    });
    disabled
}

#[cfg(test)]
mod tests;
