"""mlzone: one document describing an organisation's Azure Machine Learning platform, validated
and turned into Bicep, ARM JSON, custom role definitions, documentation and CI pipelines.

The work is done by the compiled extension ``mlzone._mlzone``; this package re-exports it and
defines the exceptions and the typed shapes of the answers. See ``__init__.pyi`` for the
typed surface.
"""

import typing as _typing

from ._mlzone import (
    Diagnostic,
    Estate,
    __version__,
    default_topology,
    load,
    loads,
    schema,
)

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


class MlzoneError(Exception):
    """Base class of the errors mlzone raises about its input."""


class LoadError(MlzoneError):
    """The document could not be read, parsed or resolved.

    ``str(error)`` is the first diagnostic as ``file:line:column: message``;
    ``diagnostics`` holds all of them, located.
    """

    def __init__(self, message: str, diagnostics: "_typing.List[Diagnostic]") -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class AuditError(MlzoneError, ValueError):
    """The exports of a live estate cannot be audited: a file that is not the JSON its
    export command writes, a missing export, a folder of an unknown environment.

    ``str(error)`` is the first diagnostic as ``file:line:column: message``;
    ``diagnostics`` holds all of them, located in the exports or the document.
    """

    def __init__(self, message: str, diagnostics: "_typing.List[Diagnostic]") -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class ValidationError(MlzoneError):
    """The estate has validation errors, so nothing was generated.

    ``diagnostics`` holds every finding (errors and warnings), located.
    """

    def __init__(self, message: str, diagnostics: "_typing.List[Diagnostic]") -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class GenerateError(MlzoneError):
    """A template override does not compile, render or give valid output."""


class ExplainAnswer(_typing.TypedDict):
    """The answer of :meth:`Estate.explain` for a group of projects."""

    projects: _typing.List[str]
    role: _typing.Optional[str]
    allowed: bool
    granted_by: _typing.Optional[str]
    removed_by: _typing.Optional[str]


class Explanation(_typing.TypedDict):
    """What :meth:`Estate.explain` returns."""

    persona: str
    environment: str
    operation: str
    in_catalog: bool
    did_you_mean: _typing.Optional[str]
    registry: _typing.Optional[str]
    answers: _typing.List[ExplainAnswer]


class PolicyReason(_typing.TypedDict):
    """One condition of a :class:`PolicyAnswer`: its JSON pointer in the definition and
    what it compared."""

    pointer: str
    text: str


class PolicyAnswer(_typing.TypedDict):
    """One definition evaluated on one resource by :meth:`Estate.explain_policy`."""

    environment: str
    project: str
    resource_type: str
    resource: str
    member: _typing.Optional[str]
    definition: str
    display_name: str
    effect: _typing.Optional[str]
    verdict: str
    denied: bool
    because: _typing.List[PolicyReason]


class PolicyNotEvaluated(_typing.TypedDict):
    """A definition the policy applies that the evaluator does not judge, with why."""

    member: str
    reason: str


class PolicyExplanation(_typing.TypedDict):
    """What :meth:`Estate.explain_policy` returns."""

    policy: str
    answers: _typing.List[PolicyAnswer]
    not_evaluated: _typing.List[PolicyNotEvaluated]


class DiffAnswer(_typing.TypedDict):
    """The change :meth:`Estate.diff` found for a group of projects."""

    projects: _typing.List[str]
    gained: _typing.List[str]
    lost: _typing.List[str]


class AuditExport(_typing.TypedDict):
    """One export of :meth:`Estate.audit_commands`: a command and where its output goes."""

    kind: str
    path: str
    paged: bool
    argv: _typing.List[_typing.Dict[str, str]]


class AuditEnvironment(_typing.TypedDict):
    """The exports of one environment in :meth:`Estate.audit_commands`."""

    environment: str
    path: str
    subscription: _typing.Dict[str, str]
    exports: _typing.List[AuditExport]


class AuditCommands(_typing.TypedDict):
    """What :meth:`Estate.audit_commands` returns."""

    environments: _typing.List[AuditEnvironment]
    script: str


class AuditLocation(_typing.TypedDict):
    """Where, in an exported file, a finding of :meth:`Estate.audit` is."""

    file: str
    line: int
    column: int


class AuditFinding(_typing.TypedDict):
    """One difference :meth:`Estate.audit` found between the live estate and the document."""

    code: str
    severity: str
    environment: str
    document_path: str
    export: _typing.Optional[AuditLocation]
    message: str
    help: _typing.Optional[str]


class AuditReport(_typing.TypedDict):
    """What :meth:`Estate.audit` returns: no finding when the estate matches the document."""

    findings: _typing.List[AuditFinding]


# `from` is a keyword, so this one is declared in the functional form.
PermissionDiff = _typing.TypedDict(
    "PermissionDiff",
    {
        "persona": str,
        "from": str,
        "to": str,
        "registry": _typing.Optional[str],
        "answers": _typing.List[DiffAnswer],
    },
)
PermissionDiff.__doc__ = "What :meth:`Estate.diff` returns."


class Registry(_typing.TypedDict):
    """What :meth:`Estate.registry` returns: where the model registry lives and who may use it."""

    name: str
    resource_group: str
    subscription: _typing.Optional[str]
    environment: _typing.Optional[str]
    location: str
    replication: _typing.List[str]
    network: str
    publishers: _typing.Dict[str, _typing.List[str]]
    readers: _typing.Dict[str, _typing.List[str]]
    publisher_role: str
    reader_role: str
    workspace_readers: _typing.Dict[str, _typing.List[str]]
    pipeline_roles: _typing.Dict[str, str]
