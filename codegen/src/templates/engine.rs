//! The engines and their filters: one Tera instance per [`Syntax`], autoescape off, with the
//! escaping filters of [`FILTERS`], the one table that both registers the filters and tells
//! the interpolation rule which filters a syntax may end with.

use tera::{Kwargs, State, Tera};

use crate::escape;
use crate::syntax::Syntax;

/// An escaping filter: its name in templates, the syntaxes whose templates may use it, and
/// how it is registered on an engine under that name.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    /// The name templates call it by.
    pub name: &'static str,
    /// The syntaxes whose engines have it.
    pub syntaxes: &'static [Syntax],
    register: fn(&mut Tera, &'static str),
}

/// Every escaping filter, grouped by syntax in the order the interpolation rule lists them.
///
/// | syntax | filters |
/// |---|---|
/// | Bicep | `bicep_string`, `bicep_key`, `bicep_identifier`, `bicep_value(indent=n)`, `bicep_operand`, `bicep_comment` (in a `//` comment) |
/// | Arm | `arm_string`, `arm_expression_string`, `arm_value`, `arm_operand`, `arm_operand_expression`, `json` |
/// | Roles | `json` |
/// | Markdown | `markdown_text`, `markdown_code`, `markdown_cell_code` (in a table cell), `mermaid_label`, `mermaid_id` |
/// | Yaml | `yaml_string`, `yaml_value` |
pub const FILTERS: &[Filter] = &[
    Filter {
        name: "bicep_string",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| string(tera, name, escape::bicep_string),
    },
    Filter {
        name: "bicep_key",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| string(tera, name, escape::bicep_key),
    },
    Filter {
        name: "bicep_identifier",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| string(tera, name, escape::bicep_identifier),
    },
    Filter {
        name: "bicep_value",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| {
            tera.register_filter(name, |v: &tera::Value, kwargs: Kwargs, _: &State| {
                let indent = kwargs.get::<usize>("indent")?.unwrap_or(0);
                to_json(v).map(|j| escape::bicep_value(&j, indent))
            });
        },
    },
    Filter {
        name: "bicep_operand",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| operand(tera, name, escape::bicep_operand),
    },
    Filter {
        name: "bicep_comment",
        syntaxes: &[Syntax::Bicep],
        register: |tera, name| string(tera, name, escape::bicep_comment),
    },
    Filter {
        name: "arm_string",
        syntaxes: &[Syntax::Arm],
        register: |tera, name| string(tera, name, escape::arm_string),
    },
    Filter {
        name: "arm_expression_string",
        syntaxes: &[Syntax::Arm],
        register: |tera, name| string(tera, name, escape::arm_expression_string),
    },
    Filter {
        name: "arm_value",
        syntaxes: &[Syntax::Arm],
        register: |tera, name| value(tera, name, escape::arm_value),
    },
    Filter {
        name: "arm_operand",
        syntaxes: &[Syntax::Arm],
        register: |tera, name| operand(tera, name, escape::arm_operand),
    },
    Filter {
        name: "arm_operand_expression",
        syntaxes: &[Syntax::Arm],
        register: |tera, name| operand(tera, name, escape::arm_operand_expression),
    },
    Filter {
        name: "json",
        syntaxes: &[Syntax::Arm, Syntax::Roles],
        register: |tera, name| value(tera, name, escape::json),
    },
    Filter {
        name: "markdown_text",
        syntaxes: &[Syntax::Markdown],
        register: |tera, name| string(tera, name, escape::markdown_text),
    },
    Filter {
        name: "markdown_code",
        syntaxes: &[Syntax::Markdown],
        register: |tera, name| string(tera, name, escape::markdown_code),
    },
    Filter {
        name: "markdown_cell_code",
        syntaxes: &[Syntax::Markdown],
        register: |tera, name| string(tera, name, escape::markdown_cell_code),
    },
    Filter {
        name: "mermaid_label",
        syntaxes: &[Syntax::Markdown],
        register: |tera, name| string(tera, name, escape::mermaid_label),
    },
    Filter {
        name: "mermaid_id",
        syntaxes: &[Syntax::Markdown],
        register: |tera, name| string(tera, name, escape::mermaid_id),
    },
    Filter {
        name: "yaml_string",
        syntaxes: &[Syntax::Yaml],
        register: |tera, name| string(tera, name, escape::yaml_string),
    },
    Filter {
        name: "yaml_value",
        syntaxes: &[Syntax::Yaml],
        register: |tera, name| value(tera, name, escape::yaml_value),
    },
];

/// The filters templates of `syntax` may end an interpolation with, in [`FILTERS`] order.
pub fn filters_of(syntax: Syntax) -> Vec<&'static str> {
    FILTERS
        .iter()
        .filter(|f| f.syntaxes.contains(&syntax))
        .map(|f| f.name)
        .collect()
}

/// An engine for `syntax` with autoescape off and that syntax's filters.
pub(super) fn new_engine(syntax: Syntax) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(Vec::<&str>::new());
    for filter in FILTERS.iter().filter(|f| f.syntaxes.contains(&syntax)) {
        (filter.register)(&mut tera, filter.name);
    }
    tera
}

/// Registers `escape`, a filter of strings, as `name`.
fn string(tera: &mut Tera, name: &'static str, escape: fn(&str) -> String) {
    tera.register_filter(name, move |s: &str, _: Kwargs, _: &State| escape(s));
}

/// Registers `escape`, a filter of any JSON value, as `name`.
fn value(tera: &mut Tera, name: &'static str, escape: fn(&serde_json::Value) -> String) {
    tera.register_filter(name, move |v: &tera::Value, _: Kwargs, _: &State| {
        to_json(v).map(|j| escape(&j))
    });
}

/// Registers `escape`, an operand filter (which refuses values that are not operands), as
/// `name`.
fn operand(
    tera: &mut Tera,
    name: &'static str,
    escape: fn(&serde_json::Value) -> Result<String, String>,
) {
    tera.register_filter(name, move |v: &tera::Value, _: Kwargs, _: &State| {
        to_json(v).and_then(|j| escape(&j).map_err(tera::Error::message))
    });
}

/// The JSON form of a template value; an undefined value is an error (Tera hands undefined
/// attributes to filters instead of failing).
fn to_json(value: &tera::Value) -> tera::TeraResult<serde_json::Value> {
    if value.is_undefined() {
        return Err(tera::Error::message("the value is undefined"));
    }
    serde_json::to_value(value).map_err(|e| tera::Error::message(format!("not a JSON value: {e}")))
}

/// A Tera error with its chain of causes, as one message.
pub(super) fn report(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message.trim_end().to_owned()
}
