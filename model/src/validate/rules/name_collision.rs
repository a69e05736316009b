//! No two resources get the same name.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo, names};
use crate::diagnostic::{Code, Severity};
use crate::naming::ResourceKind;
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::NameCollision,
        default_severity: Severity::Error,
        summary: "no two resources get the same name",
        description: "Storage accounts, key vaults and container registries have globally unique names, compute instances unique names per region, clusters unique names per workspace. Names built from different projects can still meet: storage and registry names drop hyphens, and shortened names keep only their start.",
        help: "rename one of the projects (or people, or pipelines) so the names differ",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut first: BTreeMap<(ResourceKind, Option<String>, String), names::BuiltName> =
        BTreeMap::new();
    for built in names::all(cx.estate) {
        if built.kind == ResourceKind::Workspace {
            continue; // one-workspace-per-project-environment
        }
        let key = (
            built.kind,
            built.scope.clone(),
            built.name.to_ascii_lowercase(),
        );
        match first.get(&key) {
            Some(earlier) => {
                if earlier.owner == built.owner
                    || (earlier.size.is_some() && earlier.size == built.size)
                {
                    continue;
                }
                let message = format!(
                    "{} and {} would both get the {} name `{}`",
                    earlier.owner,
                    built.owner,
                    built.kind.label(),
                    built.name,
                );
                let finding = RULE
                    .finding(built.path.clone(), message)
                    .with_related(earlier.path.clone(), "the other item with that name");
                cx.push(finding);
            }
            None => {
                first.insert(key, built);
            }
        }
    }
}
