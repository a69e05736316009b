//! No two resources get the same name.

use std::collections::BTreeMap;

use super::names::{BuiltName, Owner, Scope};
use super::{Rule, RuleInfo};
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
    let mut first: BTreeMap<(ResourceKind, Scope, String), &BuiltName<'_>> = BTreeMap::new();
    let mut found = Vec::new();
    for built in &cx.names {
        if built.kind == ResourceKind::Workspace {
            continue; // one-workspace-per-project-environment
        }
        let key = (built.kind, built.scope, built.name.to_ascii_lowercase());
        let Some(earlier) = first.get(&key) else {
            first.insert(key, built);
            continue;
        };
        let same_size = matches!(
            (earlier.owner, built.owner),
            (Owner::Cluster { size: a, .. }, Owner::Cluster { size: b, .. })
                if a.eq_ignore_ascii_case(b)
        );
        if earlier.owner == built.owner || same_size {
            continue; // duplicate-cluster-size
        }
        let message = format!(
            "{} and {} would both get the {} name `{}`",
            earlier.owner(),
            built.owner(),
            built.kind.label(),
            built.name,
        );
        found.push(
            RULE.finding(built.path(), message)
                .with_related(earlier.path(), "the other item with that name"),
        );
    }
    for finding in found {
        cx.push(finding);
    }
}
