//! Checked values: newtypes for identifiers and names that refuse invalid values when they
//! are built, and the shape checks resolution applies to plain strings.
//!
//! Each type checks its value in `TryFrom<String>` (which serde uses too), so a value of one of
//! these types is valid wherever it appears. Error messages are written for the document's
//! author: lowercase, one line, the offending value in backticks.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// Why a value was refused by one of the name newtypes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct NameError {
    message: String,
}

impl NameError {
    fn new(message: String) -> Self {
        Self { message }
    }
}

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident, $schema_name:literal, $check:path, $schema:expr) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A value mlzone itself knows to be valid (its own defaults).
            #[allow(dead_code, reason = "not every newtype has built-in defaults")]
            pub(crate) fn known(value: &'static str) -> Self {
                debug_assert!($check(value).is_ok(), "invalid built-in value {value}");
                Self(value.to_owned())
            }
        }

        impl TryFrom<String> for $name {
            type Error = NameError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $check(&value).map_err(NameError::new)?;
                Ok(Self(value))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = NameError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::try_from(value.to_owned())
            }
        }

        impl FromStr for $name {
            type Err = NameError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::try_from(value.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed($schema_name)
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

/// The longest slug mlzone accepts; Azure names built from slugs are checked again later.
pub const SLUG_MAX: usize = 40;

fn check_slug(value: &str) -> Result<(), String> {
    let shown = shorten(value);
    if value.is_empty() {
        return Err("a name cannot be empty".to_owned());
    }
    if value.len() > SLUG_MAX {
        return Err(format!("`{shown}` is longer than {SLUG_MAX} characters"));
    }
    let valid_chars = value
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let starts_with_letter = value.starts_with(|c: char| c.is_ascii_lowercase());
    if !valid_chars || !starts_with_letter || value.ends_with('-') || value.contains("--") {
        return Err(format!(
            "`{shown}` is not a valid name: use lowercase letters, digits and single hyphens, starting with a letter"
        ));
    }
    Ok(())
}

string_newtype!(
    /// A short lowercase name used as a key in the document: environments, personas,
    /// projects, data scientists, pipelines and custom roles (`churn-model`, `prod`).
    ///
    /// Lowercase ASCII letters, digits and single hyphens, starting with a letter, at most
    /// [`SLUG_MAX`] characters. Slugs feed Azure resource names, so they are kept simple.
    ///
    /// ```
    /// use mlzone_model::newtypes::Slug;
    /// assert!(Slug::try_from("churn-model").is_ok());
    /// assert!(Slug::try_from("Churn_Model").is_err());
    /// ```
    Slug,
    "Slug",
    check_slug,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*$",
        "maxLength": SLUG_MAX,
        "description": "lowercase letters, digits and single hyphens, starting with a letter"
    })
);

fn check_location(value: &str) -> Result<(), String> {
    let valid = (2..=40).contains(&value.len())
        && value.starts_with(|c: char| c.is_ascii_lowercase())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an Azure location name: use the short form such as `westeurope`",
            shorten(value)
        ))
    }
}

string_newtype!(
    /// An Azure region in its short form (`westeurope`, `eastus2`).
    AzureLocation,
    "AzureLocation",
    check_location,
    json_schema!({
        "type": "string",
        "pattern": "^[a-z][a-z0-9]{1,39}$",
        "description": "an Azure region in its short form, such as `westeurope`"
    })
);

fn check_vm_size(value: &str) -> Result<(), String> {
    let valid = value.len() <= 64
        && value
            .strip_prefix("Standard_")
            .or_else(|| value.strip_prefix("Basic_"))
            .is_some_and(|rest| {
                !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an Azure VM size: sizes look like `Standard_DS3_v2`",
            shorten(value)
        ))
    }
}

string_newtype!(
    /// An Azure virtual machine size (`Standard_DS3_v2`).
    VmSize,
    "VmSize",
    check_vm_size,
    json_schema!({
        "type": "string",
        "pattern": "^(Standard|Basic)_[A-Za-z0-9_]+$",
        "maxLength": 64,
        "description": "an Azure VM size such as `Standard_DS3_v2`"
    })
);

fn check_git_url(value: &str) -> Result<(), String> {
    let shown = shorten(value);
    let well_formed = value.len() <= 2048
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
        && (value
            .strip_prefix("https://")
            .is_some_and(|rest| rest.contains('/') && !rest.starts_with('/'))
            || value
                .strip_prefix("git@")
                .is_some_and(|rest| rest.contains(':')));
    if well_formed {
        Ok(())
    } else {
        Err(format!(
            "`{shown}` is not a git repository address: use `https://host/owner/repo` or `git@host:owner/repo`"
        ))
    }
}

