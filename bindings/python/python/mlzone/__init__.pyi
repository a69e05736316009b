"""Type stubs of mlzone. Checked against the compiled module by tests/test_stubs.py and by
`mypy.stubtest` in test.sh."""

import os
from typing import Literal, Mapping, TypedDict, final

__all__ = [
    "AuditCommands",
    "AuditEnvironment",
    "AuditError",
    "AuditExport",
    "AuditFinding",
    "AuditLocation",
    "AuditReport",
    "Diagnostic",
    "DiffAnswer",
    "Estate",
    "ExplainAnswer",
    "Explanation",
    "GenerateError",
    "LoadError",
    "MlzoneError",
    "PermissionDiff",
    "PolicyAnswer",
    "PolicyExplanation",
    "PolicyNotEvaluated",
    "PolicyReason",
    "Registry",
    "ValidationError",
    "__version__",
    "default_topology",
    "load",
    "loads",
    "schema",
]

__version__: str

_TargetName = Literal["bicep", "arm", "roles", "docs", "pipeline", "policy", "all"]
_FormatName = Literal["yaml", "yml", "toml", "json"]

@final
class Diagnostic:
    """One finding. Frozen; equal when all fields are equal."""

    @property
    def code(self) -> str:
        """The stable kebab-case code, e.g. ``unknown-field``."""
    @property
    def severity(self) -> Literal["error", "warning"]: ...
    @property
    def message(self) -> str:
        """One line, lowercase, user values in backticks."""
    @property
    def path(self) -> str:
        """JSON pointer of the offending item (``""`` for the whole document)."""
    @property
    def source(self) -> str | None:
        """Name of the source text, when located."""
    @property
    def line(self) -> int | None:
        """One-based line, when located."""
    @property
    def column(self) -> int | None:
        """One-based column in characters, when located."""
    @property
    def help(self) -> str | None:
        """What to do about it, when known."""
    def to_dict(self) -> dict[str, str | int | None]:
        """The finding as a dict with keys code, severity, message, path, source, line,
        column, help."""

class ExplainAnswer(TypedDict):
    projects: list[str]
    role: str | None
    allowed: bool
    granted_by: str | None
    removed_by: str | None

class Explanation(TypedDict):
    persona: str
    environment: str
    operation: str
    in_catalog: bool
    did_you_mean: str | None
    registry: str | None
    answers: list[ExplainAnswer]

class PolicyReason(TypedDict):
    pointer: str
    text: str

class PolicyAnswer(TypedDict):
    environment: str
    project: str
    resource_type: str
    resource: str
    member: str | None
    definition: str
    display_name: str
    effect: str | None
    verdict: Literal["compliant", "non-compliant", "unknown"]
    denied: bool
    because: list[PolicyReason]

class PolicyNotEvaluated(TypedDict):
    member: str
    reason: str

class PolicyExplanation(TypedDict):
    policy: str
    answers: list[PolicyAnswer]
    not_evaluated: list[PolicyNotEvaluated]

class DiffAnswer(TypedDict):
    projects: list[str]
    gained: list[str]
    lost: list[str]

PermissionDiff = TypedDict(
    "PermissionDiff",
    {
        "persona": str,
        "from": str,
        "to": str,
        "registry": str | None,
        "answers": list[DiffAnswer],
    },
)

class Registry(TypedDict):
    name: str
    resource_group: str
    subscription: str | None
    environment: str | None
    location: str
    replication: list[str]
    network: Literal["public", "private"]
    publishers: dict[str, list[str]]
    readers: dict[str, list[str]]
    publisher_role: str
    reader_role: str
    workspace_readers: dict[str, list[str]]
    pipeline_roles: dict[str, Literal["publisher", "reader"]]

class AuditExport(TypedDict):
    kind: Literal["role-assignments", "role-definitions", "resources"]
    path: str
    paged: bool
    argv: list[dict[Literal["literal", "variable"], str]]

class AuditEnvironment(TypedDict):
    environment: str
    path: str
    subscription: dict[Literal["literal", "variable"], str]
    exports: list[AuditExport]

class AuditCommands(TypedDict):
    environments: list[AuditEnvironment]
    script: str

class AuditLocation(TypedDict):
    file: str
    line: int
    column: int

class AuditFinding(TypedDict):
    code: str
    severity: Literal["error", "warning"]
    environment: str
    document_path: str
    export: AuditLocation | None
    message: str
    help: str | None

class AuditReport(TypedDict):
    findings: list[AuditFinding]

