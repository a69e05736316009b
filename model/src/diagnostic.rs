//! One shape for every finding mlzone reports: load errors, resolve errors and rule findings.
//!
//! A [`Diagnostic`] always names its stable [`Code`], a [`Severity`], a one-line lowercase
//! message, the JSON-pointer path of the offending item and, when the document came from text,
//! the [`Location`] of that item.

use std::fmt;

use serde::Serialize;
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Display, EnumString,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Warning,
    /// The document cannot be used as it is.
    Error,
}

/// The stable code of every diagnostic mlzone can emit.
///
/// Codes are kebab-case, never renamed once released, and each has a section in the book's
/// diagnostics catalog.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Code {
    // ---- reading the text -------------------------------------------------------------
    /// The input could not be read at all: a missing file, a directory, no permission.
    UnreadableInput,
    /// The input is larger than the configured limit.
    InputTooLarge,
    /// The input bytes are not valid UTF-8.
    InvalidEncoding,
    /// The input holds no document at all.
    EmptyDocument,
    /// The text is not well-formed YAML, TOML or JSON.
    Syntax,
    /// The document nests deeper than the configured limit.
    NestingTooDeep,
    /// YAML aliases would expand beyond the configured limit.
    AliasLimit,
    /// The file format could not be told from the file name.
    UnknownFormat,
    // ---- the document's shape ---------------------------------------------------------
    /// A key the file format does not know.
    UnknownField,
    /// A required key is absent.
    MissingField,
    /// A value of the wrong type (a list where a string was expected, …).
    InvalidType,
    /// A value of the right type that is not allowed (a bad enum variant, GUID or name).
    InvalidValue,
    /// The same key appears twice in one mapping.
    DuplicateKey,
    // ---- references and uniqueness ----------------------------------------------------
    /// Two items of the same kind share a name.
    DuplicateName,
    /// A reference names an item that does not exist.
    UnknownReference,
    /// A persona has no Entra group for an environment it has access to.
    MissingGroup,
    /// The same Entra object id is used for two different things.
    DuplicateObjectId,
    /// An estate limit (projects, data scientists, string length) was exceeded.
    LimitExceeded,
    // ---- validation: the promotion path ---------------------------------------------------
    /// Environments promote into each other in a cycle.
    PromotionCycle,
    /// An environment cannot be reached from a development environment.
    UnreachableEnvironment,
    /// No environment has stage production.
    NoProductionEnvironment,
    /// A production environment can be reached without passing a test stage.
    ProductionWithoutTest,
    /// Promotion into a production environment has no approval gate.
    ProductionWithoutApproval,
    /// The approver of a production promotion builds or deploys, or may change production.
    SeparationOfDuties,
    /// A test environment from which no environment is promoted.
    TestPromotesNowhere,
    /// A project has a workspace in an environment but none in the one promoting into it, or
    /// two projects would share one workspace.
    OneWorkspacePerProjectEnvironment,
    /// The estate has no project, so it deploys no workspace.
    NoProjects,
    // ---- validation: access along the promotion path -------------------------------------
    /// A data scientist or data engineer gains operations along a promotion edge.
    AccessNotShrinking,
    /// A data scientist or data engineer may change something in production.
    ProductionNotReadOnly,
    /// A data scientist or data engineer keeps `experiment` access or more in test.
    TestAccessNotLimited,
    /// A DevOps (MLOps) engineer loses operations along a promotion edge.
    AccessNotGrowing,
    /// Data scientists may add or remove workspace users in development.
    DevelopmentUserManagement,
    /// Data scientists may create or delete workspaces in development.
    DevelopmentWorkspaceLifecycle,
    /// A project's restriction and its data scientists' role disagree.
    RestrictionRoleMismatch,
    /// An unrestricted project gives data scientists Contributor, and what that gives away.
    UnrestrictedTradeOff,
    /// A restricted data scientist may create compute or other infrastructure.
    RestrictedScientistCreatesInfrastructure,
    /// A workspace admin cannot create compute instances and clusters.
    WorkspaceAdminCannotCreateCompute,
    /// No persona can create compute in a development environment.
    NobodyCreatesCompute,
    /// A role grants a persona that is not an admin the right to change access.
    PrivilegeEscalation,
    /// A persona named after a kind is declared of another kind.
    PersonaKindMismatch,
    // ---- validation: network and compute --------------------------------------------------
    /// A private project names no subnet or virtual network for its private endpoints.
    PrivateWithoutPrivateLink,
    /// A public project sets `private-link`, which only private projects use.
    PrivateLinkIgnored,
    /// Two data scientists of a project share one Entra object id, so one compute instance.
    SharedComputeInstance,
    /// A project has two development clusters of the same VM size.
    DuplicateClusterSize,
    /// A cluster keeps nodes running when idle.
    ClusterMinNodes,
    /// Compute instances never shut down when idle.
    IdleShutdownOff,
    // ---- validation: role content ---------------------------------------------------------
    /// A role pattern matches no operation (with the closest one).
    UnknownOperation,
    /// A role pattern's provider is not in mlzone's catalog, so it was not checked.
    UncheckedProvider,
    /// A role pattern holds more than one `*`.
    TooManyWildcards,
    /// A data operation in `actions`, or a control operation in `data-actions`.
    DataActionMismatch,
    /// Two roles share a display name.
    DuplicateRoleName,
    /// Custom roles extend each other in a cycle.
    RoleCycle,
    /// A role extends a built-in role whose permissions mlzone does not know.
    UnknownRolePermissions,
    /// A composed role cannot be written as one Azure role definition.
    RoleNotExpressible,
    /// A persona holds a built-in role whose permissions mlzone does not know, so the access
    /// rules could not check it.
    UncheckedRole,
    // ---- validation: text ------------------------------------------------------------------
    /// Free text holds invisible or direction-changing characters.
    InvisibleCharacters,
    // ---- validation: Azure names and limits -----------------------------------------------
    /// A resource name the plan builds breaks Azure's naming rules.
    InvalidAzureName,
    /// Two resources would get the same Azure name.
    NameCollision,
    /// More role assignments in one subscription than Azure allows.
    RoleAssignmentLimit,
    /// More resources in one deployment template than Azure allows.
    TemplateResourceLimit,
    // ---- validation: testing models ---------------------------------------------------------
    /// A test environment's traffic or error percentage lies outside 0–100.
    TestingPercentOutOfRange,
    /// An A/B test's traffic shares do not sum to 100.
    AbTrafficNotHundred,
    /// A champion/challenger test mirrors more traffic than Azure allows (50 %).
    MirrorTrafficOverLimit,
    /// A test environment lists a load or response-time check without its threshold.
    TestingThresholdMissing,
    /// A test environment's strategy has no online endpoint of a project to run on.
    TestingWithoutOnlineEndpoint,
    // ---- validation: the model registry -------------------------------------------------
    /// A persona other than the MLOps engineers may delete or replace registry assets that
    /// production serves.
    RegistryAssetDeletion,
    /// The model registry is public while projects are private.
    PublicRegistry,
    /// The reader role that test and production workspace identities and pipelines hold at
    /// the model registry deletes or writes there.
    RegistryReaderWrites,
    // ---- validation: landing zone ----------------------------------------------------------
    /// A private project in `existing` private DNS mode needs a zone the document gives no
    /// id for.
    PrivateDnsZoneMissing,
    /// A central private DNS zone id is not a private DNS zone's, or names another zone than
    /// the one it stands for.
    InvalidPrivateDnsZoneId,
    /// Private DNS zone names of the Azure public cloud in an environment of a sovereign cloud.
    PrivateDnsSovereignCloud,
    // ---- validation: inherited Azure Policy ----------------------------------------------
    /// A policy the landing zone assigns with a Deny effect would deny a planned resource.
    InheritedPolicyDenied,
    /// A policy the landing zone assigns would mark a planned resource non-compliant (Audit)
    /// or change it (Modify, Append).
    InheritedPolicyAudited,
    /// The offline evaluator cannot tell whether a planned resource complies with a policy the
    /// landing zone assigns.
    InheritedPolicyUnknown,
    // ---- validation: guardrails ------------------------------------------------------------
    /// A Deny guardrail the estate assigns would refuse a resource of its own deployment.
    GuardrailDenied,
    /// An Audit guardrail the estate assigns reports a resource of its own deployment.
    GuardrailNonCompliant,
    // ---- audit: reading the exports ------------------------------------------------------
    /// An export an audit needs is missing from an environment's folder.
    AuditExportMissing,
    /// The export folder holds an environment the document does not know.
    AuditExportUnknownEnvironment,
    /// An environment's folder holds the role assignments twice, from the Azure CLI and from
    /// Resource Graph.
    AuditExportConflict,
    // ---- audit: role assignments and effective access -----------------------------------
    /// A persona's group lacks a role the document gives it on a workspace.
    AuditAssignmentMissing,
    /// A principal the document knows holds a role the document does not give it, at a
    /// workspace or above.
    AuditAssignmentExtra,
    /// Owner, Contributor or User Access Administrator on a production workspace or above,
    /// held by a principal the document does not give it to.
    AuditAssignmentPrivileged,
    /// A role is assigned, at a workspace or above, to a principal the document does not know.
    AuditUnknownPrincipal,
    /// What a persona can really do on a workspace goes beyond what the document allows.
    AuditEffectiveAccess,
    // ---- audit: custom role definitions ----------------------------------------------------
    /// A custom role the environment's deployment defines is not in its subscription.
    AuditRoleMissing,
    /// A deployed custom role grants other operations than the one mlzone generates.
    AuditRoleDrifted,
    /// A deployed custom role is assignable at other scopes than its environment's
    /// subscription.
    AuditRoleScopes,
    /// A deployed custom role has another name than the one mlzone generates.
    AuditRoleRenamed,
    /// A custom role assignable in the environment's subscription that the document does not
    /// define.
    AuditRoleUnknown,
    // ---- audit: resources ---------------------------------------------------------------------
    /// The Resource Graph pages of an environment are incomplete or inconsistent.
    AuditResourcePages,
    /// A resource of a private project accepts traffic from public networks.
    AuditResourcePublicAccess,
    /// A workspace runs another managed network isolation mode than the document's.
    AuditResourceIsolation,
    /// A compute instance does not shut down when idle.
    AuditResourceIdleShutdown,
    /// A compute instance is assigned to another user than the document's data scientist.
    AuditResourceAssignedUser,
    /// A cluster keeps more nodes running than the document allows.
    AuditResourceMinNodes,
    /// A workspace, compute or endpoint in one of the environment's resource groups that the
    /// document does not know.
    AuditResourceUnknown,
    /// A workspace, compute or endpoint the document plans is not in the export.
    AuditResourceMissing,
}

