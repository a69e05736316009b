//! Azure's regions: a location must name one, in the public cloud or a sovereign one.

use super::Problems;
use crate::newtypes::AzureLocation;

/// The region table, `name<TAB>cloud` a line, `#` comments.
const REGIONS: &str = include_str!("../../data/azure-regions.tsv");

/// The short names of Azure's regions (public, US Government and China clouds).
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    REGIONS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split('\t').next())
        .filter(|name| !name.is_empty())
}

/// The cloud a region belongs to: `public`, `usgov` or `china` (`None` for an unknown region).
pub(crate) fn cloud(location: &AzureLocation) -> Option<&'static str> {
    REGIONS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .find(|(name, _)| *name == location.as_str())
        .map(|(_, cloud)| cloud.trim())
}

/// Reports a location that names no Azure region, with the closest one as a hint.
pub(crate) fn check(problems: &mut Problems, path: String, location: &AzureLocation) {
    if !names().any(|name| name == location.as_str()) {
        problems.unknown(path, "Azure region", location.as_str(), names());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_cloud() {
        for name in [
            "westeurope",
            "swedencentral",
            "usgovvirginia",
            "chinanorth3",
        ] {
            assert!(names().any(|known| known == name), "{name}");
        }
        assert!(names().all(|name| AzureLocation::try_from(name).is_ok()));
    }

    #[test]
    fn a_misspelt_region_gets_the_closest_one() {
        let mut problems = Problems::default();
        check(
            &mut problems,
            "/location".into(),
            &AzureLocation::known("westeurop"),
        );
        check(
            &mut problems,
            "/location".into(),
            &AzureLocation::known("westeurope"),
        );
        assert_eq!(problems.0.len(), 1);
        let diagnostic = &problems.0[0];
        assert_eq!(diagnostic.message, "unknown Azure region `westeurop`");
        assert_eq!(
            diagnostic.help.as_deref(),
            Some("did you mean `westeurope`?")
        );
    }
}