@final
class Estate:
    """An estate loaded and resolved (not yet validated). Immutable."""

    @property
    def organisation(self) -> str: ...
    @property
    def environments(self) -> list[str]:
        """Environment names in promotion order."""
    @property
    def personas(self) -> list[str]:
        """Persona names, sorted."""
    @property
    def projects(self) -> list[str]:
        """Project names, sorted."""
    def validate(self) -> list[Diagnostic]:
        """Every finding, errors and warnings; raises nothing for findings."""
    def generate(
        self, target: _TargetName, templates: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        """Validates, then renders ``target``: relative path -> text.

        Raises ValidationError when the estate has errors, GenerateError when a template
        override is wrong, ValueError for an unknown target.
        """
    def explain(
        self,
        persona: str,
        env: str,
        action: str,
        project: str | None = None,
        registry: bool = False,
    ) -> Explanation:
        """Whether ``persona`` may perform ``action`` in ``env``, per group of projects (only
        ``project`` when given), or at the model registry with ``registry=True`` (one answer
        per role held there; ``registry`` names it).

        Raises ValueError for an unknown persona, environment or project, with "did you mean",
        and when ``project`` and ``registry=True`` are both given.
        """
    def explain_policy(
        self,
        policy: str,
        env: str | None = None,
        project: str | None = None,
        resource: str | None = None,
        parameters: Mapping[str, object] | None = None,
        effect: str | None = None,
    ) -> PolicyExplanation:
        """Whether a policy of mlzone's reference library (an Azure Landing Zones assignment's
        name, a built-in or ALZ definition's or initiative's id or name) would deny the
        estate's resources: per resource and definition, the verdict (``compliant``,
        ``non-compliant``, ``unknown``, never compliant when unsure), the effect, and the
        conditions that decided it.

        Raises ValueError for an unknown policy, environment, project or resource, or
        parameters the definitions refuse.
        """
    def diff(
        self,
        persona: str,
        from_env: str,
        to_env: str,
        project: str | None = None,
        registry: bool = False,
    ) -> PermissionDiff:
        """Catalog operations ``persona`` gains and loses from ``from_env`` to ``to_env``, per
        group of projects (only ``project`` when given), or at the model registry with
        ``registry=True``."""
    def registry(self) -> Registry | None:
        """The model registry: name, resource group, subscription, home environment, regions,
        network, publishers, readers and roles, and the workspaces whose system-assigned
        identity reads it, by environment (test and production); None when the document
        removed it."""
    def audit_commands(
        self,
        folder: str = "audit",
        assignments: Literal["azure-cli", "resource-graph"] = "azure-cli",
    ) -> AuditCommands:
        """The Azure CLI and Resource Graph commands that export a live estate for an audit,
        per environment's subscription, and a shell script writing them under ``folder``.
        ``assignments`` chooses how role assignments are exported: ``"azure-cli"``
        (inherited ones and principals' names included) or ``"resource-graph"`` (an
        ``authorizationresources`` query in pages). Raises ValueError for another value."""
    def audit(self, folder: str | os.PathLike[str]) -> AuditReport:
        """Audits the exports under ``folder`` (as the commands of :meth:`audit_commands`
        write them) against the estate: every difference as a finding with its code,
        severity, environment, document item and export location; none when the estate
        matches. Raises ValidationError for an invalid estate and AuditError (a ValueError)
        for exports that cannot be used."""
    def to_document(self, format: _FormatName = "yaml") -> str:
        """The estate as a document, every default written out."""

def load(
    path: str | os.PathLike[str],
    format: _FormatName | None = None,
    *,
    max_input_size: int | None = None,
) -> Estate:
    """Loads the document at ``path``. Raises LoadError, or OSError when it cannot be read.

    ``max_input_size`` replaces the size limit in bytes (default 16 MiB, which holds 5,000
    projects); the YAML node budget follows it."""

def loads(
    text: str | bytes,
    format: _FormatName = "yaml",
    name: str = "<input>",
    *,
    max_input_size: int | None = None,
) -> Estate:
    """Loads a document from text; ``name`` is shown in locations. Raises LoadError.

    ``max_input_size`` replaces the size limit in bytes, as for ``load``."""

def default_topology() -> Estate:
    """The embedded default topology (CAF private, restricted)."""

def schema() -> str:
    """The JSON Schema of the document format, as text."""

class MlzoneError(Exception): ...

class LoadError(MlzoneError):
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None: ...

class ValidationError(MlzoneError):
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None: ...

class AuditError(MlzoneError, ValueError):
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None: ...

class GenerateError(MlzoneError): ...
