//! Each rule catches a planted violation, and leaves the idiomatic form alone.

use super::{RULES, lint};

/// The rules `source` breaks, in line order.
fn rules(source: &str) -> Vec<&'static str> {
    lint(source).into_iter().map(|f| f.rule).collect()
}

const CLEAN: &str = "\
targetScope = 'resourceGroup'

@description('The region.')
param location string = resourceGroup().location

@secure()
param adminPassword string

var prefix = 'ml'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: '${prefix}store'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    'cost-center': adminPassword
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  #disable-next-line no-hardcoded-env-urls
  name: 'privatelink.blob.core.windows.net'
  location: 'global'
}

module child 'child.bicep' = {
  name: 'child'
  params: {
    location: location
  }
  dependsOn: [
    zone
  ]
}

output storageId string = storage.id
output childName string = child.name
";

#[test]
fn idiomatic_bicep_has_no_finding() {
    assert_eq!(lint(CLEAN), Vec::new());
}

/// `CLEAN` with `from` replaced by `to` breaks exactly `rule`.
fn plant(rule: &str, from: &str, to: &str) {
    assert!(CLEAN.contains(from), "{from}");
    let source = CLEAN.replacen(from, to, 1);
    assert_eq!(rules(&source), vec![rule], "{}", source);
}

#[test]
fn no_hardcoded_location_catches_literals_variables_and_module_params() {
    plant(
        "no-hardcoded-location",
        "  location: location\n  kind",
        "  location: 'westeurope'\n  kind",
    );
    plant(
        "no-hardcoded-location",
        "    location: location\n  }\n  dependsOn",
        "    location: 'westeurope'\n  }\n  dependsOn",
    );
    let source = CLEAN
        .replacen(
            "var prefix = 'ml'",
            "var prefix = 'ml'\nvar region = 'westeurope'",
            1,
        )
        .replacen(
            "  location: location\n  kind",
            "  location: region\n  kind",
            1,
        );
    assert_eq!(rules(&source), vec!["no-hardcoded-location"]);
}

#[test]
fn prefer_unquoted_property_names_catches_quoted_identifiers() {
    plant(
        "prefer-unquoted-property-names",
        "  kind: 'StorageV2'",
        "  'kind': 'StorageV2'",
    );
}

#[test]
fn no_unused_params_catches_an_unread_parameter() {
    plant(
        "no-unused-params",
        "var prefix = 'ml'",
        "param unread string\n\nvar prefix = 'ml'",
    );
}

#[test]
fn no_unused_vars_catches_an_unread_variable() {
    plant(
        "no-unused-vars",
        "var prefix = 'ml'",
        "var prefix = 'ml'\nvar unread = 1",
    );
}

#[test]
fn no_unnecessary_dependson_catches_a_referenced_dependency() {
    plant(
        "no-unnecessary-dependson",
        "    location: location\n  }\n  dependsOn: [\n    zone",
        "    location: location\n    zoneName: zone.name\n  }\n  dependsOn: [\n    zone",
    );
}

#[test]
fn use_parent_property_catches_a_joined_name() {
    plant(
        "use-parent-property",
        "  parent: storage\n  name: 'default'",
        "  name: '${storage.name}/default'",
    );
}

#[test]
fn simplify_interpolation_catches_a_lone_interpolation() {
    plant(
        "simplify-interpolation",
        "  name: '${prefix}store'",
        "  name: '${prefix}'",
    );
}

#[test]
fn outputs_should_not_contain_secrets_catches_names_lists_and_secure_params() {
    plant(
        "outputs-should-not-contain-secrets",
        "output storageId string = storage.id",
        "output storageId string = storage.listKeys().keys[0].value",
    );
    plant(
        "outputs-should-not-contain-secrets",
        "output storageId string = storage.id",
        "output storageId string = adminPassword",
    );
    plant(
        "outputs-should-not-contain-secrets",
        "output storageId string = storage.id",
        "output storageId string = storage.id\noutput storageSecret string = storage.id",
    );
}

#[test]
fn secure_secrets_in_params_catches_an_unsecured_password() {
    plant(
        "secure-secrets-in-params",
        "@secure()\nparam adminPassword",
        "param adminPassword",
    );
}

#[test]
fn no_hardcoded_env_urls_catches_hosts_unless_disabled() {
    plant(
        "no-hardcoded-env-urls",
        "  #disable-next-line no-hardcoded-env-urls\n",
        "",
    );
    plant(
        "no-hardcoded-env-urls",
        "  name: 'child'\n",
        "  name: 'https://management.azure.com/child'\n",
    );
}

#[test]
fn every_rule_is_planted() {
    let source = include_str!("tests.rs");
    for rule in RULES {
        assert!(
            source.contains(&format!("\"{rule}\",")),
            "{rule} has no planted violation"
        );
    }
}
