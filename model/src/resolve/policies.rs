//! The landing zone's inherited policies: each names something of mlzone's policy library,
//! with parameters that the definitions it applies accept.

use super::Problems;
use crate::diagnostic::{Code, Diagnostic, unknown_name};
use crate::document::Document;
use crate::estate::InheritedPolicy;
use crate::policy::{Effect, Library, ParameterValues, expand_inherited};

/// The inherited policies of `document`, each checked against the reference library.
pub(super) fn resolve(document: &Document, problems: &mut Problems) -> Vec<InheritedPolicy> {
    let library = Library::reference();
    let mut out = Vec::with_capacity(document.landing_zone.inherited.len());
    for (i, entry) in document.landing_zone.inherited.iter().enumerate() {
        let path = format!("/landing-zone/inherited/{i}");
        if let Some(effect) = &entry.effect
            && Effect::from_name(effect).is_none()
        {
            problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("{path}/effect"),
                    format!("`{effect}` is no policy effect"),
                )
                .with_help("write `Deny`, `Audit`, `Modify`, `AuditIfNotExists`, `DeployIfNotExists` or `Disabled`"),
            );
            continue;
        }
        let parameters: ParameterValues = entry
            .parameters
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        match expand_inherited(library, &entry.policy, &parameters, entry.effect.as_deref()) {
            None => problems.push(unknown_name(
                format!("{path}/policy"),
                "policy",
                &entry.policy,
                library.names(),
            )),
            Some(Err(e)) => problems.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    if e.pointer.starts_with("/parameters/") {
                        format!("{path}{}", e.pointer)
                    } else {
                        path.clone()
                    },
                    format!("policy `{}`: {}", entry.policy, e.message),
                )
                .with_help("give the parameters the definition declares, with allowed values"),
            ),
            Some(Ok(_)) => out.push(InheritedPolicy {
                policy: entry.policy.clone(),
                parameters: entry
                    .parameters
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_string()))
                    .collect(),
                effect: entry.effect.clone(),
                path,
            }),
        }
    }
    out
}
