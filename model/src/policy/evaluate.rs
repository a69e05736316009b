//! The evaluator: one definition, its parameter values and one resource → a [`Verdict`].
//!
//! Semantics, as Azure documents them (definition structure, policy rule; authoring policies
//! for array properties):
//!
//! - Logic is three-valued: a condition is true, false or unknown. `allOf` is false as soon as
//!   one member is false, `anyOf` true as soon as one is true, whatever the others; otherwise
//!   an unknown member makes the whole unknown. `not` swaps true and false.
//! - A field the resource does not have is **absent**: `exists: false` holds, `equals` holds
//!   only against `""`, `notEquals` holds, `in` fails, `like` sees the empty string; ordering
//!   an absent value (`less`, `greater`, …) is unknown. In expressions it is `null`
//!   (`empty(field(…))` is true).
//! - A field through `[*]` outside `count` (`a[*].b`) holds when **every** member satisfies
//!   the condition, vacuously for an empty array; an absent array is one absent value.
//! - `count` counts the members of an array alias (or of a `value` array) for which `where`
//!   holds; inside `where`, fields under the counted alias and `current()` refer to the
//!   member at hand.
//! - An alias of another resource type has no value on this resource (absent); an alias the
//!   table does not know, a function the evaluator does not implement, a parameter without a
//!   value, a fact only Azure knows (`subscription()`) make the condition **unknown**, never
//!   compliant.
//! - Definitions in a Resource Provider mode judge data-plane objects, never a deployed
//!   resource: not applicable. `Indexed` definitions skip resources without a location.

use serde_json::{Number, Value};

use super::alias::{Aliases, Step};
use super::compare::{self, describe};
use super::definition::{
    Condition, ConditionKind, Count, CountSource, Definition, Leaf, Mode, Operator,
    ParameterValues, PolicyError, Subject,
};
use super::expression::{self, Expr};
use super::resource::{Found, PolicyResource, walk, walk_body};

/// The effect a definition takes, its `then.effect` resolved.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter, strum::IntoStaticStr,
)]
#[allow(missing_docs)]
pub enum Effect {
    Deny,
    DenyAction,
    Audit,
    Append,
    Modify,
    AuditIfNotExists,
    DeployIfNotExists,
    Manual,
    Disabled,
}

impl Effect {
    /// Its name as Azure writes it.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The effect of a name, case-insensitively.
    pub fn from_name(name: &str) -> Option<Effect> {
        use strum::IntoEnumIterator;
        Effect::iter().find(|e| e.name().eq_ignore_ascii_case(name))
    }
}

/// One condition that decided the outcome, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Because {
    /// The JSON pointer of the condition in the definition (`/properties/policyRule/if/allOf/2`).
    pub pointer: String,
    /// What it compared and how it came out.
    pub text: String,
}

/// The evaluator's answer for one definition on one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The rule's `if` does not hold: the effect does not apply.
    Compliant,
    /// The rule's `if` holds: the effect applies (a Deny denies the deployment).
    NonCompliant {
        /// The conditions that made `if` hold.
        because: Vec<Because>,
    },
    /// The definition does not evaluate this resource (another type, a data-plane mode, a
    /// disabled effect).
    NotApplicable {
        /// Why.
        reason: String,
    },
    /// The evaluator cannot tell.
    Unknown {
        /// Why: the conditions or facts it could not evaluate.
        because: Vec<Because>,
    },
}

impl Verdict {
    /// A short lowercase label: `compliant`, `non-compliant`, `not applicable`, `unknown`.
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::Compliant => "compliant",
            Verdict::NonCompliant { .. } => "non-compliant",
            Verdict::NotApplicable { .. } => "not applicable",
            Verdict::Unknown { .. } => "unknown",
        }
    }
}

/// An evaluation: the effect (or why it is not known) and the verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The effect, resolved from the parameters; `Err` with the reason when it cannot be.
    pub effect: Result<Effect, String>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Facts of the deployment that policy functions may ask for and that are known offline
