//! Role display names are unique.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::rbac::{builtin, library};
use crate::validate::context::Context;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::DuplicateRoleName,
        default_severity: Severity::Error,
        summary: "role display names are unique",
        description: "Azure refuses a custom role whose display name another role of the tenant already has. Two custom roles of the document, or a custom role and a built-in or mlzone library role, with the same display name cannot both be deployed.",
        help: "give the role another `display-name`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let mut first: BTreeMap<String, (&str, String)> = BTreeMap::new();
    for (_, role) in cx.estate.roles() {
        let key = role.display_name.trim().to_lowercase();
        let path = format!("{}/display-name", role.path);
        let shipped = library::all()
            .iter()
            .find(|r| r.display_name.to_lowercase() == key)
            .map(|r| format!("the mlzone library role `{}`", r.key))
            .or_else(|| {
                builtin::all()
                    .iter()
                    .find(|r| r.name.to_lowercase() == key)
                    .map(|r| format!("the built-in role `{}`", r.name))
            });
        if let Some(shipped) = shipped {
            let message = format!(
                "role `{}` has the display name `{}` of {shipped}",
                role.name, role.display_name
            );
            cx.push(RULE.finding(path, message));
            continue;
        }
        match first.get(&key) {
            Some((earlier, earlier_path)) => {
                let message = format!(
                    "roles `{earlier}` and `{}` share the display name `{}`",
                    role.name, role.display_name
                );
                let finding = RULE
                    .finding(path, message)
                    .with_related(earlier_path.clone(), "first used here");
                cx.push(finding);
            }
            None => {
                first.insert(key, (role.name.as_str(), path));
            }
        }
    }
}
