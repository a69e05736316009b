"""Landing zone settings: central private DNS, policy mode, shared monitoring."""

from pathlib import Path

import pytest

import mlzone
from conftest import EXAMPLES

CENTRAL = "/subscriptions/0c9e4b7a-2f61-4d38-a5e0-7b3c1d9f2e84/resourceGroups/rg-dns"


def estate(private_dns: str, location: str = "westeurope") -> str:
    return f"""
organisation: Contoso
tenant: c1376d8f-9e09-4745-8a0c-06b2af33d15e
location: {location}
landing-zone:
  private-dns: {private_dns}
  log-analytics: /subscriptions/0c9e4b7a-2f61-4d38-a5e0-7b3c1d9f2e84/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central
environments:
  - name: dev
    stage: development
    landing-zone:
      private-link:
        subnet: /subscriptions/a4e1a33c-997e-4353-9f29-b853c58c2095/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe
projects:
  - name: churn
    network: private
rules:
  missing-group:
    level: allow
    reason: Groups are passed at deployment time.
  no-production-environment:
    level: allow
    reason: A development estate.
"""


def test_the_example_generates_without_created_zones() -> None:
    files = mlzone.load(EXAMPLES / "landing-zone.yaml").generate("bicep")
    assert not any(path.endswith("private-dns.bicep") for path in files)
    module = files["bicep/dev/modules/projects/churn.bicep"]
    assert "rg-connectivity-dns/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io" in module
    assert "Microsoft.OperationalInsights/workspaces@" not in module
    assert "law-fabrikam-platform" in module


def test_existing_mode_names_central_zones() -> None:
    files = mlzone.loads(estate(f"{{mode: existing, resource-group: {CENTRAL}}}"), "yaml").generate("arm")
    template = files["arm/dev/azuredeploy.json"]
    assert f"{CENTRAL}/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms" in template
    assert '"Microsoft.Network/privateDnsZones"' not in template


def test_policy_mode_writes_no_zone_group_and_names_the_policies() -> None:
    files = mlzone.loads(estate("{mode: policy}"), "yaml").generate("all")
    assert "privateDnsZoneGroups" not in files["arm/dev/azuredeploy.json"]
    readme = files["pipeline/README.md"]
    assert "ee40564d-486e-4f68-a5ca-7a621edae0fb" in readme
    assert "privatelink.notebooks.azure.net" in files["docs/README.md"]


def test_a_sovereign_region_is_refused_outside_policy_mode() -> None:
    text = estate(f"{{mode: existing, resource-group: {CENTRAL}}}", location="usgovvirginia")
    with pytest.raises(mlzone.ValidationError) as caught:
        mlzone.loads(text, "yaml").generate("bicep")
    codes = [d.code for d in caught.value.diagnostics]
    assert "private-dns-sovereign-cloud" in codes
    mlzone.loads(estate("{mode: policy}", location="usgovvirginia"), "yaml").generate("bicep")


def test_existing_mode_without_zones_is_a_located_load_error(tmp_path: Path) -> None:
    path = tmp_path / "estate.yaml"
    path.write_text(estate("{mode: existing}"))
    with pytest.raises(mlzone.LoadError) as caught:
        mlzone.load(path)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "invalid-value"
    assert diagnostic.path == "/landing-zone/private-dns"
    assert diagnostic.line == 6
