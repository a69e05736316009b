//! Policy aliases: the names rules give resource properties, and where those properties
//! sit in a resource's body (`model/data/policy-aliases.tsv`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One step of a property path: a key, or `[*]`, each member of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An object's key (matched case-insensitively, as Azure does).
    Key(String),
    /// Each member of an array.
    Each,
}

/// A property path, as the alias table writes it: `properties.properties.vmSize`,
/// `properties.privateLinkServiceConnections[*].properties.groupIds[*]`.
pub fn parse_path(text: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in text.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        let mut eaches = 0;
        while let Some(key) = rest.strip_suffix("[*]") {
            rest = key;
            eaches += 1;
        }
        steps.push(Step::Key(rest.to_owned()));
        steps.extend(std::iter::repeat_n(Step::Each, eaches));
    }
    steps
}

/// An alias: the resource type it belongs to and the path of its property.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written in the table.
    pub name: String,
    /// The resource type whose property it names.
    pub resource_type: String,
    /// The property's path in the resource's body.
    pub path: Vec<Step>,
    /// The path as written in the table.
    pub path_text: String,
}

/// The alias table mlzone knows, keyed by the lower-case alias.
#[derive(Debug)]
pub struct Aliases {
    by_name: BTreeMap<String, Alias>,
}

static TABLE: &str = include_str!("../../data/policy-aliases.tsv");

impl Aliases {
    /// The embedded table (`model/data/policy-aliases.tsv`).
    pub fn builtin() -> &'static Aliases {
        static ALIASES: OnceLock<Aliases> = OnceLock::new();
        ALIASES.get_or_init(|| Aliases::parse(TABLE))
    }

    /// A table in the TSV format: `alias<TAB>resource type<TAB>path`, `#` comments.
    pub fn parse(text: &str) -> Aliases {
        let by_name = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|line| {
                let mut cols = line.split('\t');
                let (name, resource_type, path) = (cols.next()?, cols.next()?, cols.next()?);
                Some((
                    name.to_lowercase(),
                    Alias {
                        name: name.to_owned(),
                        resource_type: resource_type.to_owned(),
                        path: parse_path(path),
                        path_text: path.to_owned(),
                    },
                ))
            })
            .collect();
        Aliases { by_name }
    }

    /// The alias of that name, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&Alias> {
        self.by_name.get(&name.to_lowercase())
    }

    /// Every alias, in order of name.
    pub fn iter(&self) -> impl Iterator<Item = &Alias> {
        self.by_name.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_keys_and_members() {
        assert_eq!(
            parse_path("properties.links[*].properties.groupIds[*]"),
            vec![
                Step::Key("properties".into()),
                Step::Key("links".into()),
                Step::Each,
                Step::Key("properties".into()),
                Step::Key("groupIds".into()),
                Step::Each,
            ]
        );
    }

    #[test]
    fn the_builtin_table_reads_every_line() {
        let table = Aliases::builtin();
        let lines = TABLE
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(table.iter().count(), lines);
        assert!(
            table
                .get("microsoft.machinelearningservices/workspaces/computes/vmsize")
                .is_some()
        );
    }
}
