//! Strict JSON input: a body with a field its operation does not know (`{"nme": …}`) or a
//! value of the wrong JSON type (`{"name": 12345}`, or `null` where the spec marks nothing
//! nullable: an optional field is left out, never sent as `null`) is refused with `400` and
//! a code (`unknown_field`, `invalid_type`) naming the field, instead of being half-applied.
//!
//! The rules come from the OpenAPI document itself, so the spec and the server cannot
//! disagree: each operation's request schema is looked up by method and path, and the body
//! is walked against it. Values, formats and bounds are left to the handlers' own checks.

use super::path_template::PathTemplate;
use crate::error::{ApiError, ErrorCode};
use poem::http::Method;
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The request schemas of every operation with a JSON body.
#[derive(Debug, Default)]
pub struct RequestSchemas {
    operations: Vec<Operation>,
    components: Map<String, Value>,
}

#[derive(Debug)]
struct Operation {
    method: Method,
    path: PathTemplate,
    schema: Value,
}

/// What is wrong with a body.
#[derive(Debug, PartialEq, Eq)]
enum Violation {
    /// `field` is not one of `known`.
    UnknownField { field: String, known: Vec<String> },
    /// `field` holds a `found` where a `expected` belongs.
    InvalidType {
        field: String,
        expected: &'static str,
        found: &'static str,
    },
}

impl RequestSchemas {
    /// Reads the request schemas out of an OpenAPI document (JSON).
    pub fn from_spec(spec: &str) -> Result<Self, serde_json::Error> {
        let spec: Value = serde_json::from_str(spec)?;
        let components = spec["components"]["schemas"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let mut operations = Vec::new();
        for (path, item) in spec["paths"].as_object().into_iter().flatten() {
            // The webhook ingress takes providers' payloads as they come and answers for
            // each delivery itself (a malformed one is logged as such).
            if path.starts_with("/webhooks/") {
                continue;
            }
            for (method, operation) in item.as_object().into_iter().flatten() {
                let Ok(method) = Method::from_bytes(method.to_ascii_uppercase().as_bytes()) else {
                    continue;
                };
                let json = operation["requestBody"]["content"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .find(|(media, _)| media.starts_with("application/json"));
                if let Some((_, content)) = json {
                    operations.push(Operation {
                        method,
                        path: PathTemplate::new(path),
                        schema: content["schema"].clone(),
                    });
                }
            }
        }
        Ok(RequestSchemas {
            operations,
            components,
        })
    }

    fn schema_for(&self, method: &Method, path: &str) -> Option<&Value> {
        self.operations
            .iter()
            .filter(|op| op.method == method)
            .filter_map(|op| Some((op.path.matches(path)?, op)))
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, op)| &op.schema)
    }

