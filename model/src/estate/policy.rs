//! The policies an estate inherits from its landing zone.

/// One inherited policy, as the document names it (checked against mlzone's reference
/// library by resolution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InheritedPolicy {
    /// The assignment's name, or the definition's or initiative's id or name.
    pub policy: String,
    /// Parameter values by name, each as its JSON text (the estate holds no format types).
    pub parameters: Vec<(String, String)>,
    /// The effect it imposes on every definition with an `effect` parameter.
    pub effect: Option<String>,
    /// Where it is in the document (JSON pointer).
    pub path: String,
}