string_newtype!(
    /// The address of a project's git repository (`https://…` or `git@host:…`).
    GitUrl,
    "GitUrl",
    check_git_url,
    json_schema!({
        "type": "string",
        "pattern": "^(https://[^\\s/][^\\s]*/[^\\s]*|git@[^\\s:]+:[^\\s]+)$",
        "maxLength": 2048,
        "description": "a git repository address, `https://host/owner/repo` or `git@host:owner/repo`"
    })
);

fn check_resource_id(value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    let valid = value.len() <= 1024
        && lower.starts_with("/subscriptions/")
        && lower.contains("/providers/")
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{}` is not an Azure resource id: ids start with `/subscriptions/` and name a provider",
            shorten(value)
        ))
    }
}

string_newtype!(
    /// A full Azure resource id (`/subscriptions/…/providers/…`).
    ResourceId,
    "ResourceId",
    check_resource_id,
    json_schema!({
        "type": "string",
        "pattern": "^/[sS][uU][bB][sS][cC][rR][iI][pP][tT][iI][oO][nN][sS]/\\S+/[pP][rR][oO][vV][iI][dD][eE][rR][sS]/\\S+$",
        "maxLength": 1024,
        "description": "a full Azure resource id"
    })
);

fn check_resource_group_id(value: &str) -> Result<(), String> {
    let shown = shorten(value);
    let refuse = || {
        Err(format!(
            "`{shown}` is not a resource group id: write `/subscriptions/<subscription id>/resourceGroups/<name>`"
        ))
    };
    let mut segments = value.split('/');
    let (Some(""), Some(subscriptions), Some(subscription), Some(groups), Some(name), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        return refuse();
    };
    let name_valid = (1..=90).contains(&name.chars().count())
        && !name.ends_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '(' | ')'));
    if subscriptions.eq_ignore_ascii_case("subscriptions")
        && groups.eq_ignore_ascii_case("resourcegroups")
        && uuid::Uuid::try_parse(subscription).is_ok()
        && name_valid
    {
        Ok(())
    } else {
        refuse()
    }
}

string_newtype!(
    /// The id of a resource group (`/subscriptions/<guid>/resourceGroups/<name>`).
    ResourceGroupId,
    "ResourceGroupId",
    check_resource_group_id,
    json_schema!({
        "type": "string",
        "pattern": "^/[sS][uU][bB][sS][cC][rR][iI][pP][tT][iI][oO][nN][sS]/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/[rR][eE][sS][oO][uU][rR][cC][eE][gG][rR][oO][uU][pP][sS]/[^/]{1,90}$",
        "maxLength": 157,
        "description": "the id of a resource group, `/subscriptions/<subscription id>/resourceGroups/<name>`"
    })
);

impl ResourceGroupId {
    /// The subscription id (as written).
    pub fn subscription(&self) -> &str {
        self.0.split('/').nth(2).unwrap_or_default()
    }

    /// The resource group's name.
    pub fn name(&self) -> &str {
        self.0.split('/').nth(4).unwrap_or_default()
    }
}

/// The parts of the id of a resource at the top of a resource group
/// (`/subscriptions/{subscription}/resourceGroups/{group}/providers/{provider}/{type}/{name}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopLevelId<'a> {
    /// The subscription, as written.
    pub subscription: &'a str,
    /// The resource group's name.
    pub resource_group: &'a str,
    /// The provider and type, `Microsoft.Network/privateDnsZones`.
    pub resource_type: (&'a str, &'a str),
    /// The resource's name.
    pub name: &'a str,
}

impl TopLevelId<'_> {
    /// Whether the resource is of `resource_type` (`Provider/type`, compared
    /// case-insensitively as Azure does).
    pub fn is_of_type(&self, resource_type: &str) -> bool {
        let (provider, kind) = self.resource_type;
        resource_type
            .split_once('/')
            .is_some_and(|(p, k)| p.eq_ignore_ascii_case(provider) && k.eq_ignore_ascii_case(kind))
    }
}

