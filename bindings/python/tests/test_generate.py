"""Estate.generate: every target, the file contract, overrides and refusals."""

import json
from pathlib import PurePosixPath

import pytest

import mlzone
from conftest import EXAMPLE_FILES, EXAMPLES, TARGETS


def check_files(files: dict[str, str], folders: set[str]) -> None:
    """The contract every generated file set keeps, whatever the target."""
    assert isinstance(files, dict)
    assert list(files) == sorted(files), "files come in path order"
    for path, text in files.items():
        parts = PurePosixPath(path).parts
        assert not path.startswith("/") and "\\" not in path, path
        assert ".." not in parts and "." not in parts and "" not in path.split("/"), path
        assert parts[0] in folders, f"{path} is not under {sorted(folders)}"
        assert isinstance(text, str)
        assert text.endswith("\n") and not text.endswith("\n\n"), path
        assert "\r" not in text, path
        if path.endswith(".json"):
            json.loads(text)


@pytest.mark.parametrize("target", TARGETS)
def test_each_target_keeps_the_file_contract(default: mlzone.Estate, target: str) -> None:
    check_files(default.generate(target), {target})


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_all_is_the_union_of_the_targets(path: object) -> None:
    estate = mlzone.load(path)  # type: ignore[arg-type]
    everything = estate.generate("all")
    check_files(everything, set(TARGETS))
    union: dict[str, str] = {}
    for target in TARGETS:
        files = estate.generate(target)
        assert not set(files) & set(union), "targets never share a path"
        union.update(files)
    assert everything == union


def test_generation_is_deterministic(enterprise: mlzone.Estate) -> None:
    assert enterprise.generate("all") == enterprise.generate("all")
    again = mlzone.loads(enterprise.to_document("json"), format="json")
    assert again.generate("all") == enterprise.generate("all")


@pytest.mark.parametrize("target", TARGETS)
def test_every_target_generates_files(default: mlzone.Estate, target: str) -> None:
    assert default.generate(target), f"target `{target}` generated nothing"


def test_pipeline_holds_both_ci_systems(default: mlzone.Estate) -> None:
    files = default.generate("pipeline")
    assert {path for path in files if not path.startswith("pipeline/load-tests/")} == {
        "pipeline/.github/workflows/mlzone-deploy.yml",
        "pipeline/.github/workflows/mlzone-promote.yml",
        "pipeline/azure-pipelines.yml",
        "pipeline/azure-pipelines-promote.yml",
        "pipeline/README.md",
    }
    azure = files["pipeline/azure-pipelines.yml"]
    stages = [line.split('"')[1] for line in azure.splitlines() if line.startswith("  - stage:")]
    assert stages == ["drift", "deploy_registry", "deploy_dev", "deploy_test", "deploy_prod"]
    assert "Azure DevOps" in files["pipeline/README.md"]


def test_policy_matches_the_command_line_target() -> None:
    files = mlzone.load(EXAMPLES / "enterprise.yaml").generate("policy")
    assert "policy/dev/main.bicep" in files
    assert "policy/prod/azuredeploy.json" in files
    assert any(path.startswith("policy/prod/modules/") for path in files)
    assert "Microsoft.Authorization/policyExemptions" in files["policy/perf/main.bicep"]


def test_pipeline_steps_check_their_variables_before_azure() -> None:
    files = mlzone.load(EXAMPLES / "minimal.yaml").generate("pipeline")
    azure = files["pipeline/azure-pipelines.yml"]
    scripts = [line for line in azure.splitlines() if "inlineScript:" in line]
    assert scripts
    guarded = [s for s in scripts if "for name in MLZONE_" in s]
    assert guarded, "the minimal example's deployments take parameters"
    for script in guarded:
        assert "is not set for this environment" in script
        assert script.index("for name in") < script.index("az deployment sub")


def test_unknown_target_suggests_the_closest(default: mlzone.Estate) -> None:
    with pytest.raises(ValueError, match=r"unknown target `bicpe`; did you mean `bicep`\?"):
        default.generate("bicpe")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown target `zzz`; known: `bicep`, `arm`, `roles`, `docs`, `pipeline`, `policy`, `all`"):
        default.generate("zzz")  # type: ignore[arg-type]


def test_unknown_template_override_is_a_generate_error(default: mlzone.Estate) -> None:
    with pytest.raises(mlzone.GenerateError, match="does not replace any built-in template"):
        default.generate("docs", templates={"docs/acess-matrix.md.tera": "x\n"})


def test_broken_template_override_is_a_generate_error(default: mlzone.Estate) -> None:
    with pytest.raises(mlzone.GenerateError, match="template override `docs/access-matrix.md.tera`"):
        default.generate("docs", templates={"docs/access-matrix.md.tera": "{{ oops"})


def test_a_valid_override_is_accepted(default: mlzone.Estate) -> None:
    files = default.generate("docs", templates={"docs/access-matrix.md.tera": "# access\n"})
    check_files(files, {"docs"})


# A document the seed rules refuse: the data scientist keeps `experiment` access in
# production, which must be read-only there.
WRITABLE_PRODUCTION = """\
organisation: Contoso
tenant: 467096de-d9e3-4d6f-89d6-ef231900a05a
location: westeurope
preset: private-restricted
personas:
  data-scientist:
    access:
      prod: experiment
projects:
  - name: churn
    data-scientists:
      - name: alice
        object-id: a85d0893-7194-46f0-8a7a-f61b341980b7
"""


def test_the_invalid_example_loads() -> None:
    estate = mlzone.loads(WRITABLE_PRODUCTION, name="writable.yaml")
    explained = estate.explain(
        "data-scientist", "prod", "Microsoft.MachineLearningServices/workspaces/jobs/write"
    )
    assert explained["answers"][0]["allowed"] is True


def test_generate_refuses_an_invalid_estate() -> None:
    estate = mlzone.loads(WRITABLE_PRODUCTION, name="writable.yaml")
    errors = [d for d in estate.validate() if d.severity == "error"]
    assert errors
    with pytest.raises(mlzone.ValidationError) as caught:
        estate.generate("bicep")
    assert caught.value.diagnostics
    first = errors[0]
    assert f"writable.yaml:{first.line}:{first.column}: {first.message}" in str(caught.value)


def test_promotion_pipeline_and_load_tests_follow_the_document() -> None:
    files = mlzone.load(EXAMPLES / "enterprise.yaml").generate("pipeline")
    azure = files["pipeline/azure-pipelines-promote.yml"]
    stages = [line.split('"')[1] for line in azure.splitlines() if line.startswith("  - stage:")]
    assert stages == ["publish", "promote_test", "promote_perf", "promote_prod"]
    github = files["pipeline/.github/workflows/mlzone-promote.yml"]
    assert '--mirror-traffic \\"$DEPLOYMENT=20\\"' in github
    assert '--traffic \\"$CURRENT=80 $DEPLOYMENT=20\\"' in github
    perf = [text for path, text in files.items() if path.startswith("pipeline/load-tests/perf/") and path.endswith(".yaml")]
    assert perf, "no load test in perf"
    for text in perf:
        assert "engineInstances: 4" in text
        assert '"p99(response_time_ms) > 800"' in text
        assert '"percentage(error) > 1"' in text
