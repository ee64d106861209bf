//! `logto-host`: see `logto-host --help`.

use std::process::ExitCode;

use logto_host::{options, serve, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let command = options::parse(std::env::args().skip(1), |name| std::env::var(name).ok());
    let options = match command {
        Ok(Command::Run(options)) => *options,
        Ok(Command::Help) => {
            println!("{}", options::HELP);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Version) => {
            println!("logto-host {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("logto-host: {message}");
            return ExitCode::from(2);
        }
    };
    if !options.dist.join("index.html").is_file() {
        eprintln!(
            "logto-host: no index.html in {}: build the page first (`make dist`) or pass --dist",
            options.dist.display()
        );
        return ExitCode::FAILURE;
    }
    let listener = match tokio::net::TcpListener::bind(options.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("logto-host: cannot listen on {}: {error}", options.listen);
            return ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().unwrap_or(options.listen);
    eprintln!(
        "logto-host: serving {} on http://{address}, forwarding Logto's paths to {}",
        options.dist.display(),
        options.upstream.as_str().trim_end_matches('/')
    );
    match serve(listener, options, shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("logto-host: server error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Ctrl-C or SIGTERM (a container stopping): stop accepting, finish what
/// is under way.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
    eprintln!("logto-host: shutting down");
}