impl ResourceId {
    /// The id's parts when it names a resource at the top of a resource group, `None` for a
    /// child resource or another shape.
    pub fn top_level(&self) -> Option<TopLevelId<'_>> {
        let segments: Vec<&str> = self.0.split('/').collect();
        let [
            "",
            subscriptions,
            subscription,
            groups,
            group,
            providers,
            provider,
            kind,
            name,
        ] = segments.as_slice()
        else {
            return None;
        };
        (subscriptions.eq_ignore_ascii_case("subscriptions")
            && groups.eq_ignore_ascii_case("resourcegroups")
            && providers.eq_ignore_ascii_case("providers")
            && [*subscription, *group, *provider, *kind, *name]
                .iter()
                .all(|part| !part.is_empty()))
        .then_some(TopLevelId {
            subscription,
            resource_group: group,
            resource_type: (provider, kind),
            name,
        })
    }
}

fn check_date(value: &str) -> Result<(), String> {
    let refuse = || {
        Err(format!(
            "`{}` is not a date: write it as `YYYY-MM-DD`, such as `2027-03-31`",
            shorten(value)
        ))
    };
    let mut parts = value.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return refuse();
    };
    let digits = |part: &str, len: usize| {
        (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (digits(year, 4), digits(month, 2), digits(day, 2))
    else {
        return refuse();
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return refuse(),
    };
    if year < 2000 || day == 0 || day > days {
        return refuse();
    }
    Ok(())
}

string_newtype!(
    /// A calendar date written `YYYY-MM-DD` (`2027-03-31`), from the year 2000 on; the day
    /// must exist in its month.
    ///
    /// ```
    /// use mlzone_model::newtypes::Date;
    /// assert!(Date::try_from("2028-02-29").is_ok());
    /// assert!(Date::try_from("2027-02-29").is_err());
    /// assert!(Date::try_from("31/03/2027").is_err());
    /// ```
    Date,
    "Date",
    check_date,
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "description": "a calendar date, `YYYY-MM-DD`"
    })
);

/// The longest operation pattern a role may hold. The longest operation Azure's catalogs
/// and built-in roles name has 121 characters; 512 leaves room for any real resource type
/// path (nested types add a few dozen characters each) while bounding what one pattern
/// writes into roles, Bicep and ARM.
pub const OPERATION_MAX: usize = 512;

/// Whether `value` has the shape of an operation or an operation pattern of a role:
/// `Namespace.Provider/type/…/verb` with a dotted namespace of ASCII letters and digits,
/// then `/`-separated segments of ASCII letters, digits, `_`, `-`, `.` and `*`; or `*`
/// alone, or `*/segments` (`*/read`). How many `*` a pattern may hold is the validator's
/// `too-many-wildcards` rule.
///
/// ```
/// use mlzone_model::newtypes::check_operation;
/// assert!(check_operation("Microsoft.MachineLearningServices/workspaces/*/read").is_ok());
/// assert!(check_operation("*/read").is_ok());
/// assert!(check_operation("Microsoft.Foo/bar baz/read").is_err());
/// ```
pub fn check_operation(value: &str) -> Result<(), NameError> {
    let refuse = |why: &str| {
        Err(NameError::new(format!(
            "`{}` is not an operation name: {why}",
            shorten(value)
        )))
    };
    if value.is_empty() {
        return Err(NameError::new(
            "an empty string is not an operation name".to_owned(),
        ));
    }
    if value.len() > OPERATION_MAX {
        return refuse(&format!("it is longer than {OPERATION_MAX} characters"));
    }
    if value == "*" {
        return Ok(());
    }
    let mut parts = value.split('/');
    let namespace = parts.next().unwrap_or_default();
    let dotted = namespace.split('.').count() >= 2
        && namespace
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if namespace != "*" && !dotted {
        return refuse("it does not start with a provider namespace such as `Microsoft.Storage`");
    }
    let segments: Vec<&str> = parts.collect();
    if segments.is_empty() {
        return refuse("a provider namespace needs a resource type and a verb after it");
    }
    let valid = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*');
    if segments
        .iter()
        .any(|segment| segment.is_empty() || !segment.chars().all(valid))
    {
        return refuse(
            "segments after the namespace hold ASCII letters, digits, `_`, `-`, `.` and `*`, separated by single `/`",
        );
    }
    Ok(())
}

/// Whether `value` is a domain name an outbound FQDN rule may allow: labels of ASCII
/// letters, digits and inner hyphens (1 to 63 characters each), at least two of them, at
/// most 253 characters, optionally after the `*.` wildcard Azure allows at the start.
///
/// ```
/// use mlzone_model::newtypes::check_fqdn;
/// assert!(check_fqdn("*.pypi.org").is_ok());
/// assert!(check_fqdn("pypi org").is_err());
/// ```
pub fn check_fqdn(value: &str) -> Result<(), NameError> {
    let name = value.strip_prefix("*.").unwrap_or(value);
    let labels: Vec<&str> = name.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_level_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().any(|c| c.is_ascii_alphabetic()));
    if value.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && top_level_ok {
        Ok(())
    } else {
        Err(NameError::new(format!(
            "`{}` is not a domain name: use labels of letters, digits and hyphens separated by dots, optionally after `*.`",
            shorten(value)
        )))
    }
}