/// only when the caller knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// `subscription().subscriptionId`.
    pub subscription_id: Option<String>,
    /// `resourceGroup().name`.
    pub resource_group: Option<String>,
}

/// The evaluator: an alias table and the facts it may use.
#[derive(Debug, Clone)]
pub struct Evaluator<'a> {
    aliases: &'a Aliases,
    facts: Facts,
}

impl Default for Evaluator<'static> {
    fn default() -> Self {
        Evaluator::new(Aliases::builtin(), Facts::default())
    }
}

impl<'a> Evaluator<'a> {
    /// An evaluator with this alias table and these facts.
    pub fn new(aliases: &'a Aliases, facts: Facts) -> Evaluator<'a> {
        Evaluator { aliases, facts }
    }

    /// Evaluates `definition` with the parameter values `given` (checked and completed with
    /// the defaults, see [`Definition::bind`]) on `resource`.
    pub fn evaluate(
        &self,
        definition: &Definition,
        given: &ParameterValues,
        resource: &PolicyResource,
    ) -> Result<Evaluation, PolicyError> {
        let parameters = definition.bind(given)?;
        Ok(self.evaluate_bound(definition, &parameters, resource))
    }

    /// Evaluates `definition` on `resource` with `parameters` already bound
    /// ([`Definition::bind`]): for one assignment judged on many resources.
    pub fn evaluate_bound(
        &self,
        definition: &Definition,
        parameters: &ParameterValues,
        resource: &PolicyResource,
    ) -> Evaluation {
        self.run(parameters, resource).evaluation(definition)
    }

    /// The effect of `definition` with `parameters` already bound, without judging a
    /// resource; `Err` with the reason when it cannot be resolved.
    pub fn effect(
        &self,
        definition: &Definition,
        parameters: &ParameterValues,
        resource: &PolicyResource,
    ) -> Result<Effect, String> {
        self.run(parameters, resource).effect(definition)
    }

    fn run<'r>(&'r self, parameters: &'r ParameterValues, resource: &'r PolicyResource) -> Run<'r> {
        Run {
            aliases: self.aliases,
            facts: &self.facts,
            parameters,
            resource,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    True,
    False,
    Unknown,
}

struct Outcome {
    truth: Truth,
    because: Vec<Because>,
}

/// A member of a `count` under evaluation.
struct Frame {
    /// The counted alias (lower case) and its path, for a field count.
    alias: Option<(String, Vec<Step>)>,
    /// The name `current()` takes, for a value count.
    name: Option<String>,
    value: Value,
}

/// What a subject evaluates to.
enum Subj {
    One(Option<Value>),
    Each(Option<Vec<Value>>),
    Unknown(String),
}

struct Run<'a> {
    aliases: &'a Aliases,
    facts: &'a Facts,
    parameters: &'a ParameterValues,
    resource: &'a PolicyResource,
}

