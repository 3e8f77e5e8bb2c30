//! Request schemas are closed: the server refuses a field it does not know
//! (`unknown_field`, see `http::strict_input`), so every object a JSON request body is
//! made of declares `additionalProperties: false`, and operations that need no key say so
//! with an empty `security`.
//!
//! Branches of a union are left open: they are `allOf`s of the discriminator and the
//! variant, and a closed variant would refuse the discriminator.

use serde_yaml::{Mapping, Value};
use std::collections::BTreeSet;

/// Closes the request objects of `document` and marks its public operations.
pub fn close(document: &mut Value) {
    let mut roots = BTreeSet::new();
    for item in mappings(document.get("paths")) {
        for operation in mappings(Some(item)) {
            let content = operation
                .get("requestBody")
                .and_then(|body| body.get("content"))
                .and_then(Value::as_mapping);
            for (media, body) in content.into_iter().flatten() {
                let json = media
                    .as_str()
                    .is_some_and(|m| m.starts_with("application/json"));
                if let (true, Some(name)) = (json, body.get("schema").and_then(reference)) {
                    roots.insert(name);
                }
            }
        }
    }
    let Some(schemas) = document
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    let mut closed = BTreeSet::new();
    let mut pending: Vec<String> = roots.into_iter().collect();
    while let Some(name) = pending.pop() {
        if !closed.insert(name.clone()) {
            continue;
        }
        let Some(schema) = schemas
            .get_mut(name.as_str())
            .and_then(Value::as_mapping_mut)
        else {
            continue;
        };
        let Some(properties) = schema.get("properties").and_then(Value::as_mapping) else {
            continue;
        };
        for property in properties.values() {
            let inner = property.get("items").unwrap_or(property);
            if let Some(name) = reference(inner) {
                pending.push(name);
            }
        }
        if !schema.contains_key("additionalProperties") && !schema.contains_key("allOf") {
            schema.insert(Value::from("additionalProperties"), Value::Bool(false));
        }
    }
}

/// Marks every operation without a `security` requirement as public (`security: []`).
pub fn mark_public(document: &mut Value) {
    let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) else {
        return;
    };
    for (_, item) in paths.iter_mut() {
        for (_, operation) in item.as_mapping_mut().into_iter().flatten() {
            if let Some(operation) = operation.as_mapping_mut() {
                if !operation.contains_key("security") {
                    operation.insert(Value::from("security"), Value::Sequence(Vec::new()));
                }
            }
        }
    }
}

/// The mappings inside `value` (a mapping of mappings).
fn mappings(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value
        .and_then(Value::as_mapping)
        .into_iter()
        .flat_map(Mapping::values)
}

/// `Name` of a `{$ref: '#/components/schemas/Name'}`.
fn reference(schema: &Value) -> Option<String> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
        .map(str::to_string)
}
