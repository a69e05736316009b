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
    "AuditExport",
    "Diagnostic",
    "DiffAnswer",
    "Estate",
    "ExplainAnswer",
    "Explanation",
    "GenerateError",
    "LoadError",
    "MlzoneError",
    "PermissionDiff",
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
    answers: _typing.List[ExplainAnswer]


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


# `from` is a keyword, so this one is declared in the functional form.
PermissionDiff = _typing.TypedDict(
    "PermissionDiff",
    {"persona": str, "from": str, "to": str, "answers": _typing.List[DiffAnswer]},
)
PermissionDiff.__doc__ = "What :meth:`Estate.diff` returns."