impl Run<'_> {
    fn evaluation(&self, definition: &Definition) -> Evaluation {
        let effect = self.effect(definition);
        let verdict = self.verdict(definition, &effect);
        Evaluation { effect, verdict }
    }

    fn effect(&self, definition: &Definition) -> Result<Effect, String> {
        self.template(&Value::String(definition.effect.clone()), &[])
            .and_then(|v| {
                let name = compare::scalar_text(&v).unwrap_or_default();
                Effect::from_name(&name).ok_or_else(|| format!("`{name}` is no policy effect"))
            })
    }

    fn verdict(&self, definition: &Definition, effect: &Result<Effect, String>) -> Verdict {
        match &definition.mode {
            Mode::ResourceProvider(mode) => {
                return Verdict::NotApplicable {
                    reason: format!(
                        "mode `{mode}` judges data-plane objects, which no deployment writes"
                    ),
                };
            }
            Mode::Indexed if !self.resource.is_indexed() => {
                return Verdict::NotApplicable {
                    reason: "mode `Indexed` skips resources without tags and location".to_owned(),
                };
            }
            Mode::All | Mode::Indexed => {}
        }
        if effect == &Ok(Effect::Disabled) {
            return Verdict::NotApplicable {
                reason: "the effect is `Disabled`".to_owned(),
            };
        }
        let excluded = !may_apply(definition, &self.resource.resource_type);
        for leaf in type_conditions(&definition.condition) {
            if excluded || self.condition(leaf, &mut Vec::new()).truth == Truth::False {
                return Verdict::NotApplicable {
                    reason: format!(
                        "the rule targets other resource types than `{}`",
                        self.resource.resource_type
                    ),
                };
            }
        }
        let outcome = self.condition(&definition.condition, &mut Vec::new());
        match (outcome.truth, effect) {
            (Truth::False, _) => Verdict::Compliant,
            (Truth::Unknown, _) => Verdict::Unknown {
                because: outcome.because,
            },
            (Truth::True, Err(reason)) => Verdict::Unknown {
                because: vec![Because {
                    pointer: "/properties/policyRule/then/effect".to_owned(),
                    text: format!("the rule matches but its effect is unknown: {reason}"),
                }],
            },
            (
                Truth::True,
                Ok(Effect::AuditIfNotExists | Effect::DeployIfNotExists | Effect::Manual),
            ) => {
                let mut because = outcome.because;
                because.push(Because {
                    pointer: "/properties/policyRule/then/details".to_owned(),
                    text: "the rule matches; whether the related resources of `then.details` \
                           exist is not judged offline"
                        .to_owned(),
                });
                Verdict::Unknown { because }
            }
            (Truth::True, Ok(_)) => Verdict::NonCompliant {
                because: outcome.because,
            },
        }
    }

    fn condition(&self, condition: &Condition, frames: &mut Vec<Frame>) -> Outcome {
        match &condition.kind {
            ConditionKind::AllOf(members) | ConditionKind::AnyOf(members) => {
                let all = matches!(condition.kind, ConditionKind::AllOf(_));
                let (decisive, other) = if all {
                    (Truth::False, Truth::True)
                } else {
                    (Truth::True, Truth::False)
                };
                let outcomes: Vec<Outcome> =
                    members.iter().map(|m| self.condition(m, frames)).collect();
                if let Some(first) = outcomes.iter().position(|o| o.truth == decisive) {
                    let because = outcomes
                        .into_iter()
                        .nth(first)
                        .map(|o| o.because)
                        .unwrap_or_default();
                    return Outcome {
                        truth: decisive,
                        because,
                    };
                }
                let unknown = outcomes.iter().any(|o| o.truth == Truth::Unknown);
                let truth = if unknown { Truth::Unknown } else { other };
                Outcome {
                    truth,
                    because: outcomes
                        .into_iter()
                        .filter(|o| o.truth == truth)
                        .flat_map(|o| o.because)
                        .collect(),
                }
            }
            ConditionKind::Not(inner) => {
                let outcome = self.condition(inner, frames);
                Outcome {
                    truth: match outcome.truth {
                        Truth::True => Truth::False,
                        Truth::False => Truth::True,
                        Truth::Unknown => Truth::Unknown,
                    },
                    because: outcome
                        .because
                        .into_iter()
                        .map(|b| Because {
                            pointer: b.pointer,
                            text: format!("not ({})", b.text),
                        })
                        .collect(),
                }
            }
            ConditionKind::Leaf(leaf) => self.leaf(leaf, &condition.pointer, frames),
        }
    }

    fn leaf(&self, leaf: &Leaf, pointer: &str, frames: &mut Vec<Frame>) -> Outcome {
        let subject_text = match &leaf.subject {
            Subject::Field(f) => format!("field `{f}`"),
            Subject::Value(v) => format!("value `{}`", text_of(v)),
            Subject::Count(c) => match &c.source {
                CountSource::Field(f) => format!("count of `{f}`"),
                CountSource::Value { value, .. } => format!("count of `{}`", text_of(value)),
            },
        };
        let unknown = |why: String| Outcome {
            truth: Truth::Unknown,
            because: vec![Because {
                pointer: pointer.to_owned(),
                text: format!("{subject_text}: {why}"),
            }],
        };
        let subject = match &leaf.subject {
            Subject::Field(f) => self.field(f, frames),
            Subject::Value(v) => match self.template(v, frames) {
                Ok(Value::Null) => Subj::One(None),
                Ok(v) => Subj::One(Some(v)),
                Err(e) => Subj::Unknown(e),
            },
            Subject::Count(c) => match self.count(c, frames) {
                Ok(n) => Subj::One(Some(Value::Number(Number::from(n)))),
                Err(e) => Subj::Unknown(e),
            },
        };
        let operand = match self.template(&leaf.operand, frames) {
            Ok(v) => v,
            Err(e) => return unknown(format!("the operand of `{}`: {e}", leaf.operator.name())),
        };
        let op = leaf.operator;
        let (result, actual) = match subject {
            Subj::Unknown(e) => return unknown(e),
            Subj::One(v) => (apply(op, v.as_ref(), &operand), describe_opt(v.as_ref())),
            Subj::Each(None) => (apply(op, None, &operand), "absent".to_owned()),
            Subj::Each(Some(members)) => {
                let mut all = Ok(true);
                for m in &members {
                    match apply(op, Some(m), &operand) {
                        Ok(true) => {}
                        Ok(false) => {
                            all = Ok(false);
                            break;
                        }
                        Err(e) => all = Err(e),
                    }
                }
                let shown: Vec<String> = members.iter().take(5).map(describe).collect();
                (
                    all,
                    format!("[{}] (every member is checked)", shown.join(", ")),
                )
            }
        };
        match result {
            Err(e) => unknown(e),
            Ok(holds) => Outcome {
                truth: if holds { Truth::True } else { Truth::False },
                because: vec![Because {
                    pointer: pointer.to_owned(),
                    text: format!(
                        "{subject_text} is {actual}; `{}` {} {}",
                        op.name(),
                        describe(&operand),
                        if holds { "holds" } else { "does not hold" }
                    ),
                }],
            },
        }
    }

    /// A field: a member of a count under way, a field that is no alias, or an alias.
    fn field(&self, field: &str, frames: &[Frame]) -> Subj {
        let lower = field.to_lowercase();
        for frame in frames.iter().rev() {
            if let Some((alias, _)) = &frame.alias
                && *alias == lower
            {
                return Subj::One(Some(frame.value.clone()).filter(|v| !v.is_null()));
            }
        }
        if let Some(value) = self.resource.builtin_field(field) {
            return Subj::One(value);
        }
        let Some(alias) = self.aliases.get(field) else {
            return Subj::Unknown(format!(
                "alias `{field}` is not in mlzone's alias table (model/data/policy-aliases.tsv)"
            ));
        };
        if !alias
            .resource_type
            .eq_ignore_ascii_case(&self.resource.resource_type)
        {
            return Subj::One(None);
        }
        for frame in frames.iter().rev() {
            if let Some((_, path)) = &frame.alias
                && let Some(rest) = alias.path.strip_prefix(path.as_slice())
            {
                return found(walk(&frame.value, rest));
            }
        }
        found(walk_body(&self.resource.body, &alias.path))
    }

    fn count(&self, count: &Count, frames: &mut Vec<Frame>) -> Result<u64, String> {
        let (members, alias, name) = match &count.source {
            CountSource::Field(f) => {
                let path = self
                    .aliases
                    .get(f)
                    .map(|a| a.path.clone())
                    .unwrap_or_default();
                match self.field(f, frames) {
                    Subj::Each(members) => (
                        members.unwrap_or_default(),
                        Some((f.to_lowercase(), path)),
                        None,
                    ),
                    Subj::One(_) => return Err(format!("`{f}` is no array alias (`[*]`)")),
                    Subj::Unknown(e) => return Err(e),
                }
            }
            CountSource::Value { value, name } => match self.template(value, frames)? {
                Value::Array(items) => (items, None, name.clone()),
                other => return Err(format!("counts {}, which is no array", describe(&other))),
            },
        };
        let Some(filter) = &count.filter else {
            return Ok(members.len() as u64);
        };
        let mut n = 0;
        let mut unknown = None;
        for value in members {
            frames.push(Frame {
                alias: alias.clone(),
                name: name.clone(),
                value,
            });
            let outcome = self.condition(filter, frames);
            frames.pop();
            match outcome.truth {
                Truth::True => n += 1,
                Truth::False => {}
                Truth::Unknown => {
                    unknown = outcome.because.into_iter().next().map(|b| b.text);
                }
            }
        }
        match unknown {
            Some(why) => Err(format!("`where` is unknown for a member: {why}")),
            None => Ok(n),
        }
    }

    /// A value of a rule: an expression evaluated, a literal as written.
    fn template(&self, value: &Value, frames: &[Frame]) -> Result<Value, String> {
        match value {
            Value::String(s) => match expression::parse_template(s)? {
                Some(expr) => self.expr(&expr, frames),
                None => Ok(Value::String(expression::literal(s))),
            },
            other => Ok(other.clone()),
        }
    }

    fn expr(&self, expr: &Expr, frames: &[Frame]) -> Result<Value, String> {
        match expr {
            Expr::Str(s) => Ok(Value::String(s.clone())),
            Expr::Int(i) => Ok(Value::Number(Number::from(*i))),
            Expr::Member(inner, name) => expression::member(&self.expr(inner, frames)?, name),
            Expr::Index(inner, at) => {
                expression::index(&self.expr(inner, frames)?, &self.expr(at, frames)?)
            }
            Expr::Call(name, args) => {
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.expr(a, frames)?);
                }
                let first = values.first().and_then(compare::scalar_text);
                match name.as_str() {
                    "parameters" => {
                        let wanted = first.ok_or("`parameters` needs a name")?;
                        self.parameters
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(&wanted))
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| {
                                format!(
                                    "parameter `{wanted}` has no value (none assigned, no default)"
                                )
                            })
                    }
                    "field" => {
                        let field = first.ok_or("`field` needs a name")?;
                        match self.field(&field, frames) {
                            Subj::One(v) => Ok(v.unwrap_or(Value::Null)),
                            Subj::Each(v) => Ok(v.map(Value::Array).unwrap_or(Value::Null)),
                            Subj::Unknown(e) => Err(e),
                        }
                    }
                    "current" => {
                        let frame = match &first {
                            None => frames.last(),
                            Some(n) => frames.iter().rev().find(|f| {
                                f.name.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(n))
                                    || f.alias
                                        .as_ref()
                                        .is_some_and(|(a, _)| *a == n.to_lowercase())
                            }),
                        };
                        frame
                            .map(|f| f.value.clone())
                            .ok_or_else(|| "`current()` outside the `count` it names".to_owned())
                    }
                    "requestcontext" => Ok(serde_json::json!({
                        "apiVersion": self.resource.api_version,
                    })),
                    "subscription" => match &self.facts.subscription_id {
                        Some(id) => Ok(serde_json::json!({
                            "subscriptionId": id,
                            "id": format!("/subscriptions/{id}"),
                        })),
                        None => Err("`subscription()` is not known offline".to_owned()),
                    },
                    "resourcegroup" => match &self.facts.resource_group {
                        Some(name) => Ok(serde_json::json!({ "name": name })),
                        None => Err("`resourceGroup()` is not known offline".to_owned()),
                    },
                    _ => expression::call(name, &values).unwrap_or_else(|| {
                        Err(format!(
                            "function `{name}` is not supported by the offline evaluator"
                        ))
                    }),
                }
            }
        }
    }
}

