//! No two resources get the same name.

use std::borrow::Cow;

use foldhash::{HashMap, HashMapExt};

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::naming::{Owner, Resource, Scope, rules};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::NameCollision,
        default_severity: Severity::Error,
        summary: "no two resources get the same name",
        description: "Storage accounts, key vaults and container registries have names unique across Azure, compute instances and endpoints names unique in their region, resource groups names unique in their subscription, workspaces, private endpoints and monitoring resources names unique in their resource group, and computes names unique in their workspace. Names built from different items can still meet: parts are joined with hyphens, VM sizes lose their `Standard_` or `Basic_` prefix and compute names ending in `-` and digits get an `x`.",
        help: "rename one of the items (projects, environments, people, pipelines or clusters) so the names differ",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    // Hashed, not ordered: lookups only, and findings follow the order of `cx.names`.
    let mut first: HashMap<(&Scope, &str, Cow<'_, str>), &Resource<'_>> =
        HashMap::with_capacity(cx.names.len());
    let mut found = Vec::new();
    for resource in &cx.names {
        let name = &resource.name;
        if *name.rule == rules::WORKSPACE {
            continue; // one-workspace-per-project-environment
        }
        // Names come lowercase from the namer; lowercasing is only the rule's promise.
        let value = if name.value.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.value.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name.value.as_str())
        };
        let key = (&name.scope, name.rule.namespace, value);
        let Some(earlier) = first.get(&key) else {
            first.insert(key, resource);
            continue;
        };
        let same_size = matches!(
            (earlier.owner, resource.owner),
            (Owner::Cluster { size: a, .. }, Owner::Cluster { size: b, .. })
                if a.eq_ignore_ascii_case(b)
        );
        if earlier.owner == resource.owner || same_size {
            continue; // duplicate-cluster-size
        }
        let message = format!(
            "{} and {} would both get the {} name `{}`",
            earlier.owner, resource.owner, name.rule.what, name.value,
        );
        found.push(
            RULE.finding(resource.path.clone(), message)
                .with_related(earlier.path.clone(), "the other item with that name"),
        );
    }
    for finding in found {
        cx.push(finding);
    }
}