/// Whether `value` is an Azure service tag name: dot-separated words of ASCII letters and
/// digits starting with a letter (`AzureMonitor`, `Storage.WestEurope`), at most 128
/// characters.
///
/// ```
/// use mlzone_model::newtypes::check_service_tag;
/// assert!(check_service_tag("Storage.WestEurope").is_ok());
/// assert!(check_service_tag("Storage West").is_err());
/// ```
pub fn check_service_tag(value: &str) -> Result<(), NameError> {
    let valid = value.len() <= 128
        && value.starts_with(|c: char| c.is_ascii_alphabetic())
        && value
            .split('.')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric()));
    if valid {
        Ok(())
    } else {
        Err(NameError::new(format!(
            "`{}` is not a service tag: tags are words of letters and digits separated by dots, such as `Storage.WestEurope`",
            shorten(value)
        )))
    }
}

/// Whether `value` is an Azure resource id (as [`ResourceId`] checks it).
pub fn check_resource_id_text(value: &str) -> Result<(), NameError> {
    check_resource_id(value).map_err(NameError::new)
}

/// A GUID: a tenant, subscription, Entra object or role definition id.
///
/// Accepted in the canonical hyphenated form, in any case; always written lowercase.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Guid(uuid::Uuid);

impl Guid {
    /// The GUID as a [`uuid::Uuid`].
    pub fn as_uuid(&self) -> uuid::Uuid {
        self.0
    }

    /// A GUID from a [`uuid::Uuid`].
    pub fn from_uuid(uuid: uuid::Uuid) -> Self {
        Self(uuid)
    }

    /// Whether this is the all-zero GUID, which is never a real id.
    pub fn is_nil(&self) -> bool {
        self.0.is_nil()
    }
}

impl TryFrom<String> for Guid {
    type Error = NameError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl TryFrom<&str> for Guid {
    type Error = NameError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl FromStr for Guid {
    type Err = NameError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let hyphenated = value.len() == 36
            && value
                .char_indices()
                .all(|(i, c)| matches!(i, 8 | 13 | 18 | 23) == (c == '-'));
        match uuid::Uuid::parse_str(value) {
            Ok(uuid) if hyphenated => Ok(Self(uuid)),
            _ => Err(NameError::new(format!(
                "`{}` is not a GUID: write it as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`",
                shorten(value)
            ))),
        }
    }
}

impl From<Guid> for String {
    fn from(value: Guid) -> Self {
        value.to_string()
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.hyphenated())
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({})", self.0.hyphenated())
    }
}

impl JsonSchema for Guid {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Guid")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            "description": "a GUID such as `00000000-0000-0000-0000-000000000000`"
        })
    }
}

/// A value cut to a readable length for an error message.
/// Whether `c` is invisible or changes the direction of the text around it, so that text
/// holding it reads differently from what it is: the bidirectional embeddings, overrides
/// and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C), the
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the line and paragraph
/// separators (U+2028, U+2029).
///
/// ```
/// assert!(mlzone_model::newtypes::is_invisible('\u{202e}'));
/// assert!(!mlzone_model::newtypes::is_invisible('é'));
/// ```
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200b}'..='\u{200f}'
            | '\u{061c}'
            | '\u{2060}'
            | '\u{feff}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The invisible and direction-changing characters of `value`, as `U+XXXX` codes.
