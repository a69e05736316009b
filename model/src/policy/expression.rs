//! The template expressions of policy rules: a string `[…]` is an expression (`[[` escapes a
//! literal `[`), made of function calls, `'quoted'` strings (`''` for a quote), integers,
//! `.property` access and `[index]`.
//!
//! The contextual functions (`parameters`, `field`, `current`, `requestContext`,
//! `subscription`, `resourceGroup`) are answered by the evaluator; the pure ones, those the
//! reference definitions use and their usual companions, are here ([`call`]).

use serde_json::{Number, Value};

use super::compare::{self, scalar_text};

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A function call, its name in lower case.
    Call(String, Vec<Expr>),
    /// `.name` on an object.
    Member(Box<Expr>, String),
    /// `[index]` on an array (or a key on an object).
    Index(Box<Expr>, Box<Expr>),
}

/// A string of a policy rule read as an expression: `None` for a literal (with `[[`
/// unescaped into the returned literal by [`literal`]).
pub(crate) fn parse_template(text: &str) -> Result<Option<Expr>, String> {
    let trimmed = text.trim();
    if trimmed.starts_with("[[") || !(trimmed.starts_with('[') && trimmed.ends_with(']')) {
        return Ok(None);
    }
    let inner = trimmed
        .get(1..trimmed.len().saturating_sub(1))
        .unwrap_or_default();
    let mut parser = Parser {
        chars: inner.chars().collect(),
        at: 0,
    };
    let expr = parser.expr()?;
    parser.skip_space();
    if parser.at != parser.chars.len() {
        return Err(format!(
            "unexpected `{}` in expression `{text}`",
            parser.rest()
        ));
    }
    Ok(Some(expr))
}

/// The literal value of a string that is not an expression (`[[x]` is `[x]`).
pub(crate) fn literal(text: &str) -> String {
    match text.strip_prefix("[[") {
        Some(rest) => format!("[{rest}"),
        None => text.to_owned(),
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn rest(&self) -> String {
        self.chars.iter().skip(self.at).take(20).collect()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_space();
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<Expr, String> {
        self.skip_space();
        let mut expr = match self.peek() {
            Some('\'') => Expr::Str(self.string()?),
            Some(c) if c.is_ascii_digit() || c == '-' => Expr::Int(self.integer()?),
            Some(c) if c.is_alphabetic() => {
                let name = self.identifier();
                if !self.eat('(') {
                    return Err(format!("`{name}` must be called, as `{name}(…)`"));
                }
                let mut args = Vec::new();
                if !self.eat(')') {
                    loop {
                        args.push(self.expr()?);
                        if self.eat(')') {
                            break;
                        }
                        if !self.eat(',') {
                            return Err(format!("expected `,` or `)` at `{}`", self.rest()));
                        }
                    }
                }
                Expr::Call(name.to_lowercase(), args)
            }
            _ => return Err(format!("expected a value at `{}`", self.rest())),
        };
        loop {
            if self.eat('.') {
                let name = self.identifier();
                if name.is_empty() {
                    return Err(format!("expected a property name at `{}`", self.rest()));
                }
                expr = Expr::Member(Box::new(expr), name);
            } else if self.eat('[') {
                let index = self.expr()?;
                if !self.eat(']') {
                    return Err(format!("expected `]` at `{}`", self.rest()));
                }
                expr = Expr::Index(Box::new(expr), Box::new(index));
            } else {
                return Ok(expr);
            }
        }
    }

    fn identifier(&mut self) -> String {
        self.skip_space();
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$')
        {
            self.at += 1;
        }
        self.chars
            .iter()
            .skip(start)
            .take(self.at - start)
            .collect()
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err("a string is not closed".to_owned()),
                Some('\'') => {
                    self.at += 1;
                    if self.peek() == Some('\'') {
                        out.push('\'');
                        self.at += 1;
                    } else {
                        return Ok(out);
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.at += 1;
                }
            }
        }
    }

    fn integer(&mut self) -> Result<i64, String> {
        let start = self.at;
        if self.peek() == Some('-') {
            self.at += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let text: String = self
            .chars
            .iter()
            .skip(start)
            .take(self.at - start)
            .collect();
        text.parse()
            .map_err(|_| format!("`{text}` is not an integer"))
    }
}

/// `.name` on a value.
pub(crate) fn member(value: &Value, name: &str) -> Result<Value, String> {
    match value {
        Value::Object(map) => map
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .ok_or_else(|| format!("the object has no property `{name}`")),
        other => Err(format!(
            "`.{name}` of {}, which is no object",
            compare::describe(other)
        )),
    }
}

/// `[index]` on a value.
pub(crate) fn index(value: &Value, at: &Value) -> Result<Value, String> {
    match (value, at) {
        (Value::Array(items), Value::Number(n)) => n
            .as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| items.get(i))
            .cloned()
            .ok_or_else(|| format!("index {n} is outside an array of {}", items.len())),
        (Value::Object(_), Value::String(key)) => member(value, key),
        (other, at) => Err(format!(
            "cannot index {} with {}",
            compare::describe(other),
            compare::describe(at)
        )),
    }
}

/// The pure template functions, by lower-case name, on evaluated arguments. `None` when the
/// evaluator does not know the function.
pub(crate) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    PURE_FUNCTIONS.contains(&name).then(|| pure(name, args))
}

