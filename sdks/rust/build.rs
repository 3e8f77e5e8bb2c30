//! Generates the client from the repository's `openapi.yaml` (written by the server) on
//! every build, so it cannot drift from the spec.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../openapi.yaml");
    println!("cargo:rerun-if-changed=../../openapi.yaml");
    println!("cargo:rerun-if-changed=build.rs");

    let text = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("reading {}: {e}", spec_path.display()))?;
    let spec: openapiv3::OpenAPI =
        serde_yaml::from_str(&text).map_err(|e| format!("parsing {}: {e}", spec_path.display()))?;

    // Builder interface (progenitor's default): `client.list_command_logs().limit(1).send()`,
    // which reads better than positional calls for operations with many optional parameters.
    // Merged tags: every operation is a method of the one `Client`.
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged);
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|e| format!("progenitor: {e}"))?;
    let file: syn::File = syn::parse2(tokens)?;
    let code = prettyplease::unparse(&file);

    let out_dir = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out_dir).join("codegen.rs"), code)?;
    Ok(())
}
