//! The estate's deployments pass the policies its landing zone assigns above it.
//!
//! Every inherited policy (`landing-zone: {inherited: […]}`) is expanded into the definitions
//! it applies and evaluated offline (`crate::policy`) on every resource the estate deploys.
//! A Deny that matches is an error (the deployment would fail), an Audit, Modify or Append
//! that matches a warning (the resource lands non-compliant or changed), and what the
//! evaluator cannot tell a warning of its own, never silence.

use std::collections::BTreeMap;

use super::{Rule, RuleInfo};
use crate::diagnostic::{Code, Severity};
use crate::estate::InheritedPolicy;
use crate::policy::{
    Applied, Effect, Enforcement, Judgement, Library, ParameterValues, Verdict, expand_inherited,
    judge, planned,
};
use crate::validate::context::Context;

pub(crate) static DENIED: Rule = Rule {
    info: RuleInfo {
        code: Code::InheritedPolicyDenied,
        default_severity: Severity::Error,
        summary: "no inherited Deny policy denies a planned resource",
        description: "A policy assigned above the estate's subscriptions with the Deny effect matches a resource the estate deploys: Azure refuses the deployment.",
        help: "change the document so that the resource complies, or have the landing zone exempt it; `mlzone explain --policy <policy> --resource <name>` shows every condition",
    },
    check,
};

pub(crate) static AUDITED: Rule = Rule {
    info: RuleInfo {
        code: Code::InheritedPolicyAudited,
        default_severity: Severity::Warning,
        summary: "no inherited Audit or Modify policy matches a planned resource",
        description: "A policy assigned above the estate's subscriptions with an Audit, Modify or Append effect matches a resource the estate deploys: it lands non-compliant, or Azure changes it from what the templates say.",
        help: "change the document so that the resource complies, or accept the finding with a reason",
    },
    check: |_| {},
};

pub(crate) static UNKNOWN: Rule = Rule {
    info: RuleInfo {
        code: Code::InheritedPolicyUnknown,
        default_severity: Severity::Warning,
        summary: "every inherited policy can be evaluated offline",
        description: "The offline evaluator cannot tell whether a resource complies with an inherited policy: an alias it does not know, a definition missing from its reference library, a fact only Azure knows, or an effect that depends on other resources (AuditIfNotExists, DeployIfNotExists).",
        help: "check the policy in Azure (a what-if deployment), or accept the finding with a reason",
    },
    check: |_| {},
};

fn check(cx: &mut Context<'_>) {
    let inherited = cx.estate.inherited_policies();
    if inherited.is_empty() {
        return;
    }
    let library = Library::reference();
    let resources = planned::resources(cx.estate);
    for policy in inherited {
        let parameters: ParameterValues = policy
            .parameters
            .iter()
            .map(|(k, json)| {
                let value = serde_json::from_str(json)
                    .unwrap_or_else(|_| serde_json::Value::String(json.clone()));
                (k.clone(), value)
            })
            .collect();
        let Some(Ok(applied)) = expand_inherited(
            library,
            &policy.policy,
            &parameters,
            policy.effect.as_deref(),
        ) else {
            // Resolution refused the reference already.
            continue;
        };
        missing(cx, policy, &applied);
        let mut unknown: BTreeMap<&str, Vec<Judgement<'_>>> = BTreeMap::new();
        for judgement in judge(&applied, &resources) {
            match &judgement.evaluation.verdict {
                Verdict::Compliant | Verdict::NotApplicable { .. } => {}
                Verdict::NonCompliant { .. } => matched(cx, policy, &judgement),
                Verdict::Unknown { .. } => unknown
                    .entry(member_name(judgement.applied))
                    .or_default()
                    .push(judgement),
            }
        }
        for judgements in unknown.values() {
            undecided(cx, policy, judgements);
        }
    }
}

fn member_name<'a>(applied: &'a Applied<'_>) -> &'a str {
    applied
        .reference_id
        .as_deref()
        .unwrap_or(applied.definition_id.as_str())
}

/// `policy `X`` or `policy `X` (member `Y`)`.
fn title(policy: &InheritedPolicy, applied: &Applied<'_>) -> String {
    match &applied.reference_id {
        Some(member) => format!("policy `{}` (`{member}`)", policy.policy),
        None => format!("policy `{}`", policy.policy),
    }
}

fn matched(cx: &mut Context<'_>, policy: &InheritedPolicy, judgement: &Judgement<'_>) {
    let Verdict::NonCompliant { because } = &judgement.evaluation.verdict else {
        return;
    };
    let effect = judgement.evaluation.effect.as_ref().ok().copied();
    let enforced = judgement.applied.enforcement == Enforcement::Default;
    let denies = enforced && matches!(effect, Some(Effect::Deny | Effect::DenyAction));
    let rule = if denies { &DENIED } else { &AUDITED };
    let planned = judgement.planned;
    let environment = &cx.estate[planned.environment].name;
    let project = &cx.estate[planned.project].name;
    let why: Vec<&str> = because
        .iter()
        .filter(|b| !b.text.starts_with("field `type`"))
        .map(|b| b.text.as_str())
        .collect();
    let verb = match effect {
        Some(Effect::Deny | Effect::DenyAction) if enforced => "would deny",
        Some(Effect::Modify | Effect::Append) => "would change",
        _ => "would mark non-compliant",
    };
    let message = format!(
        "{} {verb}: `{}` `{}` of project `{project}` in `{environment}`; {}",
        title(policy, judgement.applied),
        planned.resource.resource_type,
        planned.resource.full_name,
        why.join("; ")
    );
    cx.push(
        rule.finding(planned.path.clone(), message)
            .with_related(policy.path.clone(), "the inherited policy"),
    );
}

fn undecided(cx: &mut Context<'_>, policy: &InheritedPolicy, judgements: &[Judgement<'_>]) {
    let Some(first) = judgements.first() else {
        return;
    };
    let reason = match &first.evaluation.verdict {
        Verdict::Unknown { because } => because
            .iter()
            .filter(|b| !b.text.starts_with("field `type`"))
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    };
    let names: Vec<String> = judgements
        .iter()
        .take(3)
        .map(|j| format!("`{}`", j.planned.resource.full_name))
        .collect();
    let more = judgements.len().saturating_sub(names.len());
    let message = format!(
        "{} cannot be evaluated offline for {} resource{} ({}{}): {reason}",
        title(policy, first.applied),
        judgements.len(),
        if judgements.len() == 1 { "" } else { "s" },
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        },
    );
    cx.push(UNKNOWN.finding(policy.path.clone(), message));
}

/// One finding for the definitions an inherited initiative applies that the reference
/// library does not hold (or whose parameters do not resolve): never judged, never
/// compliant.
fn missing(cx: &mut Context<'_>, policy: &InheritedPolicy, applied: &[Applied<'_>]) {
    let missing: Vec<(&str, &String)> = applied
        .iter()
        .filter_map(|a| a.definition.as_ref().err().map(|e| (member_name(a), e)))
        .collect();
    let Some((_, first_reason)) = missing.first() else {
        return;
    };
    let names: Vec<String> = missing
        .iter()
        .take(5)
        .map(|(n, _)| format!("`{n}`"))
        .collect();
    let more = missing.len().saturating_sub(names.len());
    let message = format!(
        "policy `{}`: {} of its {} definitions are not evaluated ({}{}): {first_reason}",
        policy.policy,
        missing.len(),
        applied.len(),
        names.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        },
    );
    cx.push(UNKNOWN.finding(policy.path.clone(), message));
}
