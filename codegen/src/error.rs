//! The errors of rendering: internal ones (bugs in mlzone) and user template overrides.

/// An error of `mlzone-codegen`.
///
/// A validated model never makes rendering fail: a failure is either a bug in mlzone
/// ([`Error::Internal`]) or a mistake in a user's template override.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A built-in template or the code around it produced no valid output.
    #[error("internal error in {what}: {message}; this is a bug in mlzone, please report it")]
    Internal {
        /// What failed, e.g. ``template `bicep/main.bicep.tera` ``.
        what: String,
        /// The underlying message.
        message: String,
    },
    /// A user template override does not compile, render, or give valid output.
    #[error("template override `{file}` failed: {message}")]
    Override {
        /// The override's name, which is its file path relative to the override directory.
        file: String,
        /// The underlying message.
        message: String,
    },
    /// A user template override names no built-in template.
    #[error("template override `{file}` does not replace any built-in template")]
    UnknownOverride {
        /// The override's name.
        file: String,
        /// The closest built-in template name, if one is close.
        suggestion: Option<String>,
    },
    /// Two resources would get the same Azure name in one scope.
    #[error("the {what} name `{name}` is given to both {first} and {second}")]
    NameCollision {
        /// What kind of name (`storage account`, `compute`).
        what: &'static str,
        /// The name.
        name: String,
        /// The item that got it first.
        first: String,
        /// The item that asked for it again.
        second: String,
    },
    /// A custom role cannot be written as one Azure role definition.
    #[error("custom role `{role}` cannot be deployed: {message}")]
    RoleNotExpressible {
        /// The role's key.
        role: String,
        /// Why.
        message: String,
    },
    /// A generated file path is not a clean relative path.
    #[error("invalid output path `{path}`: {reason}")]
    InvalidPath {
        /// The rejected path.
        path: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A [`FileSink`](crate::fileset::FileSink) could not take a finished file, e.g. the
    /// command line could not stage it on disk.
    #[error("{message}")]
    Sink {
        /// What went wrong, one line with the path.
        message: String,
    },
}

impl Error {
    /// A hint for the user, shown under the message.
    pub fn help(&self) -> Option<String> {
        match self {
            Error::UnknownOverride {
                suggestion: Some(name),
                ..
            } => Some(format!("did you mean `{name}`?")),
            Error::UnknownOverride {
                suggestion: None, ..
            } => Some(
                "an override file must have the path of a built-in template, \
                 such as `bicep/main.bicep.tera`"
                    .to_owned(),
            ),
            Error::Override { .. } => Some(
                "the override is checked against a sample view-model before it is used; \
                 compare it with the built-in template of the same name"
                    .to_owned(),
            ),
            Error::NameCollision { .. } => Some(
                "names are cut to Azure's length limits; shorten or rename one of the two \
                 (project, data scientist, pipeline or environment names, or the naming prefix)"
                    .to_owned(),
            ),
            Error::RoleNotExpressible { .. } => Some(
                "a role definition holds one permission block; remove the `not-actions` that \
                 subtract from what another base grants, or list the operations instead"
                    .to_owned(),
            ),
            Error::Internal { .. } | Error::InvalidPath { .. } | Error::Sink { .. } => None,
        }
    }

    pub(crate) fn internal(what: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Error::Internal {
            what: what.into(),
            message: message.to_string(),
        }
    }
}