fn found(found: Found) -> Subj {
    match found {
        Found::One(v) => Subj::One(v),
        Found::Each(v) => Subj::Each(v),
    }
}

fn describe_opt(value: Option<&Value>) -> String {
    value.map_or_else(|| "absent".to_owned(), describe)
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether `definition` may apply to a resource of `resource_type`, judged from the
/// conditions on `type` that decide whether its rule targets a resource at all, where they
/// compare with literals: `false` when one of them excludes the type, so that evaluating it
/// would find it not applicable; `true` otherwise (an expression is not resolved here).
pub fn may_apply(definition: &Definition, resource_type: &str) -> bool {
    let literal = |operand: &Value| match operand {
        Value::String(text) => !text.starts_with('['),
        Value::Array(items) => items
            .iter()
            .all(|item| matches!(item, Value::String(text) if !text.starts_with('['))),
        _ => false,
    };
    let actual = Value::String(resource_type.to_owned());
    !type_conditions(&definition.condition).iter().any(|condition| {
        matches!(&condition.kind, ConditionKind::Leaf(leaf)
            if literal(&leaf.operand) && apply(leaf.operator, Some(&actual), &leaf.operand) == Ok(false))
    })
}

/// The conditions on `type` that decide whether the rule targets a resource at all: the
/// root's, or its `allOf`'s direct members'.
fn type_conditions(root: &Condition) -> Vec<&Condition> {
    let is_type = |c: &Condition| {
        matches!(&c.kind, ConditionKind::Leaf(Leaf { subject: Subject::Field(f), operator, .. })
            if f.eq_ignore_ascii_case("type")
                && matches!(operator, Operator::Equals | Operator::In | Operator::Like))
    };
    match &root.kind {
        ConditionKind::AllOf(members) => members.iter().filter(|c| is_type(c)).collect(),
        _ if is_type(root) => vec![root],
        _ => Vec::new(),
    }
}

/// One operator on one value (`None`: absent).
pub(crate) fn apply(op: Operator, actual: Option<&Value>, operand: &Value) -> Result<bool, String> {
    let value = actual.unwrap_or(&Value::Null);
    let text = |v: &Value| -> Result<String, String> {
        match v {
            Value::Null => Ok(String::new()),
            other => compare::scalar_text(other).ok_or_else(|| {
                format!("`{}` needs a string, it has {}", op.name(), describe(other))
            }),
        }
    };
    Ok(match op {
        Operator::Exists => {
            let want = match operand {
                Value::Bool(b) => *b,
                Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                other => {
                    return Err(format!(
                        "`exists` needs true or false, not {}",
                        describe(other)
                    ));
                }
            };
            actual.is_some_and(|v| !v.is_null()) == want
        }
        Operator::Equals => compare::equals(value, operand),
        Operator::NotEquals => !compare::equals(value, operand),
        Operator::In => compare::is_in(value, operand)?,
        Operator::NotIn => !compare::is_in(value, operand)?,
        Operator::Like => compare::like(&text(value)?, &text(operand)?),
        Operator::NotLike => !compare::like(&text(value)?, &text(operand)?),
        Operator::Match => compare::matches(&text(value)?, &text(operand)?, false),
        Operator::NotMatch => !compare::matches(&text(value)?, &text(operand)?, false),
        Operator::MatchInsensitively => compare::matches(&text(value)?, &text(operand)?, true),
        Operator::NotMatchInsensitively => !compare::matches(&text(value)?, &text(operand)?, true),
        Operator::Contains => compare::contains(value, operand),
        Operator::NotContains => !compare::contains(value, operand),
        Operator::ContainsKey => compare::contains_key(value, operand),
        Operator::NotContainsKey => !compare::contains_key(value, operand),
        Operator::Less | Operator::LessOrEquals | Operator::Greater | Operator::GreaterOrEquals => {
            if actual.is_none() {
                return Err(format!(
                    "the value is absent, and how Azure orders an absent value with `{}` is not modelled",
                    op.name()
                ));
            }
            let ord = compare::order(value, operand)?;
            match op {
                Operator::Less => ord.is_lt(),
                Operator::LessOrEquals => ord.is_le(),
                Operator::Greater => ord.is_gt(),
                _ => ord.is_ge(),
            }
        }
    })
}
