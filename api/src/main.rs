//! The `panelrelay` binary.

use clap::Parser;
use panelrelay_api::cli::{AdminCommand, Cli, Command};
use panelrelay_api::config::Config;
use panelrelay_api::{app, runtime, sandbox, server, telemetry};
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: under load, glibc's allocator took about a quarter
/// of the server's CPU (perf; see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let serve_args = match &cli.command {
        Command::Serve(args) | Command::Sandbox(args) => Some(args),
        _ => None,
    };
    let config = match Config::resolve(&cli.global, serve_args) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("panelrelay: {err}");
            return ExitCode::from(2);
        }
    };
    if let Command::Openapi = cli.command {
        print!("{}", app::spec_yaml(&config.public_url));
        return ExitCode::SUCCESS;
    }
    telemetry::init(config.log_format, &config.log_filter);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("panelrelay: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(_) => server::serve(config).await,
            Command::Sandbox(_) => sandbox::run(config).await,
            Command::Migrate => {
                let db = runtime::open_database(&config).await?;
                println!("migrations up to date ({})", db.backend().as_str());
                Ok(())
            }
            Command::Admin {
                command: AdminCommand::CreateKey { name },
            } => {
                let db = runtime::open_database(&config).await?;
                let key = runtime::create_admin_key(&db, &name).await?;
                println!("{key}");
                Ok(())
            }
            Command::Openapi => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("panelrelay: {err}");
            ExitCode::FAILURE
        }
    }
}
