//! `logto-sim`: runs the simulator on 127.0.0.1.
//!
//! Settings come from the environment, as the Makefile passes them:
//! `PORT` (8080), `CSP` (`production` or `permissive`), `DIST` (`dist`),
//! `SETTINGS` (a JSON file shaped like `/api/.well-known/experience`),
//! `USERS` (a JSON array of users, see `users::SeedUser`; demo users
//! otherwise), `APP_ID` (`demo-app`), `REDIRECT_URI`
//! (`http://localhost:<PORT>/demo-app/callback`), and `EMBED_BASE` with
//! `EMBED_DIR` (an application page embedding the experience under a path),
//! and `SSR` (`on`, or `off` to serve `index.html` without filling its
//! placeholder, as logto-host or a plain file server would).

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use logto_sim::{default_settings, router, users, Config, CspMode};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("logto-sim: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let port: u16 = env_or("PORT", "8080")
        .parse()
        .map_err(|_| "PORT must be a port number".to_string())?;
    let csp: CspMode = env_or("CSP", "production").parse()?;
    let dist = PathBuf::from(env_or("DIST", "dist"));
    let settings = match std::env::var("SETTINGS") {
        Ok(path) if !path.is_empty() => {
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read SETTINGS file {path}: {error}"))?;
            serde_json::from_str(&text)
                .map_err(|error| format!("SETTINGS file {path} is not valid JSON: {error}"))?
        }
        _ => default_settings(),
    };

    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|error| format!("cannot listen on {address}: {error}"))?;
    let endpoint = format!("http://localhost:{port}");
    let mut config = Config::new(dist, csp, endpoint.clone(), settings);
    if let Ok(path) = std::env::var("USERS") {
        if !path.is_empty() {
            let text = std::fs::read_to_string(&path)
                .map_err(|error| format!("cannot read USERS file {path}: {error}"))?;
            config.users = users::parse_seed(&text)
                .map_err(|error| format!("USERS file {path} is not a valid user list: {error}"))?;
        }
    }
    if let (Ok(base), Ok(dir)) = (std::env::var("EMBED_BASE"), std::env::var("EMBED_DIR")) {
        let base = format!("/{}", base.trim_matches('/'));
        config.embed = Some((base, PathBuf::from(dir)));
    }
    config.ssr = match env_or("SSR", "on").as_str() {
        "on" => true,
        "off" => false,
        other => return Err(format!("SSR must be \"on\" or \"off\", not {other:?}")),
    };
    config.app_id = env_or("APP_ID", &config.app_id);
    config.redirect_uri = env_or("REDIRECT_URI", &config.redirect_uri);
    println!(
        "logto-sim: serving {} on {endpoint} (CSP: {csp}, SSR: {}) with {} users; demo app: \
         {endpoint}/demo-app (client_id {}), outbox: {endpoint}/__sim/outbox",
        config.dist.display(),
        if config.ssr { "on" } else { "off" },
        config.users.len(),
        config.app_id
    );
    let app = router(config);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| format!("server error: {error}"))
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name)
        .ok()
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| default.to_string())
}
