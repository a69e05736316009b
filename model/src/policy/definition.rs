//! Policy definitions, initiatives (policy set definitions) and assignments in the JSON shape
//! Azure publishes them (`{"name", "properties": {"mode", "parameters", "policyRule"}}`), and
//! the condition tree of a rule's `if`.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

/// A policy text that does not read as a definition, initiative or assignment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at `{pointer}`)")]
pub struct PolicyError {
    /// The JSON pointer of the offending item in the policy text.
    pub pointer: String,
    /// What is wrong, one lowercase line.
    pub message: String,
}

impl PolicyError {
    fn at(pointer: impl Into<String>, message: impl Into<String>) -> PolicyError {
        PolicyError {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Which resources a definition evaluates (`properties.mode`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Every resource type.
    All,
    /// Only resource types that support tags and location.
    Indexed,
    /// A Resource Provider mode (`Microsoft.MachineLearningServices.Data`, …): data-plane
    /// objects, never an ARM resource that a deployment creates.
    ResourceProvider(String),
}

/// A parameter a definition or initiative declares.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterSpec {
    /// Its type (`String`, `Array`, `Integer`, …).
    pub kind: String,
    /// The value it takes when an assignment gives none.
    pub default_value: Option<Value>,
    /// The values it accepts, when restricted.
    pub allowed_values: Option<Vec<Value>>,
}

/// Parameter values by parameter name (names compare case-insensitively, as in Azure).
pub type ParameterValues = BTreeMap<String, Value>;

/// A policy definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// Its name: a GUID for built-ins, `Deny-MachineLearning-…` for ALZ's.
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// Which resources it evaluates.
    pub mode: Mode,
    /// Its parameters by name.
    pub parameters: BTreeMap<String, ParameterSpec>,
    /// The condition of `policyRule.if`.
    pub condition: Condition,
    /// `policyRule.then.effect` as written (a name or an expression).
    pub effect: String,
    /// Whether Azure marks it deprecated.
    pub deprecated: bool,
    /// `metadata.version`, when given.
    pub version: Option<String>,
}

/// A member of an initiative: a definition with its parameter values, which may refer to the
/// initiative's parameters (`[parameters('mlLocalAuth')]`).
#[derive(Debug, Clone, PartialEq)]
pub struct SetMember {
    /// `policyDefinitionReferenceId`.
    pub reference_id: String,
    /// `policyDefinitionId`.
    pub definition_id: String,
    /// The values it passes, as written.
    pub parameters: BTreeMap<String, Value>,
}

/// An initiative (policy set definition).
#[derive(Debug, Clone, PartialEq)]
pub struct SetDefinition {
    /// Its name.
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// Its parameters by name.
    pub parameters: BTreeMap<String, ParameterSpec>,
    /// Its members, in order.
    pub members: Vec<SetMember>,
}

/// Whether an assignment enforces its effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enforcement {
    /// Effects apply (`Default`).
    Default,
    /// Effects are only reported (`DoNotEnforce`): a Deny does not block.
    DoNotEnforce,
}

/// A policy assignment (the Azure Landing Zones library's files).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Its name (`Deny-Public-Endpoints`).
    pub name: String,
    /// Its display name.
    pub display_name: String,
    /// The definition or initiative it assigns.
    pub definition_id: String,
    /// The values it gives the parameters.
    pub parameters: ParameterValues,
    /// Whether it enforces.
    pub enforcement: Enforcement,
}

/// A node of a rule's condition tree, with the JSON pointer it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The pointer of this node in the definition's text.
    pub pointer: String,
    /// What it is.
    pub kind: ConditionKind,
}

/// A logical operator or a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionKind {
    /// All must hold.
    AllOf(Vec<Condition>),
    /// One must hold.
    AnyOf(Vec<Condition>),
    /// Inverts.
    Not(Box<Condition>),
    /// A subject compared by an operator with an operand.
    Leaf(Leaf),
}

