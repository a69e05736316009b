"""Estate.audit_commands: the commands that export a live estate for an audit; Estate.audit:
the audit of what they export."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

import mlzone


def test_one_entry_per_environment_in_promotion_order(enterprise: mlzone.Estate) -> None:
    commands = enterprise.audit_commands()
    names = [environment["environment"] for environment in commands["environments"]]
    assert names == enterprise.environments
    for environment in commands["environments"]:
        assert "literal" in environment["subscription"]
        kinds = [export["kind"] for export in environment["exports"]]
        assert kinds == ["role-assignments", "role-definitions", "resources"]
        resources = environment["exports"][2]
        assert resources["paged"] is True
        assert resources["path"] == f"{environment['environment']}/resources"


WITHOUT_SUBSCRIPTIONS = b"""
organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
projects:
  - name: churn
"""


def test_the_script_quotes_the_folder_and_is_valid_shell() -> None:
    estate = mlzone.loads(WITHOUT_SUBSCRIPTIONS, "yaml")
    commands = estate.audit_commands("it's here")
    assert commands["environments"][2]["subscription"] == {"variable": "SUBSCRIPTION_PROD"}
    script = commands["script"]
    assert "out='it'\\''s here'\n" in script
    assert "SUBSCRIPTION_PROD" in script
    subprocess.run(["sh", "-n"], input=script, text=True, check=True)


def test_the_script_is_the_one_the_command_line_prints(default: mlzone.Estate) -> None:
    printed = subprocess.run(
        [*mlzone_command(), "audit", "--print-commands", "--from", "x"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert printed == default.audit_commands("x")["script"]


def mlzone_command() -> list[str]:
    import sys

    return [sys.executable, "-m", "mlzone"]


# Estate.audit: the exports of a live estate against the document.

ROOT = pathlib.Path(os.environ.get("MLZONE_ROOT", pathlib.Path(__file__).resolve().parents[3]))
FIXTURES = ROOT / "tests" / "fixtures" / "audit"
BINARY = pathlib.Path(os.environ.get("MLZONE_BIN", ROOT / "target" / "debug" / "mlzone"))
EMPTY_PAGE = '{"count": 0, "data": [], "skip_token": null, "total_records": 0}'


def drifted_folder(tmp_path: pathlib.Path) -> pathlib.Path:
    """The drifted fixtures, with empty custom role and resource exports where they have none."""
    folder = tmp_path / "drifted"
    shutil.copytree(FIXTURES / "enterprise-drifted", folder)
    for environment in folder.iterdir():
        if not environment.is_dir():
            continue  # PLANTED.md, the list of the drifts
        if not (environment / "role-definitions.json").exists():
            (environment / "role-definitions.json").write_text("[]")
        if not (environment / "resources").exists():
            (environment / "resources").mkdir()
            (environment / "resources" / "page-1.json").write_text(EMPTY_PAGE)
    return folder


def test_audit_finds_the_planted_drift(enterprise: mlzone.Estate, tmp_path: pathlib.Path) -> None:
    report = enterprise.audit(drifted_folder(tmp_path))
    findings = report["findings"]
    privileged = [f for f in findings if f["code"] == "audit-assignment-privileged"]
    assert {f["document_path"] for f in privileged} == {
        "/environments/3",
        "/projects/0/data-scientists/0",
    }
    assert all(f["severity"] == "error" and f["environment"] == "prod" for f in privileged)
    for finding in privileged:
        export = finding["export"]
        assert export is not None
        assert export["file"].endswith("prod/role-assignments.json")
        assert export["line"] >= 1 and export["column"] >= 1
    missing = [f for f in findings if f["code"] == "audit-assignment-missing"]
    assert len(missing) == 1 and missing[0]["export"] is None
    assert "az role assignment create" in (missing[0]["help"] or "")
    effective = [f for f in findings if f["code"] == "audit-effective-access" and f["environment"] == "prod"]
    assert len(effective) == 1 and effective[0]["severity"] == "error"


def test_audit_matches_the_command_line(enterprise: mlzone.Estate, tmp_path: pathlib.Path) -> None:
    folder = drifted_folder(tmp_path)
    example = ROOT / "examples" / "enterprise.yaml"
    run = subprocess.run(
        [str(BINARY), "audit", "--format", "json", "--from", str(folder), str(example)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["findings"] == enterprise.audit(folder)["findings"]


def test_a_truncated_export_raises_a_located_value_error(
    enterprise: mlzone.Estate, tmp_path: pathlib.Path
) -> None:
    folder = drifted_folder(tmp_path)
    target = folder / "dev" / "role-assignments.json"
    target.write_text(target.read_text()[:500])
    with pytest.raises(ValueError) as raised:
        enterprise.audit(folder)
    assert isinstance(raised.value, mlzone.AuditError)
    assert "dev/role-assignments.json:" in str(raised.value)
    first = raised.value.diagnostics[0]
    assert first.code == "syntax"
    assert first.source is not None and first.source.endswith("dev/role-assignments.json")
    assert first.line is not None and first.line > 1


def test_a_missing_export_names_the_command(enterprise: mlzone.Estate, tmp_path: pathlib.Path) -> None:
    folder = drifted_folder(tmp_path)
    (folder / "perf" / "role-assignments.json").unlink()
    with pytest.raises(mlzone.AuditError) as raised:
        enterprise.audit(str(folder))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "audit-export-missing"
    assert "az role assignment list" in (diagnostic.help or "")
    assert diagnostic.line is not None  # the environment in the document


def test_a_missing_folder_raises(enterprise: mlzone.Estate, tmp_path: pathlib.Path) -> None:
    with pytest.raises(mlzone.AuditError, match="cannot read"):
        enterprise.audit(tmp_path / "nothing-here")


def test_role_assignments_can_be_exported_with_resource_graph(enterprise: mlzone.Estate) -> None:
    commands = enterprise.audit_commands(assignments="resource-graph")
    for environment in commands["environments"]:
        assignments = environment["exports"][0]
        assert assignments["kind"] == "role-assignments"
        assert assignments["paged"] is True
        assert assignments["path"] == f"{environment['environment']}/role-assignments"
        assert "authorizationresources" in " ".join(
            word.get("literal", "") for word in assignments["argv"]
        )
    subprocess.run(["sh", "-n"], input=commands["script"], text=True, check=True)
    with pytest.raises(ValueError, match="resource-graph"):
        enterprise.audit_commands(assignments="graph")  # type: ignore[arg-type]


def test_resource_graph_pages_of_role_assignments_are_audited(
    enterprise: mlzone.Estate, tmp_path: pathlib.Path
) -> None:
    shutil.copytree(FIXTURES / "enterprise-clean", tmp_path / "exports")
    shutil.copytree(
        FIXTURES / "graph-assignments" / "prod" / "role-assignments",
        tmp_path / "exports" / "prod" / "role-assignments",
    )
    with pytest.raises(mlzone.AuditError) as raised:
        enterprise.audit(tmp_path / "exports")
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "audit-export-conflict"
    (tmp_path / "exports" / "prod" / "role-assignments.json").unlink()
    report = enterprise.audit(tmp_path / "exports")
    assignments = [
        f for f in report["findings"] if f["environment"] == "prod" and f["code"].startswith("audit-assignment")
    ]
    assert assignments
    for finding in assignments:
        export = finding.get("export")
        if export is not None:
            assert "role-assignments/page-" in export["file"]