    /// The first violation of `schema` in `value`, `field` naming where `value` sits.
    fn check(&self, value: &Value, schema: &Value, field: &str) -> Option<Violation> {
        let schema = self.resolve(schema);
        if let Some(parts) = schema["allOf"].as_array() {
            return self.check_all_of(value, parts, field);
        }
        if let Some(branches) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
            return self.check_one_of(value, schema, branches, field);
        }
        if value.is_null() && schema["nullable"].as_bool() == Some(true) {
            return None;
        }
        let expected = match schema["type"].as_str() {
            Some(expected) => expected,
            None if schema.get("properties").is_some() => "object",
            None => return None,
        };
        let fits = match expected {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => true,
        };
        if !fits {
            return Some(Violation::InvalidType {
                field: shown(field),
                expected: type_name(expected),
                found: kind_of(value),
            });
        }
        match value {
            Value::Object(object) => self.check_object(object, schema, field),
            Value::Array(items) => items.iter().enumerate().find_map(|(index, item)| {
                self.check(item, &schema["items"], &format!("{field}[{index}]"))
            }),
            _ => None,
        }
    }

    fn check_object(
        &self,
        object: &Map<String, Value>,
        schema: &Value,
        field: &str,
    ) -> Option<Violation> {
        let properties = schema["properties"].as_object();
        let additional = schema.get("additionalProperties");
        for (key, value) in object {
            let inner = join(field, key);
            match (properties.and_then(|p| p.get(key)), additional) {
                (Some(property), _) => {
                    if let Some(violation) = self.check(value, property, &inner) {
                        return Some(violation);
                    }
                }
                (None, Some(Value::Bool(false))) | (None, None) if properties.is_some() => {
                    return Some(Violation::UnknownField {
                        field: inner,
                        known: properties
                            .map(|p| p.keys().cloned().collect())
                            .unwrap_or_default(),
                    });
                }
                (None, Some(additional @ Value::Object(_))) => {
                    if let Some(violation) = self.check(value, additional, &inner) {
                        return Some(violation);
                    }
                }
                // A free-form object.
                _ => {}
            }
        }
        None
    }

    fn check_all_of(&self, value: &Value, parts: &[Value], field: &str) -> Option<Violation> {
        let parts: Vec<&Value> = parts.iter().map(|part| self.resolve(part)).collect();
        let objects: Vec<&Map<String, Value>> = parts
            .iter()
            .filter_map(|part| part["properties"].as_object())
            .collect();
        if objects.len() < 2 {
            return parts.iter().find_map(|part| self.check(value, part, field));
        }
        // Several object parts: the body may hold the fields of any of them.
        let mut merged = Map::new();
        for properties in objects {
            merged.extend(properties.clone());
        }
        let merged = serde_json::json!({"type": "object", "properties": merged});
        self.check(value, &merged, field)
    }

    fn check_one_of(
        &self,
        value: &Value,
        schema: &Value,
        branches: &[Value],
        field: &str,
    ) -> Option<Violation> {
        let tag = schema["discriminator"]["propertyName"].as_str();
        if let (Some(tag), Some(object)) = (tag, value.as_object())
            && let Some(chosen) = object.get(tag).and_then(Value::as_str)
        {
            let mapped = schema["discriminator"]["mapping"][chosen].as_str();
            let branch = branches.iter().find(|branch| {
                mapped.is_some_and(|target| branch["$ref"].as_str() == Some(target))
                    || self.resolve(branch)["properties"][tag]["enum"]
                        .as_array()
                        .is_some_and(|values| values.iter().any(|v| v == chosen))
            });
            if let Some(branch) = branch {
                return self.check(value, branch, field);
            }
            // An unknown tag value is the handler's to report.
            return None;
        }
        let mut first = None;
        for branch in branches {
            match self.check(value, branch, field) {
                None => return None,
                Some(violation) => {
                    first.get_or_insert(violation);
                }
            }
        }
        first
    }

    /// Follows `$ref`s to the schema they name.
    fn resolve<'a>(&'a self, mut schema: &'a Value) -> &'a Value {
        for _ in 0..16 {
            let Some(name) = schema["$ref"]
                .as_str()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
            else {
                break;
            };
            match self.components.get(name) {
                Some(target) => schema = target,
                None => break,
            }
        }
        schema
    }
}

fn join(field: &str, key: &str) -> String {
    if field.is_empty() {
        key.to_string()
    } else {
        format!("{field}.{key}")
    }
}

fn shown(field: &str) -> String {
    if field.is_empty() {
        "the body".to_string()
    } else {
        field.to_string()
    }
}

fn type_name(expected: &str) -> &'static str {
    match expected {
        "object" => "an object",
        "array" => "an array",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "true or false",
        _ => "another type",
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a decimal number",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Violation {
    fn into_error(self) -> ApiError {
        match self {
            Violation::UnknownField { field, known } => {
                let known = if known.is_empty() {
                    String::new()
                } else {
                    format!("; known fields: {}", known.join(", "))
                };
                ApiError::new(
                    ErrorCode::UnknownField,
                    format!("unknown field `{field}`{known}"),
                )
            }
            Violation::InvalidType {
                field,
                expected,
                found,
            } => ApiError::new(
                ErrorCode::InvalidType,
                format!("`{field}` must be {expected}, not {found}"),
            ),
        }
    }
}

/// The middleware; see the module documentation.
pub struct StrictInput(pub Arc<RequestSchemas>);

impl<E: Endpoint<Output = Response>> Middleware<E> for StrictInput {
    type Output = StrictInputEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        StrictInputEndpoint {
            inner,
            schemas: self.0.clone(),
        }
    }
}

/// The endpoint [`StrictInput`] wraps.
pub struct StrictInputEndpoint<E> {
    inner: E,
    schemas: Arc<RequestSchemas>,
}