/// A condition: `{"field": …, "equals": …}`, `{"value": …, "in": …}`, `{"count": …, "less": …}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    /// What is compared.
    pub subject: Subject,
    /// How.
    pub operator: Operator,
    /// With what, as written (literal or expression).
    pub operand: Value,
}

/// The left side of a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A field: `type`, `name`, `location`, `tags['x']`, or an alias.
    Field(String),
    /// A value, literal or expression.
    Value(Value),
    /// How many members of an array satisfy `where`.
    Count(Count),
}

/// A `count` expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// What is counted.
    pub source: CountSource,
    /// The condition each member must meet (all members count without it).
    pub filter: Option<Box<Condition>>,
}

/// What a `count` iterates.
#[derive(Debug, Clone, PartialEq)]
pub enum CountSource {
    /// The members of an array alias (`…[*]`).
    Field(String),
    /// The members of an array value, optionally named for `current('name')`.
    Value {
        /// The array, literal or expression.
        value: Value,
        /// The name `current()` takes.
        name: Option<String>,
    },
}

/// The condition operators Azure Policy defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[allow(missing_docs)]
pub enum Operator {
    #[strum(serialize = "equals")]
    Equals,
    #[strum(serialize = "notEquals")]
    NotEquals,
    #[strum(serialize = "like")]
    Like,
    #[strum(serialize = "notLike")]
    NotLike,
    #[strum(serialize = "match")]
    Match,
    #[strum(serialize = "matchInsensitively")]
    MatchInsensitively,
    #[strum(serialize = "notMatch")]
    NotMatch,
    #[strum(serialize = "notMatchInsensitively")]
    NotMatchInsensitively,
    #[strum(serialize = "contains")]
    Contains,
    #[strum(serialize = "notContains")]
    NotContains,
    #[strum(serialize = "in")]
    In,
    #[strum(serialize = "notIn")]
    NotIn,
    #[strum(serialize = "containsKey")]
    ContainsKey,
    #[strum(serialize = "notContainsKey")]
    NotContainsKey,
    #[strum(serialize = "less")]
    Less,
    #[strum(serialize = "lessOrEquals")]
    LessOrEquals,
    #[strum(serialize = "greater")]
    Greater,
    #[strum(serialize = "greaterOrEquals")]
    GreaterOrEquals,
    #[strum(serialize = "exists")]
    Exists,
}

impl Operator {
    /// Its name as rules write it.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The operator of a key, compared case-insensitively (`notin` is `notIn`).
    pub fn from_key(key: &str) -> Option<Operator> {
        use strum::IntoEnumIterator;
        Operator::iter().find(|op| op.name().eq_ignore_ascii_case(key))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawParameter {
    #[serde(rename = "type", default)]
    kind: String,
    default_value: Option<Value>,
    allowed_values: Option<Vec<Value>>,
}

fn parameters(
    raw: Option<&Value>,
    pointer: &str,
) -> Result<BTreeMap<String, ParameterSpec>, PolicyError> {
    let Some(raw) = raw else {
        return Ok(BTreeMap::new());
    };
    let map: BTreeMap<String, RawParameter> = serde_json::from_value(raw.clone())
        .map_err(|e| PolicyError::at(pointer, format!("parameters do not read: {e}")))?;
    Ok(map
        .into_iter()
        .map(|(name, p)| {
            (
                name,
                ParameterSpec {
                    kind: p.kind,
                    default_value: p.default_value,
                    allowed_values: p.allowed_values,
                },
            )
        })
        .collect())
}

fn object<'a>(value: &'a Value, pointer: &str) -> Result<&'a Map<String, Value>, PolicyError> {
    value
        .as_object()
        .ok_or_else(|| PolicyError::at(pointer, "expected an object"))
}