impl Code {
    /// The code as written in documents, reports and the book.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether the code means the input could not be read as a document at all (as opposed
    /// to a document with problems in it).
    pub fn is_unusable_input(self) -> bool {
        matches!(
            self,
            Self::UnreadableInput
                | Self::InputTooLarge
                | Self::InvalidEncoding
                | Self::EmptyDocument
                | Self::Syntax
                | Self::NestingTooDeep
                | Self::AliasLimit
                | Self::UnknownFormat
        )
    }

    /// Whether the code is an audit's (`audit-…`): a difference between a live estate and
    /// the document, or a problem with the exports read, never a finding about a document.
    pub fn is_audit(self) -> bool {
        self.as_str().starts_with("audit-")
    }

    /// Whether the code is a validator rule's (the catalog of `validate` has one entry per
    /// such code) rather than a problem of reading, shape or references, which is always an
    /// error. Known here so that resolution, below the validator, can check rule levels.
    pub fn is_rule(self) -> bool {
        !self.is_unusable_input()
            && !self.is_audit()
            && !matches!(
                self,
                Self::UnknownField
                    | Self::MissingField
                    | Self::InvalidType
                    | Self::InvalidValue
                    | Self::DuplicateKey
                    | Self::DuplicateName
                    | Self::UnknownReference
                    | Self::DuplicateObjectId
                    | Self::LimitExceeded
            )
    }

