"""Estate.audit_commands: the commands that export a live estate for an audit."""

import subprocess

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
