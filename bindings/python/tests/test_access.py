"""Estate.explain and Estate.diff: shapes and the CAF access semantics."""

import json

import pytest

import mlzone

WS = "Microsoft.MachineLearningServices/workspaces"


def check_partition(estate: mlzone.Estate, answers: list) -> None:  # type: ignore[type-arg]
    """Every project appears in exactly one answer."""
    seen = [project for answer in answers for project in answer["projects"]]
    assert sorted(seen) == estate.projects
    assert len(seen) == len(set(seen))


def test_explain_shape(enterprise: mlzone.Estate) -> None:
    explained = enterprise.explain("data-scientist", "dev", f"{WS}/read")
    assert set(explained) == {
        "persona",
        "environment",
        "operation",
        "in_catalog",
        "did_you_mean",
        "registry",
        "answers",
    }
    assert (explained["persona"], explained["environment"], explained["operation"]) == (
        "data-scientist",
        "dev",
        f"{WS}/read",
    )
    assert explained["in_catalog"] is True
    check_partition(enterprise, explained["answers"])
    for answer in explained["answers"]:
        assert set(answer) == {"projects", "role", "allowed", "granted_by", "removed_by"}
        assert isinstance(answer["allowed"], bool)


def test_restricted_data_scientists_cannot_create_compute_in_dev(enterprise: mlzone.Estate) -> None:
    explained = enterprise.explain("data-scientist", "dev", f"{WS}/computes/write")
    by_role = {answer["role"]: answer for answer in explained["answers"]}
    restricted = by_role["data-scientist"]
    assert restricted["allowed"] is False
    assert restricted["granted_by"] == f"{WS}/*/write"
    assert restricted["removed_by"] == f"{WS}/computes/*/write"
    assert "churn" in restricted["projects"]
    unrestricted = by_role["Contributor"]
    assert unrestricted["allowed"] is True
    assert unrestricted["granted_by"] == "*"
    assert unrestricted["removed_by"] is None
    assert "marketing-mix" in unrestricted["projects"]


def test_production_is_read_only_for_data_scientists(enterprise: mlzone.Estate) -> None:
    write = enterprise.explain("data-scientist", "prod", f"{WS}/jobs/write")
    assert [a["allowed"] for a in write["answers"]] == [False]
    assert write["answers"][0]["role"] == "read-only"
    read = enterprise.explain("data-scientist", "prod", f"{WS}/read")
    assert [a["allowed"] for a in read["answers"]] == [True]


def test_no_access_means_no_role(enterprise: mlzone.Estate) -> None:
    explained = enterprise.explain("stakeholder", "dev", f"{WS}/read")
    assert explained["answers"] == [
        {
            "projects": enterprise.projects,
            "role": None,
            "allowed": False,
            "granted_by": None,
            "removed_by": None,
        }
    ]


def test_document_custom_roles_are_resolved(enterprise: mlzone.Estate) -> None:
    explained = enterprise.explain("auditor", "test", f"{WS}/read")
    roles = {answer["role"] for answer in explained["answers"]}
    assert roles == {"model-validator"}
    assert all(answer["allowed"] for answer in explained["answers"])


def test_operations_outside_the_catalog(default: mlzone.Estate) -> None:
    explained = default.explain("mlops-engineer", "prod", "Contoso.Made/up/operation")
    assert explained["in_catalog"] is False
    check_partition(default, explained["answers"])


def test_explain_of_an_estate_without_projects_has_no_answers() -> None:
    estate = mlzone.loads(
        "organisation: Contoso\ntenant: 467096de-d9e3-4d6f-89d6-ef231900a05a\n"
        "location: westeurope\nprojects: []\n"
    )
    assert estate.explain("data-scientist", "dev", f"{WS}/read")["answers"] == []
    assert estate.diff("data-scientist", "dev", "prod")["answers"] == []


