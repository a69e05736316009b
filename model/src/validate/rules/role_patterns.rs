//! Every pattern of a custom role matches real operations, with at most one `*`.

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::rbac::{
    Catalog, ContentFinding, EscalationPolicy, FindingKind, PermissionList, check_permissions,
};
use crate::validate::context::Context;

pub(crate) static UNKNOWN_OPERATION: Rule = Rule {
    info: RuleInfo {
        code: Code::UnknownOperation,
        default_severity: Severity::Error,
        summary: "every pattern of a role matches a real operation",
        description: "Azure rejects a whole role definition when one of its patterns matches no operation of its provider (`InvalidActionOrNotAction`). mlzone checks every pattern against its embedded operation catalog and suggests the closest operation.",
        help: "fix the pattern; the closest catalog operation is suggested when one is near",
    },
    check: check_unknown,
};

pub(crate) static UNCHECKED_PROVIDER: Rule = Rule {
    info: RuleInfo {
        code: Code::UncheckedProvider,
        default_severity: Severity::Warning,
        summary: "role patterns name providers mlzone can check",
        description: "mlzone's operation catalog covers the providers its roles use. A pattern of another provider is kept as written but not checked, so a typo in it only shows when Azure rejects the role.",
        help: "check the pattern against `az provider operation show --namespace <provider>`",
    },
    check: check_unchecked,
};

pub(crate) static TOO_MANY_WILDCARDS: Rule = Rule {
    info: RuleInfo {
        code: Code::TooManyWildcards,
        default_severity: Severity::Error,
        summary: "a role pattern holds at most one `*`",
        description: "Azure allows only one wildcard per action string in a custom role and rejects the definition otherwise.",
        help: "split the pattern into several patterns with one `*` each, or list the operations",
    },
    check: check_wildcards,
};

/// Content findings of every custom role's own patterns, with their pointers.
pub(super) fn findings(cx: &Context<'_>) -> Vec<(String, ContentFinding)> {
    let catalog = Catalog::azure();
    cx.estate
        .roles()
        .flat_map(|(_, role)| {
            check_permissions(&role.permissions, catalog, EscalationPolicy::AllowForAdmin)
                .into_iter()
                .map(move |finding| {
                    let path =
                        format!("{}/{}/{}", role.path, list_key(finding.list), finding.index);
                    (path, finding)
                })
        })
        .collect()
}

/// The document's key of a permission list.
pub(super) fn list_key(list: PermissionList) -> &'static str {
    match list {
        PermissionList::Actions => "actions",
        PermissionList::NotActions => "not-actions",
        PermissionList::DataActions => "data-actions",
        PermissionList::NotDataActions => "not-data-actions",
    }
}

fn check_unknown(cx: &mut Context<'_>) {
    for (path, finding) in findings(cx) {
        let diagnostic = match &finding.kind {
            FindingKind::EmptyPattern => UNKNOWN_OPERATION
                .finding(path, "an empty pattern matches no operation".to_owned())
                .with_help("remove the empty entry"),
            FindingKind::UnknownOperation { suggestion } => {
                let message = format!("`{}` matches no operation", finding.pattern);
                match suggestion {
                    Some(s) => UNKNOWN_OPERATION
                        .finding(path, message)
                        .with_help(format!("did you mean `{s}`?")),
                    None => UNKNOWN_OPERATION.finding(path, message),
                }
            }
            _ => continue,
        };
        cx.push(diagnostic);
    }
}

fn check_unchecked(cx: &mut Context<'_>) {
    for (path, finding) in findings(cx) {
        if let FindingKind::ProviderNotInCatalog { provider } = &finding.kind {
            let message = format!(
                "provider `{provider}` is not in mlzone's operation catalog, so `{}` was not checked",
                finding.pattern
            );
            cx.push(UNCHECKED_PROVIDER.finding(path, message));
        }
    }
}

fn check_wildcards(cx: &mut Context<'_>) {
    for (path, finding) in findings(cx) {
        if let FindingKind::TooManyWildcards { count } = &finding.kind {
            let message = format!(
                "`{}` holds {count} wildcards, and Azure allows one",
                finding.pattern
            );
            cx.push(TOO_MANY_WILDCARDS.finding(path, message));
        }
    }
}