fn text_of(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The `properties` of a policy file, or the file itself when it has none.
fn properties(root: &Value) -> Result<&Map<String, Value>, PolicyError> {
    let top = object(root, "")?;
    match top.get("properties") {
        Some(p) => object(p, "/properties"),
        None => Ok(top),
    }
}

fn read(text: &str) -> Result<Value, PolicyError> {
    serde_json::from_str(text).map_err(|e| PolicyError::at("", format!("not JSON: {e}")))
}

impl Definition {
    /// Reads a policy definition from its JSON text.
    pub fn parse(text: &str) -> Result<Definition, PolicyError> {
        Definition::from_value(&read(text)?)
    }

    /// Reads a policy definition from its JSON value.
    pub fn from_value(root: &Value) -> Result<Definition, PolicyError> {
        let base = if root.get("properties").is_some() {
            "/properties"
        } else {
            ""
        };
        let props = properties(root)?;
        let name = root
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| PolicyError::at("/name", "a definition needs a name"))?
            .to_owned();
        let mode = match text_of(props, "mode").as_deref() {
            None => Mode::Indexed,
            Some(m) if m.eq_ignore_ascii_case("all") => Mode::All,
            Some(m) if m.eq_ignore_ascii_case("indexed") => Mode::Indexed,
            Some(m) => Mode::ResourceProvider(m.to_owned()),
        };
        let rule_pointer = format!("{base}/policyRule");
        let rule = props
            .get("policyRule")
            .ok_or_else(|| PolicyError::at(&rule_pointer, "a definition needs a policyRule"))?;
        let rule = object(rule, &rule_pointer)?;
        let if_pointer = format!("{rule_pointer}/if");
        let condition = Condition::from_value(
            rule.get("if")
                .ok_or_else(|| PolicyError::at(&if_pointer, "a policyRule needs `if`"))?,
            &if_pointer,
        )?;
        let then_pointer = format!("{rule_pointer}/then/effect");
        let effect = rule
            .get("then")
            .and_then(|t| t.get("effect"))
            .and_then(Value::as_str)
            .ok_or_else(|| PolicyError::at(&then_pointer, "a policyRule needs `then.effect`"))?
            .to_owned();
        let metadata = props.get("metadata");
        Ok(Definition {
            display_name: text_of(props, "displayName").unwrap_or_else(|| name.clone()),
            name,
            mode,
            parameters: parameters(props.get("parameters"), &format!("{base}/parameters"))?,
            condition,
            effect,
            deprecated: metadata
                .and_then(|m| m.get("deprecated"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            version: metadata
                .and_then(|m| m.get("version"))
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
    }

    /// The parameter values of an evaluation: `given` checked against the declared
    /// parameters (unknown names and values outside `allowedValues` refused), defaults
    /// filled in. A parameter with neither stays unbound; a rule that uses it evaluates to
    /// unknown.
    pub fn bind(&self, given: &ParameterValues) -> Result<ParameterValues, PolicyError> {
        bind(&self.parameters, given)
    }
}

/// `given` checked against `declared`, with defaults filled in.
pub(crate) fn bind(
    declared: &BTreeMap<String, ParameterSpec>,
    given: &ParameterValues,
) -> Result<ParameterValues, PolicyError> {
    let mut out = ParameterValues::new();
    for (name, value) in given {
        let Some((declared_name, spec)) =
            declared.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
        else {
            let known: Vec<&str> = declared.keys().map(String::as_str).collect();
            return Err(PolicyError::at(
                format!("/parameters/{name}"),
                format!(
                    "no parameter `{name}`; the definition declares {}",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        format!("`{}`", known.join("`, `"))
                    }
                ),
            ));
        };
        if let Some(allowed) = &spec.allowed_values
            && !allowed.iter().any(|a| super::compare::equals(a, value))
        {
            return Err(PolicyError::at(
                format!("/parameters/{name}"),
                format!(
                    "`{name}` may not be {}; allowed: {}",
                    super::compare::describe(value),
                    allowed
                        .iter()
                        .map(super::compare::describe)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        out.insert(declared_name.clone(), value.clone());
    }
    for (name, spec) in declared {
        if !out.contains_key(name)
            && let Some(default) = &spec.default_value
        {
            out.insert(name.clone(), default.clone());
        }
    }
    Ok(out)
}

impl SetDefinition {
    /// Reads an initiative from its JSON text.
    pub fn parse(text: &str) -> Result<SetDefinition, PolicyError> {
        let root = read(text)?;
        let props = properties(&root)?;
        let name = root
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| PolicyError::at("/name", "an initiative needs a name"))?
            .to_owned();
        let members = props
            .get("policyDefinitions")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                PolicyError::at(
                    "/properties/policyDefinitions",
                    "an initiative needs policyDefinitions",
                )
            })?
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let pointer = format!("/properties/policyDefinitions/{i}");
                let m = object(m, &pointer)?;
                let definition_id = text_of(m, "policyDefinitionId").ok_or_else(|| {
                    PolicyError::at(&pointer, "a member needs a policyDefinitionId")
                })?;
                Ok(SetMember {
                    reference_id: text_of(m, "policyDefinitionReferenceId")
                        .unwrap_or_else(|| definition_id.clone()),
                    definition_id,
                    parameters: values(m.get("parameters")),
                })
            })
            .collect::<Result<_, PolicyError>>()?;
        Ok(SetDefinition {
            display_name: text_of(props, "displayName").unwrap_or_else(|| name.clone()),
            name,
            parameters: parameters(props.get("parameters"), "/properties/parameters")?,
            members,
        })
    }
}

/// `{"name": {"value": v}}` → `{"name": v}`.
fn values(raw: Option<&Value>) -> ParameterValues {
    raw.and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.get("value")?.clone())))
                .collect()
        })
        .unwrap_or_default()
}