impl<E: Endpoint<Output = Response>> Endpoint for StrictInputEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        // A key that is not visible ASCII would read as no key at all, and a retry would
        // run twice: it is refused instead.
        if req
            .headers()
            .get_all("idempotency-key")
            .iter()
            .any(|value| !value.as_bytes().iter().all(u8::is_ascii_graphic))
        {
            return Ok(ApiError::new(
                ErrorCode::InvalidParameter,
                "Idempotency-Key must be 1-255 visible ASCII characters",
            )
            .into_response());
        }
        let is_json = req
            .content_type()
            .is_some_and(|ct| ct.trim_start().starts_with("application/json"));
        let schema = match is_json {
            true => self.schemas.schema_for(req.method(), req.uri().path()),
            false => None,
        };
        let Some(schema) = schema else {
            return self.inner.call(req).await;
        };
        // The request context has already read the body into memory, within its limit.
        let bytes = req.take_body().into_vec().await?;
        // A body that is not JSON at all is the handler's to refuse, as before.
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes)
            && let Some(violation) = self.schemas.check(&value, schema, "")
        {
            return Ok(violation.into_error().into_response());
        }
        req.set_body(Body::from(bytes));
        self.inner.call(req).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schemas() -> RequestSchemas {
        let spec = json!({
            "paths": {
                "/v1/things": {"post": {"requestBody": {"content": {
                    "application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
                "/v1/things/{id}": {"patch": {"requestBody": {"content": {
                    "application/json; charset=utf-8": {"schema": {"allOf": [{"$ref": "#/components/schemas/Thing"}]}}}}}}
            },
            "components": {"schemas": {
                "Thing": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"},
                    "count": {"type": "integer"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "extra": {},
                    "inner": {"$ref": "#/components/schemas/Inner"},
                    "medium": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
                        "discriminator": {"propertyName": "kind"}}
                }},
                "Inner": {"type": "object", "properties": {"on": {"type": "boolean"}}},
                "A": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["a"]}, "x": {"type": "string"}}},
                "B": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["b"]}, "y": {"type": "integer"}}}
            }}
        });
        RequestSchemas::from_spec(&spec.to_string()).unwrap()
    }

    fn check(method: Method, path: &str, body: Value) -> Option<Violation> {
        let schemas = schemas();
        let schema = schemas.schema_for(&method, path).expect("an operation");
        schemas.check(&body, schema, "")
    }

    fn unknown(field: &str) -> impl Fn(Option<Violation>) -> bool + '_ {
        move |v| matches!(v, Some(Violation::UnknownField { field: f, .. }) if f == field)
    }

    fn invalid(field: &str) -> impl Fn(Option<Violation>) -> bool + '_ {
        move |v| matches!(v, Some(Violation::InvalidType { field: f, .. }) if f == field)
    }

    #[test]
    fn well_formed_bodies_pass() {
        let body = json!({"name": "n", "count": 3, "tags": ["a"], "labels": {"k": "v"},
            "extra": {"anything": [1, "x"]}, "inner": {"on": true}, "medium": {"kind": "b", "y": 2}});
        assert_eq!(check(Method::POST, "/v1/things", body.clone()), None);
        assert_eq!(check(Method::PATCH, "/v1/things/123", body), None);
    }

    #[test]
    fn null_is_refused_where_the_spec_marks_nothing_nullable() {
        assert!(invalid("count")(check(
            Method::POST,
            "/v1/things",
            json!({"name": "n", "count": null})
        )));
        assert!(invalid("tags[0]")(check(
            Method::POST,
            "/v1/things",
            json!({"tags": [null]})
        )));
    }

    #[test]
    fn unknown_fields_are_named_at_any_depth() {
        assert!(unknown("nme")(check(
            Method::POST,
            "/v1/things",
            json!({"nme": "n"})
        )));
        assert!(unknown("inner.of")(check(
            Method::POST,
            "/v1/things",
            json!({"inner": {"of": true}})
        )));
        assert!(unknown("medium.y")(check(
            Method::PATCH,
            "/v1/things/1",
            json!({"medium": {"kind": "a", "y": 1}})
        )));
    }

    #[test]
    fn wrong_types_are_named_at_any_depth() {
        assert!(invalid("name")(check(
            Method::POST,
            "/v1/things",
            json!({"name": 12345})
        )));
        assert!(invalid("count")(check(
            Method::POST,
            "/v1/things",
            json!({"count": 1.5})
        )));
        assert!(invalid("tags[1]")(check(
            Method::POST,
            "/v1/things",
            json!({"tags": ["a", 2]})
        )));
        assert!(invalid("labels.k")(check(
            Method::POST,
            "/v1/things",
            json!({"labels": {"k": 1}})
        )));
        assert!(invalid("the body")(check(
            Method::POST,
            "/v1/things",
            json!([1])
        )));
        assert!(invalid("medium.y")(check(
            Method::POST,
            "/v1/things",
            json!({"medium": {"kind": "b", "y": "two"}})
        )));
    }

    #[test]
    fn operations_are_found_by_method_and_path() {
        let schemas = schemas();
        assert!(schemas.schema_for(&Method::POST, "/v1/things").is_some());
        assert!(
            schemas
                .schema_for(&Method::PATCH, "/v1/things/abc")
                .is_some()
        );
        assert!(schemas.schema_for(&Method::GET, "/v1/things").is_none());
        assert!(
            schemas
                .schema_for(&Method::POST, "/v1/things/abc/more")
                .is_none()
        );
    }
}
