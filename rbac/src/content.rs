//! Content checks of a role's permission block against the catalog, for the validator.

use super::catalog::{Catalog, Operation};
use super::evaluate::Plane;
use super::pattern::Pattern;
use super::{PermissionList, Permissions};

/// Whether grants that let a principal raise its own rights are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EscalationPolicy {
    /// Report them (every persona but an admin).
    Report,
    /// Accept them (the role is meant for an admin persona).
    AllowForAdmin,
}

/// What is wrong with one pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// The pattern is empty or blank.
    EmptyPattern,
    /// The pattern holds more than one `*` (Azure allows one per string).
    TooManyWildcards {
        /// How many it holds.
        count: usize,
    },
    /// The pattern matches no operation although the catalog covers its provider (or it
    /// names no provider at all); Azure rejects such a role definition.
    UnknownOperation {
        /// The closest catalog operation or pattern, when one is close enough.
        suggestion: Option<String>,
    },
    /// The pattern's provider is not in the catalog, so it could not be checked.
    ProviderNotInCatalog {
        /// The provider namespace as written.
        provider: String,
    },
    /// A `dataActions`/`notDataActions` pattern that matches only control-plane operations.
    ControlActionInDataActions {
        /// The control-plane operations it matches.
        operations: Vec<String>,
    },
    /// An `actions`/`notActions` pattern that matches only data-plane operations.
    DataActionInActions {
        /// The data-plane operations it matches.
        operations: Vec<String>,
    },
    /// An `actions` pattern that effectively grants writes under `Microsoft.Authorization`
    /// (role assignments, role definitions, policies, locks) or `elevateAccess`.
    PrivilegeEscalation {
        /// The escalating operations it grants.
        operations: Vec<String>,
    },
}

/// One finding about one pattern of a permission block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentFinding {
    /// The list holding the pattern.
    pub list: PermissionList,
    /// The pattern's position in that list.
    pub index: usize,
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong.
    pub kind: FindingKind,
}

/// The operations that count as privilege escalation.
const ESCALATION: [&str; 2] = [
    "Microsoft.Authorization/*/write",
    "Microsoft.Authorization/elevateAccess/action",
];

/// Checks every pattern of `permissions` against `catalog`; returns every finding, in list
/// and index order.
pub fn check_permissions(
    permissions: &Permissions,
    catalog: &Catalog,
    policy: EscalationPolicy,
) -> Vec<ContentFinding> {
    let mut findings = Vec::new();
    for list in PermissionList::ALL {
        for (index, text) in permissions.list(list).iter().enumerate() {
            let finding = |kind| ContentFinding {
                list,
                index,
                pattern: text.clone(),
                kind,
            };
            findings.extend(check_pattern(text, list, catalog).map(finding));
        }
    }
    if policy == EscalationPolicy::Report {
        findings.extend(escalations(permissions, catalog));
    }
    findings
}

fn check_pattern(text: &str, list: PermissionList, catalog: &Catalog) -> Option<FindingKind> {
    if text.trim().is_empty() {
        return Some(FindingKind::EmptyPattern);
    }
    let pattern = Pattern::new(text);
    let count = pattern.wildcards();
    if count > 1 {
        return Some(FindingKind::TooManyWildcards { count });
    }
    let matched: Vec<&Operation> = catalog.matching(&pattern).map(|(_, op)| op).collect();
    if matched.is_empty() {
        return match pattern.provider() {
            Some(provider) if provider.contains('.') && !catalog.covers_provider(provider) => {
                match suggest_provider(provider, catalog) {
                    Some(suggestion) => Some(FindingKind::UnknownOperation {
                        suggestion: Some(replace_provider(text, &suggestion)),
                    }),
                    None => Some(FindingKind::ProviderNotInCatalog {
                        provider: text.split('/').next().unwrap_or_default().to_owned(),
                    }),
                }
            }
            // A `*` in the provider segment reaches providers beyond the catalog.
            None if pattern.literal_prefix().find('/').is_none() && count > 0 => None,
            _ => Some(FindingKind::UnknownOperation {
                suggestion: suggest(&pattern, catalog),
            }),
        };
    }
    let names = |ops: &[&Operation]| ops.iter().map(|op| op.name().to_owned()).collect();
    let wrong_plane = match list.plane() {
        Plane::Control => matched.iter().all(|op| op.is_data_action()),
        Plane::Data => matched.iter().all(|op| !op.is_data_action()),
    };
    match (wrong_plane, list.plane()) {
        (false, _) => None,
        (true, Plane::Control) => Some(FindingKind::DataActionInActions {
            operations: names(&matched),
        }),
        (true, Plane::Data) => Some(FindingKind::ControlActionInDataActions {
            operations: names(&matched),
        }),
    }
}