/// The names of the pure functions [`call`] computes.
pub(crate) const PURE_FUNCTIONS: &[&str] = &[
    "concat",
    "tolower",
    "toupper",
    "trim",
    "string",
    "int",
    "bool",
    "split",
    "replace",
    "first",
    "last",
    "empty",
    "length",
    "if",
    "equals",
    "not",
    "and",
    "or",
    "contains",
    "startswith",
    "endswith",
    "indexof",
    "lastindexof",
    "substring",
    "coalesce",
    "createarray",
    "true",
    "false",
    "greater",
    "greaterorequals",
    "less",
    "lessorequals",
];

fn pure(name: &str, args: &[Value]) -> Result<Value, String> {
    let arity = |n: usize| -> Result<(), String> {
        if args.len() == n {
            Ok(())
        } else {
            Err(format!(
                "`{name}` takes {n} argument(s), it has {}",
                args.len()
            ))
        }
    };
    let text = |i: usize| -> Result<String, String> {
        match args.get(i) {
            Some(Value::Null) => Ok(String::new()),
            Some(v) => scalar_text(v)
                .ok_or_else(|| format!("`{name}` needs a string, it has {}", compare::describe(v))),
            None => Err(format!("`{name}` misses argument {}", i + 1)),
        }
    };
    let arg = |i: usize| -> Result<&Value, String> {
        args.get(i)
            .ok_or_else(|| format!("`{name}` misses argument {}", i + 1))
    };
    let int = |i: usize| -> Result<i64, String> {
        let v = arg(i)?;
        match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| format!("`{name}` needs an integer, it has {}", compare::describe(v)))
    };
    let number = |n: usize| Value::Number(Number::from(n));
    Ok(match name {
        "concat" => {
            if args.iter().all(|a| matches!(a, Value::Array(_))) && !args.is_empty() {
                Value::Array(
                    args.iter()
                        .filter_map(Value::as_array)
                        .flatten()
                        .cloned()
                        .collect(),
                )
            } else {
                let mut out = String::new();
                for i in 0..args.len() {
                    out.push_str(&text(i)?);
                }
                Value::String(out)
            }
        }
        "tolower" => Value::String(text(0)?.to_lowercase()),
        "toupper" => Value::String(text(0)?.to_uppercase()),
        "trim" => Value::String(text(0)?.trim().to_owned()),
        "string" => match arg(0)? {
            Value::String(s) => Value::String(s.clone()),
            other => Value::String(other.to_string()),
        },
        "int" => Value::Number(Number::from(int(0)?)),
        "bool" => Value::Bool(compare::equals(arg(0)?, &Value::Bool(true))),
        "split" => {
            let (s, sep) = (text(0)?, text(1)?);
            if sep.is_empty() {
                return Err("`split` needs a non-empty delimiter".to_owned());
            }
            Value::Array(
                s.split(sep.as_str())
                    .map(|p| Value::String(p.to_owned()))
                    .collect(),
            )
        }
        "replace" => Value::String(text(0)?.replace(&text(1)?, &text(2)?)),
        "first" | "last" => {
            let pick = |len: usize| {
                if name == "first" {
                    0
                } else {
                    len.saturating_sub(1)
                }
            };
            match arg(0)? {
                Value::Array(items) => items.get(pick(items.len())).cloned().unwrap_or(Value::Null),
                Value::String(s) => {
                    let chars: Vec<char> = s.chars().collect();
                    chars
                        .get(pick(chars.len()))
                        .map(|c| Value::String(c.to_string()))
                        .unwrap_or_else(|| Value::String(String::new()))
                }
                other => return Err(format!("`{name}` of {}", compare::describe(other))),
            }
        }
        "empty" => Value::Bool(match arg(0)? {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            Value::Bool(_) | Value::Number(_) => false,
        }),
        "length" => match arg(0)? {
            Value::String(s) => number(s.chars().count()),
            Value::Array(a) => number(a.len()),
            Value::Object(o) => number(o.len()),
            Value::Null => number(0),
            other => return Err(format!("`length` of {}", compare::describe(other))),
        },
        "if" => {
            arity(3)?;
            match arg(0)? {
                Value::Bool(true) => arg(1)?.clone(),
                Value::Bool(false) => arg(2)?.clone(),
                other => {
                    return Err(format!(
                        "`if` needs a boolean, it has {}",
                        compare::describe(other)
                    ));
                }
            }
        }
        "equals" => {
            arity(2)?;
            Value::Bool(compare::equals(arg(0)?, arg(1)?))
        }
        "not" => Value::Bool(!truthy(name, arg(0)?)?),
        "and" => {
            let mut all = true;
            for a in args {
                all &= truthy(name, a)?;
            }
            Value::Bool(all)
        }
        "or" => {
            let mut any = false;
            for a in args {
                any |= truthy(name, a)?;
            }
            Value::Bool(any)
        }
        "contains" => Value::Bool(compare::contains(arg(0)?, arg(1)?)),
        "startswith" => Value::Bool(
            text(0)?
                .to_lowercase()
                .starts_with(&text(1)?.to_lowercase()),
        ),
        "endswith" => Value::Bool(text(0)?.to_lowercase().ends_with(&text(1)?.to_lowercase())),
        "indexof" | "lastindexof" => {
            let (s, find) = (text(0)?.to_lowercase(), text(1)?.to_lowercase());
            let found = if name == "indexof" {
                s.find(&find)
            } else {
                s.rfind(&find)
            };
            match found {
                Some(byte) => number(s.get(..byte).unwrap_or_default().chars().count()),
                None => Value::Number(Number::from(-1)),
            }
        }
        "substring" => {
            let s: Vec<char> = text(0)?.chars().collect();
            let start = usize::try_from(int(1)?).map_err(|_| "negative start".to_owned())?;
            let len = match args.get(2) {
                Some(_) => usize::try_from(int(2)?).map_err(|_| "negative length".to_owned())?,
                None => s.len().saturating_sub(start),
            };
            if start.saturating_add(len) > s.len() {
                return Err(format!(
                    "`substring` of {start}+{len} is outside a string of {}",
                    s.len()
                ));
            }
            Value::String(s.iter().skip(start).take(len).collect())
        }
        "coalesce" => args
            .iter()
            .find(|a| !a.is_null())
            .cloned()
            .unwrap_or(Value::Null),
        "createarray" => Value::Array(args.to_vec()),
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "greater" | "greaterorequals" | "less" | "lessorequals" => {
            arity(2)?;
            let ord = compare::order(arg(0)?, arg(1)?)?;
            Value::Bool(match name {
                "greater" => ord.is_gt(),
                "greaterorequals" => ord.is_ge(),
                "less" => ord.is_lt(),
                _ => ord.is_le(),
            })
        }
        _ => return Err(format!("`{name}` is not a pure function")),
    })
}

