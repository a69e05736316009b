//! What the Contributor role of an unrestricted project gives away, made visible.

use super::permission_sets::{contributor_by_restriction, granted_among, short};
use super::{Rule, RuleInfo};
use crate::access::capabilities::{CREATE_COMPUTE, CREATE_DELETE_WORKSPACE, MANAGE_USERS};
use crate::diagnostic::{Code, Severity, pointer_token};
use crate::validate::context::Context;
use crate::vocabulary::Stage;

pub(crate) static RULE: Rule = Rule {
    info: RuleInfo {
        code: Code::UnrestrictedTradeOff,
        default_severity: Severity::Warning,
        summary: "an unrestricted project's Contributor role gives away what the CAF development rule keeps",
        description: "An unrestricted project gives its data scientists the built-in Contributor role, as the CAF factors say. Contributor grants every control-plane operation except access management, so in development the data scientists can create and delete workspaces and compute, which the CAF development rule keeps from them. The finding names exactly what is given away so the trade-off is a decision, not an accident.",
        help: "accept it by setting `rules: { unrestricted-trade-off: { level: allow, reason: ... } }`, or make the project `restricted`",
    },
    check,
};

fn check(cx: &mut Context<'_>) {
    let categories: [(&str, &[&str]); 3] = [
        (
            "create or delete workspaces",
            CREATE_DELETE_WORKSPACE.operations(),
        ),
        ("manage workspace users", MANAGE_USERS.operations()),
        ("create or delete compute", CREATE_COMPUTE.operations()),
    ];
    for (environment, item) in cx.estate.environments() {
        if item.stage != Stage::Development {
            continue;
        }
        for (persona, _) in cx.estate.personas() {
            for group in cx.role_groups(persona, environment) {
                let Some(set) = cx.permissions(group.role) else {
                    continue;
                };
                for &project in &group.projects {
                    if !contributor_by_restriction(cx, persona, environment, project) {
                        continue;
                    }
                    let mut given = Vec::new();
                    let mut operations = Vec::new();
                    for (what, ops) in categories {
                        let granted = granted_among(set, ops);
                        if !granted.is_empty() {
                            given.push(what);
                            operations.extend(short(&granted));
                        }
                    }
                    if given.is_empty() {
                        continue;
                    }
                    let message = format!(
                        "unrestricted project `{}` gives persona `{}` `{}` in `{}`, which lets it {} ({})",
                        cx.project_name(project),
                        cx.persona_name(persona),
                        cx.role_name(group.role),
                        cx.environment_name(environment),
                        given.join(" and "),
                        operations
                            .iter()
                            .map(|op| format!("`{op}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    );
                    let path = {
                        let p = &cx.estate[project];
                        let from_preset = cx
                            .estate
                            .preset()
                            .is_some_and(|preset| preset.restriction() == p.factors.restriction);
                        if p.path.is_empty() {
                            format!("/projects/{}", pointer_token(p.name.as_str()))
                        } else if from_preset {
                            // The preset makes the project unrestricted (or agrees with it).
                            "/preset".to_owned()
                        } else {
                            format!("{}/restriction", p.path)
                        }
                    };
                    cx.push(RULE.finding(path, message));
                }
            }
        }
    }
}
