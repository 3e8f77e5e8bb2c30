//! Examples for discriminated unions. poem-openapi puts a variant's example on the variant's
//! own schema, which lacks the discriminator (`medium`), so a client sending it as shown
//! would be refused. Each branch of a union gets the variant's example with its
//! discriminator value, and the union itself its first branch's, so that Swagger UI and
//! generated clients start from a request the server accepts.

use serde_yaml::{Mapping, Value};

/// Adds the examples to every union in `document`'s schemas.
pub fn add(document: &mut Value) {
    let Some(schemas) = document
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(Value::as_mapping_mut)
    else {
        return;
    };
    let unions: Vec<Union> = schemas
        .iter()
        .filter_map(|(name, schema)| {
            let discriminator = schema.get("discriminator")?;
            let property = discriminator.get("propertyName")?.as_str()?.to_string();
            let mapping = discriminator
                .get("mapping")?
                .as_mapping()?
                .iter()
                .filter_map(|(value, target)| {
                    Some((value.as_str()?.to_string(), schema_name(target.as_str()?)?))
                })
                .collect();
            Some(Union {
                name: name.as_str()?.to_string(),
                property,
                mapping,
            })
        })
        .collect();
    for Union {
        name: union,
        property,
        mapping,
    } in unions
    {
        let mut first = None;
        for (value, branch) in mapping {
            let Some(example) = branch_example(schemas, &branch, &property, &value) else {
                continue;
            };
            if let Some(branch) = schemas
                .get_mut(branch.as_str())
                .and_then(Value::as_mapping_mut)
            {
                branch.insert(Value::from("example"), example.clone());
            }
            first.get_or_insert(example);
        }
        if let (Some(example), Some(union)) = (
            first,
            schemas
                .get_mut(union.as_str())
                .and_then(Value::as_mapping_mut),
        ) {
            union.insert(Value::from("example"), example);
        }
    }
}

/// A union schema: its name, its discriminator and the branch each value maps to.
struct Union {
    name: String,
    property: String,
    mapping: Vec<(String, String)>,
}

/// `Name` of `#/components/schemas/Name`.
fn schema_name(reference: &str) -> Option<String> {
    reference
        .strip_prefix("#/components/schemas/")
        .map(str::to_string)
}

/// The example of the variant a branch (`allOf` of the discriminator and a `$ref`) refers
/// to, with the discriminator set.
fn branch_example(schemas: &Mapping, branch: &str, property: &str, value: &str) -> Option<Value> {
    let parts = schemas.get(branch)?.get("allOf")?.as_sequence()?;
    let variant = parts
        .iter()
        .find_map(|part| schema_name(part.get("$ref")?.as_str()?))?;
    let mut example = schemas
        .get(variant.as_str())?
        .get("example")?
        .as_mapping()?
        .clone();
    example.insert(Value::from(property), Value::from(value));
    Some(Value::Mapping(example))
}