@pytest.mark.parametrize(
    ("persona", "env", "message"),
    [
        ("data-scientst", "dev", "unknown persona `data-scientst`; did you mean `data-scientist`?"),
        ("data-scientist", "production", "unknown environment `production`"),
        ("nobody", "dev", "unknown persona `nobody`; known: `data-engineer`"),
    ],
)
def test_unknown_names_are_value_errors(
    default: mlzone.Estate, persona: str, env: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        default.explain(persona, env, f"{WS}/read")
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        default.diff(persona, env, "dev")


@pytest.mark.parametrize(
    ("project", "message"),
    [
        ("churm", "unknown project `churm`; did you mean `churn`?"),
        ("zzzzzz", "unknown project `zzzzzz`; known: `churn`"),
    ],
)
def test_unknown_projects_are_value_errors_with_did_you_mean(
    default: mlzone.Estate, project: str, message: str
) -> None:
    # Worded as `mlzone explain --project` words it.
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        default.explain("data-scientist", "dev", f"{WS}/read", project=project)
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        default.diff("data-scientist", "dev", "prod", project=project)


def test_a_project_narrows_the_answers(enterprise: mlzone.Estate) -> None:
    project = enterprise.projects[0]
    explained = enterprise.explain("data-scientist", "dev", f"{WS}/read", project=project)
    assert [answer["projects"] for answer in explained["answers"]] == [[project]]
    diff = enterprise.diff("data-scientist", "dev", "prod", project=project)
    assert all(answer["projects"] == [project] for answer in diff["answers"])


def test_an_operation_outside_the_catalog_gets_did_you_mean(default: mlzone.Estate) -> None:
    # The suggestion `mlzone explain` prints in its note.
    explained = default.explain("data-scientist", "dev", f"{WS}/jobs/wrte")
    assert explained["in_catalog"] is False
    assert explained["did_you_mean"] == f"{WS}/jobs/write"
    known = default.explain("data-scientist", "dev", f"{WS}/jobs/write")
    assert known["in_catalog"] is True
    assert known["did_you_mean"] is None


def test_diff_shape(enterprise: mlzone.Estate) -> None:
    diff = enterprise.diff("data-scientist", "dev", "prod")
    assert set(diff) == {"persona", "from", "to", "registry", "answers"}
    assert (diff["persona"], diff["from"], diff["to"]) == ("data-scientist", "dev", "prod")
    check_partition(enterprise, diff["answers"])
    for answer in diff["answers"]:
        assert set(answer) == {"projects", "gained", "lost"}


def test_data_scientists_only_lose_rights_towards_production(enterprise: mlzone.Estate) -> None:
    diff = enterprise.diff("data-scientist", "dev", "prod")
    for answer in diff["answers"]:
        assert answer["gained"] == []
        assert answer["lost"]
        assert f"{WS}/jobs/write" in answer["lost"]


def test_mlops_engineers_gain_rights_towards_production(default: mlzone.Estate) -> None:
    diff = default.diff("mlops-engineer", "dev", "prod")
    assert all(answer["gained"] and not answer["lost"] for answer in diff["answers"])


def test_diff_is_antisymmetric_and_empty_on_itself(enterprise: mlzone.Estate) -> None:
    forward = enterprise.diff("data-engineer", "dev", "test")
    backward = enterprise.diff("data-engineer", "test", "dev")

    def by_project(diff: mlzone.PermissionDiff) -> dict[str, tuple[list[str], list[str]]]:
        return {p: (a["gained"], a["lost"]) for a in diff["answers"] for p in a["projects"]}

    there, back = by_project(forward), by_project(backward)
    for project, (gained, lost) in there.items():
        assert back[project] == (lost, gained)
    same = enterprise.diff("data-engineer", "perf", "perf")
    assert all(not a["gained"] and not a["lost"] for a in same["answers"])
    assert len(same["answers"]) == 1


REGISTRY = "Microsoft.MachineLearningServices/registries"


def test_explain_at_the_registry(enterprise: mlzone.Estate) -> None:
    registry = enterprise.registry()
    assert registry is not None
    published = enterprise.explain(
        "data-scientist", "dev", f"{REGISTRY}/assets/write", registry=True
    )
    assert published["registry"] == registry["name"]
    assert [a["role"] for a in published["answers"]] == ["registry-publisher"]
    assert all(a["allowed"] and a["projects"] == [] for a in published["answers"])
    deleted = enterprise.explain("data-scientist", "dev", f"{REGISTRY}/assets/delete", registry=True)
    assert not any(a["allowed"] for a in deleted["answers"])
    nobody = enterprise.explain("stakeholder", "prod", f"{REGISTRY}/assets/read", registry=True)
    assert [(a["role"], a["allowed"]) for a in nobody["answers"]] == [(None, False)]


def test_diff_at_the_registry(enterprise: mlzone.Estate) -> None:
    diff = enterprise.diff("mlops-engineer", "dev", "prod", registry=True)
    assert diff["registry"] is not None
    [answer] = diff["answers"]
    assert answer["lost"] == [f"{REGISTRY}/assets/write"]
    assert answer["gained"] == []


def test_registry_and_project_exclude_each_other(enterprise: mlzone.Estate) -> None:
    project = enterprise.projects[0]
    with pytest.raises(ValueError, match="exclude each other"):
        enterprise.explain("data-scientist", "dev", f"{REGISTRY}/read", project=project, registry=True)


def test_the_registry_lives_in_production_by_default(enterprise: mlzone.Estate) -> None:
    registry = enterprise.registry()
    assert registry is not None
    assert registry["name"].startswith("mlr-")
    assert registry["environment"] == "prod"
    assert registry["publisher_role"] == "registry-publisher"
    assert registry["reader_role"] == "registry-reader"
    assert registry["network"] in ("public", "private")



def test_test_and_production_workspaces_read_the_registry(enterprise: mlzone.Estate) -> None:
    registry = enterprise.registry()
    assert registry is not None
    readers = registry["workspace_readers"]
    assert "dev" not in readers
    assert {"test", "perf", "prod"} <= set(readers)
    files = enterprise.generate("bicep")
    for environment, workspaces in readers.items():
        assert workspaces and all(w.startswith("mlw-") for w in workspaces)
        main = "".join(
            text for path, text in files.items() if path.startswith(f"bicep/{environment}/main")
        )
        # Each workspace's reader module says whose identity it assigns, and only those.
        assigned = [w for w in workspaces if f"The identity of workspace {w} " in main]
        assert assigned == workspaces
        # One module per workspace, and one for the pipelines' principal.
        assert main.count("modules/registry-reader.bicep") == len(workspaces) + 1
    dev = "".join(text for path, text in files.items() if path.startswith("bicep/dev/"))
    assert "The identity of workspace" not in dev


def test_the_pipelines_principal_publishes_where_the_promotion_starts(
    enterprise: mlzone.Estate,
) -> None:
    registry = enterprise.registry()
    assert registry is not None
    roles = registry["pipeline_roles"]
    assert roles["dev"] == "publisher"
    assert {roles[e] for e in ("test", "perf", "prod")} == {"reader"}
    files = enterprise.generate("arm")
    guids: dict[str, set[str]] = {"publisher": set(), "reader": set()}
    for environment, duty in roles.items():
        template = json.loads(files[f"arm/{environment}/azuredeploy.json"])
        nested = [
            r
            for r in template["resources"]
            if r["type"] == "Microsoft.Resources/deployments"
            and r["properties"]["parameters"].get("principalId", {}).get("value")
            == "[parameters('pipelinePrincipalId')]"
        ]
        assert len(nested) == 1, environment
        (assignment,) = nested[0]["properties"]["template"]["resources"]
        assert f"at the model registry ({duty})" in assignment["properties"]["description"]
        guids[duty].add(assignment["properties"]["roleDefinitionId"])
    # One role per duty, and the publisher's is not the reader's.
    assert len(guids["publisher"]) == 1 and len(guids["reader"]) == 1
    assert guids["publisher"] != guids["reader"]
