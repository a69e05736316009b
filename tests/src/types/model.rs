//! The vendored `types.json` files of bicep-types-az, read into a small type model.
//!
//! Each file is a JSON array of types; `{"$ref": "#/N"}` points at element N of the same
//! file, so a type is addressed by (file, index): a [`TypeRef`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Property flag: the property is required.
pub const REQUIRED: u64 = 1;
/// Property flag: the property is read-only.
pub const READ_ONLY: u64 = 2;

/// A type: its file's index in [`Types::files`] and its index in that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeRef {
    /// Index of the file.
    pub file: usize,
    /// Index of the type in the file.
    pub index: usize,
}

/// One property of an object type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Property {
    /// Its type.
    pub ty: TypeRef,
    /// The flag bits ([`REQUIRED`], [`READ_ONLY`], …).
    pub flags: u64,
}

/// The properties of an object type, by name.
pub type Properties = BTreeMap<String, Property>;

/// One element of a types file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    /// Any value.
    Any,
    /// `null`.
    Null,
    /// A boolean.
    Boolean,
    /// An integer.
    Integer,
    /// A string.
    String,
    /// Exactly this string.
    Literal(String),
    /// One of these types.
    Union(Vec<TypeRef>),
    /// An array of this item type.
    Array(TypeRef),
    /// An object: its name, properties and the type of other keys (none: other keys are unknown).
    Object {
        /// The type's name, e.g. `RoleAssignmentProperties`.
        name: String,
        /// The declared properties.
        properties: Properties,
        /// The type of any other key, if other keys are allowed.
        additional: Option<TypeRef>,
    },
    /// An object whose shape depends on the string value of `discriminator`.
    Discriminated {
        /// The type's name.
        name: String,
        /// The key that selects the element.
        discriminator: String,
        /// The properties every element has.
        base: Properties,
        /// The object type of each discriminator value.
        elements: BTreeMap<String, TypeRef>,
    },
    /// A resource type at one API version and its body.
    Resource {
        /// `Type@apiVersion`.
        name: String,
        /// The body's object type.
        body: TypeRef,
    },
    /// A type the checker does not use (functions).
    Other,
}

/// One vendored file.
#[derive(Debug)]
pub struct TypesFile {
    /// Its file name.
    pub name: String,
    /// Its types, in file order.
    pub types: Vec<Type>,
}

/// Every vendored file and the resource types they publish.
#[derive(Debug)]
pub struct Types {
    /// The files, sorted by name.
    pub files: Vec<TypesFile>,
    /// (lowercase resource type, lowercase API version) → the resource's body.
    resources: BTreeMap<(String, String), TypeRef>,
}

/// The folder of the vendored types files.
pub fn types_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bicep-types")
}

impl Types {
    /// Reads every `*.types.json` of `dir`.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".types.json"))
            .collect();
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let value: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            let file = files.len();
            let items = value
                .as_array()
                .ok_or_else(|| format!("{}: not an array", path.display()))?;
            let types = items
                .iter()
                .map(|item| read_type(item, file))
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.push(TypesFile { name, types });
        }
        let mut resources = BTreeMap::new();
        for types_file in &files {
            for ty in &types_file.types {
                if let Type::Resource { name, body } = ty {
                    let (resource_type, api_version) = name.split_once('@').unwrap_or((name, ""));
                    resources
                        .entry((resource_type.to_lowercase(), api_version.to_lowercase()))
                        .or_insert(*body);
                }
            }
        }
        Ok(Self { files, resources })
    }

    /// The body type of `resource_type` at `api_version` (compared without case, as ARM does).
    pub fn resource(&self, resource_type: &str, api_version: &str) -> Option<TypeRef> {
        self.resources
            .get(&(resource_type.to_lowercase(), api_version.to_lowercase()))
            .copied()
    }

    /// The file that publishes `resource_type` at `api_version`.
    pub fn file_of(&self, resource_type: &str, api_version: &str) -> Option<&str> {
        self.resource(resource_type, api_version)
            .and_then(|r| self.files.get(r.file))
            .map(|f| f.name.as_str())
    }

    /// The type `r` points at; [`Type::Other`] for a dangling reference.
    pub fn get(&self, r: TypeRef) -> &Type {
        self.files
            .get(r.file)
            .and_then(|f| f.types.get(r.index))
            .unwrap_or(&Type::Other)
    }
}

fn reference(value: &Value, file: usize) -> Result<TypeRef, String> {
    let text = value
        .get("$ref")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("not a reference: {value}"))?;
    let index = text
        .strip_prefix("#/")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("not a local reference: {text}"))?;
    Ok(TypeRef { file, index })
}

fn properties(value: Option<&Value>, file: usize) -> Result<Properties, String> {
    let mut found = Properties::new();
    for (name, property) in value.and_then(Value::as_object).into_iter().flatten() {
        let ty = reference(property.get("type").unwrap_or(&Value::Null), file)?;
        let flags = property.get("flags").and_then(Value::as_u64).unwrap_or(0);
        found.insert(name.clone(), Property { ty, flags });
    }
    Ok(found)
}

fn read_type(item: &Value, file: usize) -> Result<Type, String> {
    let text = |key: &str| {
        item.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let field = |key: &str| reference(item.get(key).unwrap_or(&Value::Null), file);
    Ok(match text("$type").as_str() {
        "AnyType" => Type::Any,
        "NullType" => Type::Null,
        "BooleanType" => Type::Boolean,
        "IntegerType" => Type::Integer,
        "StringType" => Type::String,
        "StringLiteralType" => Type::Literal(text("value")),
        "UnionType" => Type::Union(
            item.get("elements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|e| reference(e, file))
                .collect::<Result<_, _>>()?,
        ),
        "ArrayType" => Type::Array(field("itemType")?),
        "ObjectType" => Type::Object {
            name: text("name"),
            properties: properties(item.get("properties"), file)?,
            additional: item
                .get("additionalProperties")
                .map(|a| reference(a, file))
                .transpose()?,
        },
        "DiscriminatedObjectType" => Type::Discriminated {
            name: text("name"),
            discriminator: text("discriminator"),
            base: properties(item.get("baseProperties"), file)?,
            elements: item
                .get("elements")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(k, v)| reference(v, file).map(|r| (k.clone(), r)))
                .collect::<Result<_, _>>()?,
        },
        "ResourceType" => Type::Resource {
            name: text("name"),
            body: field("body")?,
        },
        _ => Type::Other,
    })
}