impl Assignment {
    /// Reads an assignment from its JSON text.
    pub fn parse(text: &str) -> Result<Assignment, PolicyError> {
        let root = read(text)?;
        let props = properties(&root)?;
        let name = root
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| PolicyError::at("/name", "an assignment needs a name"))?
            .to_owned();
        Ok(Assignment {
            display_name: text_of(props, "displayName").unwrap_or_else(|| name.clone()),
            definition_id: text_of(props, "policyDefinitionId").ok_or_else(|| {
                PolicyError::at(
                    "/properties/policyDefinitionId",
                    "an assignment needs a policyDefinitionId",
                )
            })?,
            parameters: values(props.get("parameters")),
            enforcement: match text_of(props, "enforcementMode").as_deref() {
                Some(m) if m.eq_ignore_ascii_case("DoNotEnforce") => Enforcement::DoNotEnforce,
                _ => Enforcement::Default,
            },
            name,
        })
    }
}

impl Condition {
    /// Reads a condition tree; `pointer` is where `value` sits in its document.
    pub fn from_value(value: &Value, pointer: &str) -> Result<Condition, PolicyError> {
        let map = object(value, pointer)?;
        let get = |key: &str| -> Option<(&String, &Value)> {
            map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))
        };
        let list = |key: &String, items: &Value| -> Result<Vec<Condition>, PolicyError> {
            let at = format!("{pointer}/{key}");
            items
                .as_array()
                .ok_or_else(|| PolicyError::at(&at, format!("`{key}` needs an array")))?
                .iter()
                .enumerate()
                .map(|(i, c)| Condition::from_value(c, &format!("{at}/{i}")))
                .collect()
        };
        let kind = if let Some((key, items)) = get("allOf") {
            ConditionKind::AllOf(list(key, items)?)
        } else if let Some((key, items)) = get("anyOf") {
            ConditionKind::AnyOf(list(key, items)?)
        } else if let Some((key, inner)) = get("not") {
            ConditionKind::Not(Box::new(Condition::from_value(
                inner,
                &format!("{pointer}/{key}"),
            )?))
        } else {
            ConditionKind::Leaf(Leaf::from_map(map, pointer)?)
        };
        Ok(Condition {
            pointer: pointer.to_owned(),
            kind,
        })
    }
}

