//! An audit report as a SARIF 2.1.0 log: each result located in the export that shows the
//! drift (or, for what the export lacks, at the document's item), with the document's JSON
//! pointer as its logical location.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::finding::{AuditReport, Finding};
use crate::diagnostic::Code;
use crate::source::Located;
use crate::validate::sarif::{level, log_of, run, uri};

/// What each audit code means, for the rules of the log.
fn summary(code: Code) -> &'static str {
    match code {
        Code::AuditExportMissing => "An export an audit needs is missing.",
        Code::AuditExportUnknownEnvironment => {
            "The exports hold an environment the document does not know."
        }
        Code::AuditExportConflict => {
            "An environment's folder holds the role assignments from both the Azure CLI and Resource Graph."
        }
        Code::AuditAssignmentMissing => "A persona's group lacks its role on a workspace.",
        Code::AuditAssignmentExtra => {
            "A principal holds a role the document does not give it, at a workspace or above."
        }
        Code::AuditAssignmentPrivileged => {
            "Owner, Contributor or User Access Administrator on a production workspace or above."
        }
        Code::AuditUnknownPrincipal => {
            "A role at a workspace or above is assigned to a principal the document does not know."
        }
        Code::AuditEffectiveAccess => {
            "A persona can do more on a workspace than the document allows."
        }
        other => other.as_str(),
    }
}

/// The level a code's findings usually have: errors for what cannot be used and for
/// privileged access to production, warnings otherwise.
fn default_level(code: Code) -> &'static str {
    match code {
        Code::AuditExportMissing
        | Code::AuditExportUnknownEnvironment
        | Code::AuditExportConflict
        | Code::AuditAssignmentPrivileged => "error",
        _ => "warning",
    }
}

/// The log of one audit; `document` locates findings that have no export location.
pub(super) fn log(report: &AuditReport, document: &Located) -> Value {
    let mut rules = Vec::new();
    let mut index: BTreeMap<Code, usize> = BTreeMap::new();
    for code in Code::iter().filter(|code| code.is_audit()) {
        index.insert(code, rules.len());
        rules.push(json!({
            "id": code.as_str(),
            "name": code.as_str(),
            "shortDescription": { "text": summary(code) },
            "defaultConfiguration": { "level": default_level(code) },
        }));
    }
    let locator = document.locator();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|finding| {
            let physical = match &finding.export {
                Some(export) => Some(json!({
                    "artifactLocation": { "uri": uri(&export.file) },
                    "region": { "startLine": export.line, "startColumn": export.column },
                })),
                None => locator.as_ref().and_then(|locator| {
                    let mut diagnostic = crate::diagnostic::Diagnostic::warning(
                        finding.code,
                        finding.document_path.clone(),
                        "",
                    );
                    locator.locate(&mut diagnostic, crate::source::Anchor::Item(None));
                    diagnostic.location.map(|location| {
                        json!({
                            "artifactLocation": { "uri": uri(&location.source) },
                            "region": {
                                "startLine": location.line,
                                "startColumn": location.column,
                            },
                        })
                    })
                }),
            };
            result(
                finding,
                index.get(&finding.code).copied().unwrap_or_default(),
                physical,
            )
        })
        .collect();
    log_of(run(rules, results))
}

fn result(finding: &Finding, rule_index: usize, physical: Option<Value>) -> Value {
    let mut text = format!("{}: {}", finding.environment, finding.message);
    if let Some(help) = &finding.help {
        text = format!("{text}\nhelp: {help}");
    }
    let mut location = json!({
        "logicalLocations": [{
            "fullyQualifiedName": finding.document_path,
            "kind": "element",
        }]
    });
    if let (Some(physical), Some(object)) = (physical, location.as_object_mut()) {
        object.insert("physicalLocation".to_owned(), physical);
    }
    json!({
        "ruleId": finding.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": text },
        "locations": [location],
        "properties": { "environment": finding.environment },
    })
}
