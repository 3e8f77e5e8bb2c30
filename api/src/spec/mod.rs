//! The OpenAPI document as published (`openapi.yaml`, `/openapi.json`, `/openapi.yaml`):
//! poem-openapi's document, tidied for code generators, with each operation's own error
//! statuses (see [`errors`]), examples for unions (see [`union_examples`]), closed request
//! objects and public operations marked (see [`closed_requests`]), and the webhook ingress
//! (see [`webhooks`]).
//!
//! poem-openapi wraps every described reference to a schema in an `allOf` of the reference
//! and a description (`{description, allOf: [{$ref}, {description}]}`); generators such as
//! openapi-python-client then drop the field or invent a type for it. Each such wrapper
//! becomes the bare `$ref` (in OpenAPI 3.0 a `$ref`'s siblings are ignored anyway; the
//! referenced schema keeps its own description).

mod closed_requests;
mod errors;
mod union_examples;
mod webhooks;

use crate::resources::Apis;
use poem_openapi::OpenApiService;
use serde_yaml::{Mapping, Value};

/// The published document, in both formats.
pub struct Published {
    /// As YAML (what `openapi.yaml` holds).
    pub yaml: String,
    /// As JSON.
    pub json: String,
}

/// The published document. Should tidying ever fail (a bug), poem-openapi's own document
/// is published instead and the error logged; the committed-spec test then fails.
pub fn published(service: &OpenApiService<Apis, ()>) -> Published {
    let raw = service.spec_yaml();
    let tidied = tidy(&raw)
        .map_err(|err| err.to_string())
        .and_then(|document| {
            let yaml = serde_yaml::to_string(&document).map_err(|err| err.to_string())?;
            let json = serde_json::to_string_pretty(&document).map_err(|err| err.to_string())?;
            Ok(Published { yaml, json })
        });
    tidied.unwrap_or_else(|err| {
        tracing::error!(error = %err, "the OpenAPI document could not be tidied");
        Published {
            yaml: raw,
            json: service.spec(),
        }
    })
}

/// Keys that only annotate a schema, which a wrapper may carry beside its `allOf`.
const ANNOTATIONS: [&str; 7] = [
    "description",
    "title",
    "default",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// The published document, from poem-openapi's YAML.
pub fn tidy(poem_yaml: &str) -> Result<Value, serde_yaml::Error> {
    let mut document: Value = serde_yaml::from_str(poem_yaml)?;
    unwrap_references(&mut document);
    errors::declare(&mut document);
    union_examples::add(&mut document);
    closed_requests::close(&mut document);
    if document.get("paths").is_some() {
        webhooks::describe(&mut document);
    }
    closed_requests::mark_public(&mut document);
    Ok(document)
}

/// Replaces, anywhere in `value`, an `allOf` wrapper around a single `$ref` by the `$ref`.
fn unwrap_references(value: &mut Value) {
    match value {
        Value::Mapping(mapping) => {
            if let Some(reference) = wrapped_reference(mapping) {
                let mut bare = Mapping::new();
                bare.insert(Value::from("$ref"), reference);
                *mapping = bare;
                return;
            }
            for (_, inner) in mapping.iter_mut() {
                unwrap_references(inner);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(unwrap_references),
        _ => {}
    }
}

/// The `$ref` of a mapping that is only an annotated `allOf` of one reference.
fn wrapped_reference(mapping: &Mapping) -> Option<Value> {
    let parts = mapping.get("allOf")?.as_sequence()?;
    let only_annotations = |m: &Mapping, allowed: &str| {
        m.keys().all(|key| {
            key.as_str()
                .is_some_and(|key| key == allowed || ANNOTATIONS.contains(&key))
        })
    };
    if !only_annotations(mapping, "allOf") {
        return None;
    }
    let (first, rest) = parts.split_first()?;
    let first = first.as_mapping()?;
    let reference = first.get("$ref")?;
    let rest_annotates = rest
        .iter()
        .all(|part| part.as_mapping().is_some_and(|m| only_annotations(m, "")));
    (first.len() == 1 && rest_annotates).then(|| reference.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_around_one_reference_become_the_reference() {
        let yaml = "
a:
  description: The medium.
  allOf:
  - $ref: '#/components/schemas/Medium'
  - description: The medium.
b:
  allOf:
  - $ref: '#/components/schemas/One'
  - $ref: '#/components/schemas/Two'
c:
  type: object
  allOf:
  - $ref: '#/components/schemas/Three'
d:
  items:
  - description: nested
    default: x
    allOf:
    - $ref: '#/components/schemas/Four'
    - description: nested
";
        let tidied = tidy(yaml).unwrap();
        let expected: Value = serde_yaml::from_str(
            "
a:
  $ref: '#/components/schemas/Medium'
b:
  allOf:
  - $ref: '#/components/schemas/One'
  - $ref: '#/components/schemas/Two'
c:
  type: object
  allOf:
  - $ref: '#/components/schemas/Three'
d:
  items:
  - $ref: '#/components/schemas/Four'
",
        )
        .unwrap();
        assert_eq!(tidied, expected);
    }
}