    /// Whether a document may set the level of the code: a rule's, except the rules whose
    /// findings code generation refuses whatever the level (a role cycle, a role that no
    /// permission block expresses, two resources or two roles with one name, a private DNS zone
    /// that is missing, misnamed or named for another cloud). Allowing them
    /// would make `validate` pass a document that `generate` refuses.
    pub fn takes_level(self) -> bool {
        self.is_rule()
            && !matches!(
                self,
                Self::RoleCycle
                    | Self::RoleNotExpressible
                    | Self::NameCollision
                    | Self::DuplicateRoleName
                    | Self::PrivateDnsZoneMissing
                    | Self::InvalidPrivateDnsZoneId
                    | Self::PrivateDnsSovereignCloud
            )
    }
}

/// A position in a source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The name of the source (a file path as given, or `<input>`).
    pub source: String,
    /// One-based line.
    pub line: usize,
    /// One-based column, counted in characters.
    pub column: usize,
    /// Byte offset of the start of the span.
    pub offset: usize,
    /// Length of the span in bytes.
    pub length: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.source, self.line, self.column)
    }
}

/// A secondary place that helps explain a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    /// What this place is ("first defined here").
    pub message: String,
    /// JSON pointer of the related item.
    pub path: String,
    /// Where the related item is in the source, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Severity after rule levels were applied.
    pub severity: Severity,
    /// One line, lowercase, user values in backticks.
    pub message: String,
    /// JSON pointer of the offending item in the document (`""` for the whole document).
    pub path: String,
    /// Where the item is in the source text, when the estate came from text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places that explain the finding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Whether the finding is about the key of a mapping entry (an unknown name used as a
    /// key) rather than its value; locating then points at the key.
    #[serde(skip)]
    pub on_key: bool,
}

