"""Estate.explain_policy: the offline policy evaluator from Python."""

import pytest

import mlzone
from conftest import EXAMPLES

SCALE = "Deny-MachineLearning-ComputeCluster-Scale"
SCALE_PARAMETERS = {
    "maxNodeCount": 4,
    "minNodeCount": 0,
    "maxNodeIdleTimeInSecondsBeforeScaleDown": 900,
}


def test_a_public_estate_is_denied_by_the_public_endpoints_assignment() -> None:
    estate = mlzone.load(EXAMPLES / "public-unrestricted.yaml")
    explained = estate.explain_policy("Deny-Public-Endpoints", env="prod")
    assert set(explained) == {"policy", "answers", "not_evaluated"}
    denied = [a for a in explained["answers"] if a["denied"]]
    assert {a["resource_type"] for a in denied} >= {
        "Microsoft.MachineLearningServices/workspaces",
        "Microsoft.Storage/storageAccounts",
    }
    for answer in denied:
        assert answer["environment"] == "prod"
        assert answer["effect"] == "Deny"
        assert answer["verdict"] == "non-compliant"
        assert answer["because"][-1]["pointer"].startswith("/properties/policyRule/if")
    # Definitions outside the reference library are listed, never counted as compliant.
    assert explained["not_evaluated"]


def test_a_private_estate_passes_it() -> None:
    estate = mlzone.load(EXAMPLES / "private-restricted.yaml")
    explained = estate.explain_policy("Deny-Public-Endpoints")
    assert explained["answers"]
    assert all(a["verdict"] == "compliant" for a in explained["answers"])


def test_parameters_effect_and_resource_narrow_the_question() -> None:
    estate = mlzone.load(EXAMPLES / "private-unrestricted.yaml")
    explained = estate.explain_policy(
        SCALE, parameters=SCALE_PARAMETERS, effect="Deny", resource="cl-ds3-v2"
    )
    assert explained["answers"]
    assert all(a["resource"].endswith("/cl-ds3-v2") for a in explained["answers"])
    assert all(a["effect"] == "Deny" for a in explained["answers"])
    assert all(a["verdict"] == "compliant" for a in explained["answers"])


def test_bad_questions_raise_value_errors(enterprise: mlzone.Estate) -> None:
    with pytest.raises(ValueError, match="did you mean `Deny-Public-Endpoints`"):
        enterprise.explain_policy("Deny-Public-Endpointz")
    with pytest.raises(ValueError, match="unknown resource"):
        enterprise.explain_policy("Deny-Public-Endpoints", resource="nothing-such")
    with pytest.raises(ValueError, match="allowed"):
        enterprise.explain_policy(SCALE, parameters={**SCALE_PARAMETERS}, effect="Modify")
