"""Uses the whole API with annotations; test.sh runs `mypy --strict` on it to check the stubs.

It is also run by pytest (test_typed_usage.py), so it must work, not only type-check.
"""

from pathlib import Path

import mlzone


def use(examples: Path) -> list[str]:
    seen: list[str] = [mlzone.__version__]
    estate: mlzone.Estate = mlzone.load(examples / "enterprise.yaml")
    again: mlzone.Estate = mlzone.loads(estate.to_document("toml"), format="toml", name="e.toml")
    default: mlzone.Estate = mlzone.default_topology()
    seen += [estate.organisation, *estate.environments, *estate.personas, *again.projects]
    seen.append(default.to_document())
    for diagnostic in estate.validate():
        fields: dict[str, str | int | None] = diagnostic.to_dict()
        line: int | None = diagnostic.line
        seen.append(f"{diagnostic.code} {diagnostic.severity} {line} {fields['message']}")
    files: dict[str, str] = estate.generate("all", templates=None)
    seen += list(files)
    explained: mlzone.Explanation = estate.explain("auditor", "test", "Microsoft.Storage/read")
    suggestion: str | None = explained["did_you_mean"]
    seen.append(f"{suggestion}")
    for answer in explained["answers"]:
        role: str | None = answer["role"]
        seen.append(f"{answer['projects']} {role} {answer['allowed']} {answer['granted_by']}")
    diff: mlzone.PermissionDiff = estate.diff("data-scientist", "dev", "prod", project=estate.projects[0])
    seen += [diff["from"], diff["to"]]
    for change in diff["answers"]:
        seen += change["gained"] + change["lost"]
    audit: mlzone.AuditCommands = estate.audit_commands("exports")
    seen.append(audit["script"])
    for environment in audit["environments"]:
        seen += [environment["environment"], *environment["subscription"].values()]
        for export in environment["exports"]:
            seen += [export["kind"], export["path"], str(export["paged"])]
            seen += [word for part in export["argv"] for word in part.values()]
    schema: str = mlzone.schema()
    seen.append(schema[:10])
    try:
        mlzone.loads(b"\xff")
    except mlzone.LoadError as error:
        seen += [str(d) for d in error.diagnostics]
    try:
        estate.generate("bicep")
    except mlzone.ValidationError as error:
        seen += [d.message for d in error.diagnostics]
    except mlzone.MlzoneError as error:
        seen.append(str(error))
    return seen