pub(crate) fn invisible_codes(value: &str) -> String {
    let mut codes: Vec<String> = value
        .chars()
        .filter(|&c| is_invisible(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    codes.dedup();
    codes.join(", ")
}

fn shorten(value: &str) -> Cow<'_, str> {
    const SHOWN: usize = 60;
    let hidden = |c: char| c.is_control() || is_invisible(c);
    let printable = !value.chars().any(hidden);
    if value.chars().count() <= SHOWN && printable {
        return Cow::Borrowed(value);
    }
    let mut shown: String = value
        .chars()
        .take(SHOWN)
        .map(|c| if hidden(c) { '�' } else { c })
        .collect();
    if value.chars().count() > SHOWN {
        shown.push('…');
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outbound_destinations() {
        for ok in [
            "pypi.org",
            "*.pypi.org",
            "files.pythonhosted.org",
            "a-b.c1.io",
        ] {
            assert!(check_fqdn(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "pypi",
            "*.",
            "*pypi.org",
            "pypi..org",
            "-a.org",
            "a-.org",
            "pypi org",
            "1.2.3.4",
            "pypi.org/simple",
            "a.*.org",
            "pypi.org.",
        ] {
            assert!(check_fqdn(bad).is_err(), "{bad:?}");
        }
        for ok in ["AzureMonitor", "Storage.WestEurope", "Sql.EastUS2"] {
            assert!(check_service_tag(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "Storage West",
            "Storage.",
            ".Storage",
            "1Storage",
            "Storage/x",
        ] {
            assert!(check_service_tag(bad).is_err(), "{bad:?}");
        }
        let storage = "/subscriptions/a4e1a33c-997e-4353-9f29-b853c58c2095/resourceGroups/rg-data-platform-westeurope/providers/Microsoft.Storage/storageAccounts/stcontosodatalakeprod01";
        assert!(storage.len() > 128);
        assert!(check_resource_id_text(storage).is_ok());
        assert!(check_resource_id_text("pypi.org").is_err());
    }

    #[test]
    fn operation_shapes() {
        for ok in [
            "*",
            "*/read",
            "Microsoft.Storage/*",
            "Microsoft.MachineLearningServices/workspaces/*/read",
            "Microsoft.MachineLearningServices/workspaces/labeling/labels/approve_unapprove/action",
            "Microsoft.Authorization/*/Delete",
            "Dynatrace.Observability/monitors/read",
            "Microsoft.Insights/diagnosticSettings/*",
        ] {
            assert!(check_operation(ok).is_ok(), "{ok}");
        }
        let long = format!("Microsoft.Storage/{}/read", "a".repeat(OPERATION_MAX));
        for bad in [
            "",
            " ",
            "Microsoft.Storage/storageAccounts/read ",
            "Microsoft.Storage/storage Accounts/read",
            "Microsoft.Storage/a\u{1b}[31m/read",
            "Microsoft.Storage",
            "Microsoft.Storage/",
            "Microsoft.Storage//read",
            "Microsoft/read",
            ".Storage/read",
            "Microsoft..Storage/read",
            "Micro*soft.Storage/read",
            "/Microsoft.Storage/read",
            "Microsoft.Storage/a\u{202e}b/read",
            "Microsoft.Storage/'}]/read",
            long.as_str(),
        ] {
            assert!(check_operation(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn slugs() {
        for ok in ["a", "dev", "churn-model", "p1", "a-b-c"] {
            assert!(Slug::try_from(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "1abc",
            "Dev",
            "a--b",
            "a-",
            "-a",
            "a_b",
            "a b",
            &"a".repeat(41),
        ] {
            assert!(Slug::try_from(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn guids() {
        let guid: Guid = "72F988BF-86F1-41AF-91AB-2D7CD011DB47".parse().unwrap();
        assert_eq!(guid.to_string(), "72f988bf-86f1-41af-91ab-2d7cd011db47");
        for bad in [
            "72f988bf86f141af91ab2d7cd011db47",
            "{72f988bf-86f1-41af-91ab-2d7cd011db47}",
            "not-a-guid",
            "72f988bf-86f1-41af-91ab-2d7cd011db4",
        ] {
            assert!(bad.parse::<Guid>().is_err(), "{bad}");
        }
    }

    #[test]
    fn other_names() {
        assert!(AzureLocation::try_from("westeurope").is_ok());
        assert!(AzureLocation::try_from("West Europe").is_err());
        assert!(VmSize::try_from("Standard_DS3_v2").is_ok());
        assert!(VmSize::try_from("DS3").is_err());
        assert!(GitUrl::try_from("https://github.com/contoso/churn").is_ok());
        assert!(GitUrl::try_from("git@github.com:contoso/churn.git").is_ok());
        assert!(GitUrl::try_from("ftp://x").is_err());
        assert!(ResourceId::try_from("/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/virtualNetworks/v/subnets/s").is_ok());
        assert!(ResourceId::try_from("subnet-1").is_err());
    }

    #[test]
    fn messages_quote_and_shorten() {
        let error = Slug::try_from("Bad\nName").unwrap_err().to_string();
        assert!(
            error.starts_with("`Bad�Name` is not a valid name"),
            "{error}"
        );
    }
}