/// The `actions` patterns granting escalating operations that `notActions` do not remove.
fn escalations<'a>(
    permissions: &'a Permissions,
    catalog: &'a Catalog,
) -> impl Iterator<Item = ContentFinding> + 'a {
    let escalation: Vec<Pattern> = ESCALATION.iter().map(|p| Pattern::new(p)).collect();
    let removals: Vec<Pattern> = permissions
        .not_actions
        .iter()
        .map(|p| Pattern::new(p))
        .collect();
    permissions
        .actions
        .iter()
        .enumerate()
        .filter_map(move |(index, text)| {
            let pattern = Pattern::new(text);
            let operations: Vec<String> = catalog
                .matching(&pattern)
                .map(|(_, op)| op)
                .filter(|op| !op.is_data_action())
                .filter(|op| escalation.iter().any(|e| e.matches(op.name())))
                .filter(|op| !removals.iter().any(|r| r.matches(op.name())))
                .map(|op| op.name().to_owned())
                .collect();
            (!operations.is_empty()).then(|| ContentFinding {
                list: PermissionList::Actions,
                index,
                pattern: text.clone(),
                kind: FindingKind::PrivilegeEscalation { operations },
            })
        })
}

/// The lowest similarity a suggestion needs.
const THRESHOLD: f64 = 0.75;

/// The closest catalog operation (for a literal) or a repaired prefix (for a wildcard).
fn suggest(pattern: &Pattern, catalog: &Catalog) -> Option<String> {
    let folded = pattern.folded();
    if pattern.is_literal() {
        let target = bare(folded);
        return best(
            catalog
                .operations()
                .iter()
                .map(|op| (bare(op.folded()), op.name())),
            target,
        )
        .map(str::to_owned);
    }
    // Repair the literal prefix against catalog prefixes with as many segments, keep the rest.
    let prefix = pattern.literal_prefix();
    let suffix = folded.get(prefix.len()..).unwrap_or_default();
    let segments = prefix.matches('/').count();
    let candidates: Vec<String> = catalog
        .operations()
        .iter()
        .filter_map(|op| nth_prefix(op.name(), segments))
        .collect();
    let repaired = best(candidates.iter().map(|c| (c.as_str(), c.as_str())), prefix)?;
    let text = format!(
        "{repaired}{}",
        pattern.as_str().get(prefix.len()..).unwrap_or(suffix)
    );
    let candidate = Pattern::new(&text);
    catalog.matching(&candidate).next().map(|_| text)
}

/// The name without its provider namespace (a first segment holding a `.`).
fn bare(name: &str) -> &str {
    match name.split_once('/') {
        Some((provider, rest)) if provider.contains('.') => rest,
        _ => name,
    }
}

/// The first `segments` segments of `name`, with their trailing `/`.
fn nth_prefix(name: &str, segments: usize) -> Option<String> {
    let mut end = 0;
    for _ in 0..segments {
        end += name.get(end..)?.find('/')? + 1;
    }
    name.get(..end).map(str::to_owned)
}

fn best<'a>(candidates: impl Iterator<Item = (&'a str, &'a str)>, target: &str) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for (folded, shown) in candidates {
        let score = strsim::normalized_damerau_levenshtein(&folded.to_ascii_lowercase(), target);
        if score >= THRESHOLD && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, shown));
        }
    }
    best.map(|(_, shown)| shown)
}

fn suggest_provider(provider: &str, catalog: &Catalog) -> Option<String> {
    let folded = provider.to_ascii_lowercase();
    let known = catalog
        .operations()
        .iter()
        .map(|op| op.provider())
        .collect::<Vec<_>>();
    best(known.iter().map(|p| (*p, *p)), &folded).map(str::to_owned)
}

fn replace_provider(text: &str, provider: &str) -> String {
    match text.split_once('/') {
        Some((_, rest)) => format!("{provider}/{rest}"),
        None => provider.to_owned(),
    }
}