fn truthy(name: &str, value: &Value) -> Result<bool, String> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(format!(
            "`{name}` needs booleans, it has {}",
            compare::describe(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_reference_expressions() {
        let parsed = parse_template("[split(concat(field('a/b'), '//'), '/')[2]]")
            .unwrap()
            .unwrap();
        assert!(matches!(parsed, Expr::Index(..)));
        assert_eq!(
            parse_template("[requestContext().apiVersion]").unwrap(),
            Some(Expr::Member(
                Box::new(Expr::Call("requestcontext".into(), vec![])),
                "apiVersion".into()
            ))
        );
        assert_eq!(parse_template("[[literal]").unwrap(), None);
        assert_eq!(literal("[[literal]"), "[literal]");
        assert_eq!(parse_template("plain").unwrap(), None);
        assert_eq!(
            parse_template("['it''s']").unwrap(),
            Some(Expr::Str("it's".into()))
        );
        assert!(parse_template("[concat('a']").is_err());
    }

    #[test]
    fn pure_functions_compute_like_arm() {
        let call = |name: &str, args: &[Value]| call(name, args).unwrap().unwrap();
        assert_eq!(call("concat", &[json!("a"), json!("b")]), json!("ab"));
        assert_eq!(call("concat", &[json!([1]), json!([2])]), json!([1, 2]));
        assert_eq!(
            call("split", &[json!("a/b/c"), json!("/")]),
            json!(["a", "b", "c"])
        );
        assert_eq!(call("last", &[json!(["a", "b"])]), json!("b"));
        assert_eq!(call("first", &[json!("xy")]), json!("x"));
        assert_eq!(call("int", &[json!("120")]), json!(120));
        assert_eq!(call("empty", &[Value::Null]), json!(true));
        assert_eq!(call("length", &[json!([1, 2])]), json!(2));
        assert_eq!(
            call("replace", &[json!("PT20M"), json!("PT"), json!("")]),
            json!("20M")
        );
        assert_eq!(
            call("substring", &[json!("abcdef"), json!(1), json!(3)]),
            json!("bcd")
        );
        assert_eq!(call("indexof", &[json!("abcABC"), json!("C")]), json!(2));
        assert_eq!(call("tolower", &[json!("AbC")]), json!("abc"));
        assert!(super::call("nosuchfunction", &[]).is_none());
        assert!(
            super::call("substring", &[json!("ab"), json!(1), json!(5)])
                .unwrap()
                .is_err()
        );
    }
}
