//! `{variable}` text templates, shared by customer replies and provider dispatches.
//!
//! Syntax: `{name}` is replaced by the variable's value; `{{` and `}}` are literal braces.
//! A name is lower-case ASCII letters, digits and `_`. Every name must be one the template's
//! use allows: an unknown name is a validation error, never a silent blank.

use serde::Serialize;

/// Why a template text is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateError {
    /// A `{name}` that this template may not use.
    #[error("unknown variable {{{name}}}; allowed variables: {allowed:?}")]
    UnknownVariable {
        /// The name as written.
        name: String,
        /// The names this template may use.
        allowed: Vec<&'static str>,
    },
    /// A `{` without its `}`.
    #[error("unclosed '{{' at byte {position}; write '{{{{' for a literal brace")]
    Unclosed {
        /// Byte offset of the `{`.
        position: usize,
    },
    /// A `}` that closes nothing.
    #[error("a lone '}}' at byte {position}; write '}}}}' for a literal brace")]
    LoneClosingBrace {
        /// Byte offset of the `}`.
        position: usize,
    },
    /// Braces around something that is not a variable name (`{}`, `{Order Id}`).
    #[error("{text:?} is not a variable name (lower-case letters, digits and '_')")]
    InvalidName {
        /// The text between the braces.
        text: String,
    },
    /// The template has no text.
    #[error("the template is empty")]
    Empty,
    /// The template is longer than its use allows.
    #[error("the template is longer than {max} characters")]
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A dispatch template mixes per-batch variables (`{external_ids}`) with per-order ones
    /// (`{external_id}`); it must be one or the other.
    #[error(
        "the template mixes per-batch variables ({batch}) and per-order variables ({order}); use one kind"
    )]
    MixedVariables {
        /// A per-batch variable used.
        batch: String,
        /// A per-order variable used.
        order: String,
    },
}

/// One piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece<'a> {
    /// Literal text.
    Text(&'a str),
    /// A `{name}`, without the braces.
    Variable(&'a str),
}

/// The variable names `text` uses, in order of appearance (repeats included).
pub fn variables(text: &str) -> Result<Vec<&str>, TemplateError> {
    let names = pieces(text)?
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Variable(name) => Some(name),
            Piece::Text(_) => None,
        })
        .collect();
    Ok(names)
}

/// Checks that `text` is a non-empty template of at most `max_chars` characters using only
/// `allowed` variables.
pub fn validate(
    text: &str,
    allowed: &[&'static str],
    max_chars: usize,
) -> Result<(), TemplateError> {
    if text.trim().is_empty() {
        return Err(TemplateError::Empty);
    }
    if text.chars().count() > max_chars {
        return Err(TemplateError::TooLong { max: max_chars });
    }
    for name in variables(text)? {
        if !allowed.contains(&name) {
            return Err(TemplateError::UnknownVariable {
                name: name.to_owned(),
                allowed: allowed.to_vec(),
            });
        }
    }
    Ok(())
}

/// Renders `text` with `values` (name, value). Templates are validated when they are saved;
/// should an invalid one reach rendering anyway, a variable without a value is kept as
/// `{name}` and a text that does not parse is returned as it is.
pub fn render(text: &str, values: &[(&str, &str)]) -> String {
    let Ok(pieces) = pieces(text) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + 16);
    for piece in pieces {
        match piece {
            Piece::Text(literal) => out.push_str(literal),
            Piece::Variable(name) => match values.iter().find(|(key, _)| *key == name) {
                Some((_, value)) => out.push_str(value),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

/// Splits a template into literal text and variables.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut literal_start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'{' if bytes.get(index + 1) == Some(&b'{') => {
                pieces.push(Piece::Text(&text[literal_start..=index]));
                index += 2;
                literal_start = index;
            }
            b'}' if bytes.get(index + 1) == Some(&b'}') => {
                pieces.push(Piece::Text(&text[literal_start..=index]));
                index += 2;
                literal_start = index;
            }
            b'{' => {
                let Some(length) = text[index + 1..].find('}') else {
                    return Err(TemplateError::Unclosed { position: index });
                };
                let name = &text[index + 1..index + 1 + length];
                if !is_name(name) {
                    return Err(TemplateError::InvalidName {
                        text: name.to_owned(),
                    });
                }
                pieces.push(Piece::Text(&text[literal_start..index]));
                pieces.push(Piece::Variable(name));
                index += length + 2;
                literal_start = index;
            }
            b'}' => return Err(TemplateError::LoneClosingBrace { position: index }),
            _ => index += 1,
        }
    }
    pieces.push(Piece::Text(&text[literal_start..]));
    pieces.retain(|piece| *piece != Piece::Text(""));
    Ok(pieces)
}

/// Whether `name` is a variable name: lower-case ASCII letters, digits and `_`, starting
/// with a letter.
fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_variables_and_escaped_braces() {
        let values = [("order_id", "123"), ("action", "refill")];
        assert_eq!(
            render("Order {order_id}: {action} {{ok}}", &values),
            "Order 123: refill {ok}"
        );
        assert_eq!(render("{order_id}{order_id}", &values), "123123");
        assert_eq!(render("no variables", &values), "no variables");
        assert_eq!(render("{missing} stays", &values), "{missing} stays");
        assert_eq!(render("broken {", &values), "broken {");
        assert_eq!(render("Привет {order_id} ♻", &values), "Привет 123 ♻");
    }

    #[test]
    fn validation_names_the_problem() {
        let allowed = ["order_id", "action"];
        assert_eq!(validate("Order {order_id}", &allowed, 100), Ok(()));
        assert_eq!(
            validate("Order {orderid}", &allowed, 100),
            Err(TemplateError::UnknownVariable {
                name: "orderid".into(),
                allowed: vec!["order_id", "action"],
            })
        );
        assert_eq!(
            validate("Order {order_id", &allowed, 100),
            Err(TemplateError::Unclosed { position: 6 })
        );
        assert_eq!(
            validate("Order }", &allowed, 100),
            Err(TemplateError::LoneClosingBrace { position: 6 })
        );
        assert_eq!(
            validate("{Order Id}", &allowed, 100),
            Err(TemplateError::InvalidName {
                text: "Order Id".into()
            })
        );
        assert!(validate("{}", &allowed, 100).is_err());
        assert_eq!(validate("  ", &allowed, 100), Err(TemplateError::Empty));
        assert_eq!(
            validate("abcdef", &allowed, 5),
            Err(TemplateError::TooLong { max: 5 })
        );
        assert_eq!(validate("{{literal}}", &allowed, 100), Ok(()));
        assert_eq!(
            variables("{a} and {b} and {a}").unwrap(),
            vec!["a", "b", "a"]
        );
    }
}