impl Diagnostic {
    /// An error with a code, a message and the path of the item it is about.
    pub fn error(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, path, message)
    }

    /// A warning with a code, a message and the path of the item it is about.
    pub fn warning(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, path, message)
    }

    fn new(
        code: Code,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            code,
            severity,
            message: message.into(),
            path: path.into(),
            location: None,
            help: None,
            related: Vec::new(),
            on_key: false,
        }
    }

    /// Marks the finding as being about the key of the entry at its path.
    #[must_use]
    pub fn on_key(mut self) -> Self {
        self.on_key = true;
        self
    }

    /// Adds help text.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the source location.
    #[must_use]
    pub fn with_location(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_related(mut self, path: impl Into<String>, message: impl Into<String>) -> Self {
        self.related.push(Related {
            message: message.into(),
            path: path.into(),
            location: None,
        });
        self
    }

    /// Whether this diagnostic fails a run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message and the help on one line, `message; help`, for answers to a name typed
    /// outside a document (a command-line argument, a Python argument).
    pub fn one_line(&self) -> String {
        match &self.help {
            Some(help) => format!("{}; {help}", self.message),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at `{}`)", self.path)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// How many known names an unknown-name diagnostic lists when none is close.
const KNOWN_LISTED: usize = 12;

/// A name that refers to nothing, the one wording every lookup by name uses: the message
/// ``unknown {what} `{name}` ``, and as help the closest known name ("did you mean"), else the
/// known names (the first twelve), else that no `what` is defined.
///
/// ```
/// use mlzone_model::diagnostic::unknown_name;
/// let diagnostic = unknown_name("", "persona", "data-scientst", ["data-scientist", "ml-engineer"]);
/// assert_eq!(diagnostic.message, "unknown persona `data-scientst`");
/// assert_eq!(diagnostic.help.as_deref(), Some("did you mean `data-scientist`?"));
/// assert_eq!(diagnostic.one_line(), "unknown persona `data-scientst`; did you mean `data-scientist`?");
/// ```
pub fn unknown_name<'a>(
    path: impl Into<String>,
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("no {what} is defined"),
        None => {
            let listed: Vec<String> = known
                .iter()
                .take(KNOWN_LISTED)
                .map(|known| format!("`{known}`"))
                .collect();
            format!("known: {}", listed.join(", "))
        }
    };
    Diagnostic::error(
        Code::UnknownReference,
        path,
        format!("unknown {what} `{name}`"),
    )
    .with_help(help)
}

/// The closest match for `input` among `candidates`, for "did you mean" hints.
///
/// Returns `None` when nothing is close enough to be a plausible typo.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_folded = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::normalized_damerau_levenshtein(
                &input_folded,
                &candidate.to_ascii_lowercase(),
            );
            (score, candidate)
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos() {
        let keys = ["restriction", "network", "repository"];
        assert_eq!(did_you_mean("restrction", keys), Some("restriction"));
        assert_eq!(did_you_mean("netwrok", keys), Some("network"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_token("a/b~c"), "a~1b~0c");
    }
}

/// Every problem of a failed step, in the order found: an error type for `?`.
///
/// It dereferences to a slice of [`Diagnostic`]s and iterates over them; its `Display` writes
/// one diagnostic per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// The diagnostics as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Self(diagnostics)
    }
}

impl From<Diagnostics> for Vec<Diagnostic> {
    fn from(diagnostics: Diagnostics) -> Self {
        diagnostics.0
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];

    fn deref(&self) -> &[Diagnostic] {
        &self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lines(f, &self.0)
    }
}

impl std::error::Error for Diagnostics {}

/// Writes one diagnostic per line (no line break after the last).
pub(crate) fn write_lines(f: &mut fmt::Formatter<'_>, diagnostics: &[Diagnostic]) -> fmt::Result {
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if i > 0 {
            writeln!(f)?;
        }
        write!(f, "{diagnostic}")?;
    }
    Ok(())
}