impl Leaf {
    fn from_map(map: &Map<String, Value>, pointer: &str) -> Result<Leaf, PolicyError> {
        let mut subject = None;
        let mut operator = None;
        for (key, value) in map {
            let lower = key.to_ascii_lowercase();
            match lower.as_str() {
                "field" => {
                    let field = value.as_str().ok_or_else(|| {
                        PolicyError::at(format!("{pointer}/{key}"), "`field` needs a string")
                    })?;
                    subject = Some(Subject::Field(field.to_owned()));
                }
                "value" => subject = Some(Subject::Value(value.clone())),
                "count" => {
                    subject = Some(Subject::Count(Count::from_value(
                        value,
                        &format!("{pointer}/{key}"),
                    )?));
                }
                _ => match Operator::from_key(key) {
                    Some(op) => operator = Some((op, value.clone())),
                    None => {
                        return Err(PolicyError::at(
                            format!("{pointer}/{key}"),
                            format!("`{key}` is no condition operator"),
                        ));
                    }
                },
            }
        }
        let subject = subject.ok_or_else(|| {
            PolicyError::at(pointer, "a condition needs `field`, `value` or `count`")
        })?;
        let (operator, operand) =
            operator.ok_or_else(|| PolicyError::at(pointer, "a condition needs an operator"))?;
        Ok(Leaf {
            subject,
            operator,
            operand,
        })
    }
}

impl Count {
    fn from_value(value: &Value, pointer: &str) -> Result<Count, PolicyError> {
        let map = object(value, pointer)?;
        let get = |key: &str| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
        let source = match (get("field"), get("value")) {
            (Some((_, field)), None) => CountSource::Field(
                field
                    .as_str()
                    .ok_or_else(|| PolicyError::at(pointer, "`count.field` needs a string"))?
                    .to_owned(),
            ),
            (None, Some((_, value))) => CountSource::Value {
                value: value.clone(),
                name: get("name").and_then(|(_, n)| n.as_str()).map(str::to_owned),
            },
            _ => {
                return Err(PolicyError::at(
                    pointer,
                    "`count` needs one of `field` and `value`",
                ));
            }
        };
        let filter = match get("where") {
            Some((key, w)) => Some(Box::new(Condition::from_value(
                w,
                &format!("{pointer}/{key}"),
            )?)),
            None => None,
        };
        Ok(Count { source, filter })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_read_case_insensitively() {
        assert_eq!(Operator::from_key("notin"), Some(Operator::NotIn));
        assert_eq!(
            Operator::from_key("GREATEROREQUALS"),
            Some(Operator::GreaterOrEquals)
        );
        assert_eq!(Operator::from_key("between"), None);
    }

    #[test]
    fn a_definition_without_a_rule_is_refused_with_its_pointer() {
        let err = Definition::parse(r#"{"name": "x", "properties": {"mode": "All"}}"#).unwrap_err();
        assert_eq!(err.pointer, "/properties/policyRule");
        let err = Definition::parse(
            r#"{"name": "x", "properties": {"policyRule": {"if": {"field": "type", "between": 1}, "then": {"effect": "deny"}}}}"#,
        )
        .unwrap_err();
        assert_eq!(err.pointer, "/properties/policyRule/if/between");
    }

    #[test]
    fn binding_refuses_unknown_names_and_disallowed_values() {
        let d = Definition::parse(
            r#"{"name": "x", "properties": {"parameters": {"effect": {"type": "String", "allowedValues": ["Audit", "Deny"], "defaultValue": "Audit"}},
                "policyRule": {"if": {"field": "type", "equals": "a"}, "then": {"effect": "[parameters('effect')]"}}}}"#,
        )
        .unwrap();
        let given = |k: &str, v: &str| ParameterValues::from([(k.to_owned(), Value::from(v))]);
        assert_eq!(d.bind(&ParameterValues::new()).unwrap()["effect"], "Audit");
        assert_eq!(d.bind(&given("EFFECT", "deny")).unwrap()["effect"], "deny");
        assert!(d.bind(&given("effect", "Modify")).is_err());
        assert!(d.bind(&given("other", "Deny")).is_err());
    }
}
