//! The layering of `api/src`: the REST resources and the background flow stand on the
//! services and never on each other; the services stand on neither, nor on the HTTP layer.

use std::path::{Path, PathBuf};

/// Every Rust file under `dir`, recursively.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The places in `layer`'s files that name one of `forbidden`, as `file: line`.
fn violations(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let files = rust_files(&root);
    assert!(!files.is_empty(), "no files under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if let Some(name) = forbidden.iter().find(|name| code.contains(*name)) {
                found.push(format!("{}:{}: {name}", file.display(), number + 1));
            }
        }
    }
    found
}

#[test]
fn the_flow_never_reaches_into_the_resources() {
    assert_eq!(
        violations("flow", &["crate::resources"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_resources_never_reach_into_the_flow() {
    assert_eq!(
        violations("resources", &["crate::flow"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_services_stand_on_storage_and_the_core_only() {
    let forbidden = [
        "crate::resources",
        "crate::flow",
        "crate::state",
        "crate::error",
        "crate::auth",
        "crate::webhooks",
        "poem",
    ];
    assert_eq!(violations("services", &forbidden), Vec::<String>::new());
}

#[test]
fn the_fakes_stand_on_nothing_of_the_application() {
    assert_eq!(violations("fakes", &["crate::"]), Vec::<String>::new());
}
