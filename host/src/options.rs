//! The command line: every option also has an environment variable, so the
//! host can be configured by a container or a service manager alike.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use url::Url;

pub const HELP: &str = "\
logto-host: serves the built sign-in page and forwards Logto's own paths to
a Logto endpoint, so that the page and the Experience API share one origin.
The page is sent with Logto's production Content-Security-Policy plus
'wasm-unsafe-eval', so that its WebAssembly build may run.

USAGE:
    logto-host --upstream <URL> [OPTIONS]

OPTIONS (each also read from the environment variable shown):
    --upstream <URL>       Logto endpoint, an origin such as https://your-tenant.logto.app
                           (required)                              [LOGTO_HOST_UPSTREAM]
    --dist <DIR>           the built page, with index.html          [LOGTO_HOST_DIST]
                           (default: dist)
    --listen <ADDR>        address to listen on                     [LOGTO_HOST_LISTEN]
                           (default: 127.0.0.1:3000)
    --public-url <URL>     the origin browsers use to reach this host, when it sits
                           behind a TLS terminator (e.g. https://auth.example.com);
                           required unless browsers reach it on localhost: without
                           it, only requests whose Host is localhost, a loopback
                           address or the --listen address are answered (421
                           otherwise)                               [LOGTO_HOST_PUBLIC_URL]
    --forward <PREFIX>     also forward paths under PREFIX (repeatable; in the
                           environment, comma-separated)            [LOGTO_HOST_FORWARD]
    --timeout <SECONDS>    how long to wait for the upstream's response headers
                           (default: 30)                            [LOGTO_HOST_TIMEOUT]
    --header-timeout <SECONDS>
                           how long a client may take to send a request's headers,
                           and to start the next one on a kept-alive connection
                           (default: 15)                            [LOGTO_HOST_HEADER_TIMEOUT]
    --max-body <BYTES>     largest request body accepted (default: 1048576, Logto's
                           own JSON limit)                          [LOGTO_HOST_MAX_BODY]
    -h, --help             this text
    -V, --version          the version

Forwarded to the upstream: /api, /oidc, /.well-known, /consent, /demo-app,
/device-demo-app, /account (and everything under them), /device, and POSTs
to /callback/<connector> (form-post callbacks such as Apple's or SAML's).
Where Logto answers /consent or /device with its own page, this page is
served instead.
Everything else is the page: a path whose last segment has a dot is a file
of --dist, any other path gets index.html, as Logto serves its experience.

Point your application's Logto endpoint at this host (so that /oidc/auth, and
with it the interaction cookie, is on this origin) and register social and
SSO redirect URIs as <this origin>/callback/<connector id>.";

/// What the host was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Run(Box<Options>),
    Help,
    Version,
}

/// How one host is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The Logto endpoint: an origin, normalised to end with `/`.
    pub upstream: Url,
    pub dist: PathBuf,
    pub listen: SocketAddr,
    /// The origin browsers use, when it cannot be taken from the request.
    pub public_url: Option<Url>,
    /// Extra forwarded path prefixes, such as the simulator's `/__sim`.
    pub forward: Vec<String>,
    pub timeout: Duration,
    /// How long a client may take to send a request's head (slow clients
    /// must not hold connections open for ever).
    pub header_timeout: Duration,
    pub max_body: usize,
}

impl Options {
    /// Defaults for everything but the upstream.
    pub fn new(upstream: Url) -> Self {
        Self {
            upstream,
            dist: PathBuf::from("dist"),
            listen: SocketAddr::from(([127, 0, 0, 1], 3000)),
            public_url: None,
            forward: Vec::new(),
            timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(15),
            max_body: 1024 * 1024,
        }
    }
}

/// Parses the arguments (without the program name); `env` looks up the
/// environment, where the command line wins.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Command, String> {
    let mut given: Vec<(&'static str, String)> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        if arg == "-V" || arg == "--version" {
            return Ok(Command::Version);
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        let Some(&known) = NAMES.iter().find(|known| name == format!("--{known}")) else {
            return Err(format!("unknown argument {arg:?} (see --help)"));
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .ok_or_else(|| format!("{name} needs a value (see --help)"))?,
        };
        given.push((known, value));
    }
    let value = |name: &str| {
        given
            .iter()
            .rev()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| value.clone())
            .or_else(|| env(&env_name(name)).filter(|value| !value.is_empty()))
    };

    let upstream = value("upstream")
        .ok_or("--upstream is required: the Logto endpoint, e.g. https://your-tenant.logto.app")?;
    let mut options = Options::new(parse_origin("--upstream", &upstream)?);
    if let Some(dist) = value("dist") {
        options.dist = PathBuf::from(dist);
    }
    if let Some(listen) = value("listen") {
        options.listen = listen
            .parse()
            .map_err(|_| format!("--listen {listen:?} is not an address like 127.0.0.1:3000"))?;
    }
    if let Some(public) = value("public-url") {
        options.public_url = Some(parse_origin("--public-url", &public)?);
    }
    let mut prefixes: Vec<String> = given
        .iter()
        .filter(|(known, _)| *known == "forward")
        .map(|(_, value)| value.clone())
        .collect();
    if prefixes.is_empty() {
        if let Some(list) = env(&env_name("forward")) {
            prefixes = list.split(',').map(|p| p.trim().to_string()).collect();
            prefixes.retain(|p| !p.is_empty());
        }
    }
    for prefix in prefixes {
        let trimmed = prefix.trim_end_matches('/');
        if !trimmed.starts_with('/') || trimmed.contains(['?', '#']) {
            return Err(format!(
                "--forward {prefix:?} must be a path such as /__sim"
            ));
        }
        options.forward.push(trimmed.to_string());
    }
    if let Some(seconds) = value("timeout") {
        options.timeout = parse_seconds("--timeout", &seconds)?;
    }
    if let Some(seconds) = value("header-timeout") {
        options.header_timeout = parse_seconds("--header-timeout", &seconds)?;
    }
    if let Some(bytes) = value("max-body") {
        options.max_body = bytes
            .parse()
            .map_err(|_| format!("--max-body {bytes:?} is not a number of bytes"))?;
    }
    Ok(Command::Run(Box::new(options)))
}

const NAMES: &[&str] = &[
    "upstream",
    "dist",
    "listen",
    "public-url",
    "forward",
    "timeout",
    "header-timeout",
    "max-body",
];

fn parse_seconds(option: &str, value: &str) -> Result<Duration, String> {
    value
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s < 86_400.0)
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("{option} {value:?} is not a number of seconds"))
}

fn env_name(option: &str) -> String {
    format!("LOGTO_HOST_{}", option.replace('-', "_").to_uppercase())
}

/// An http(s) origin: no path (but `/`), query, fragment or credentials.
/// Path-based tenants are not supported: Logto's paths must be at the root.
pub fn parse_origin(option: &str, value: &str) -> Result<Url, String> {
    let url = Url::parse(value).map_err(|error| format!("{option} {value:?}: {error}"))?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.host_str().is_some()
        && url.username().is_empty()
        && url.password().is_none()
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none();
    if !plain {
        return Err(format!(
            "{option} {value:?} must be an http(s) origin such as https://logto.example.com"
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn run(list: &[&str], env: &[(&str, &str)]) -> Result<Options, String> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        match parse(args(list), |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })? {
            Command::Run(options) => Ok(*options),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn defaults_and_overrides() {
        let options = run(&["--upstream", "https://a.logto.app"], &[]).unwrap();
        assert_eq!(options.upstream.as_str(), "https://a.logto.app/");
        assert_eq!(options.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(options.max_body, 1024 * 1024);
        let options = run(
            &[
                "--upstream=http://localhost:3001/",
                "--listen",
                "0.0.0.0:80",
                "--forward",
                "/__sim/",
                "--timeout",
                "0.5",
                "--header-timeout=2",
            ],
            &[
                ("LOGTO_HOST_DIST", "/srv/dist"),
                ("LOGTO_HOST_LISTEN", "1.2.3.4:5"),
            ],
        )
        .unwrap();
        assert_eq!(options.dist, PathBuf::from("/srv/dist"));
        assert_eq!(options.listen.to_string(), "0.0.0.0:80");
        assert_eq!(options.forward, vec!["/__sim".to_string()]);
        assert_eq!(options.timeout, Duration::from_millis(500));
        assert_eq!(options.header_timeout, Duration::from_secs(2));
    }

    #[test]
    fn environment_alone() {
        let options = run(
            &[],
            &[
                ("LOGTO_HOST_UPSTREAM", "https://x.example"),
                ("LOGTO_HOST_FORWARD", "/a, /b"),
            ],
        )
        .unwrap();
        assert_eq!(options.forward, vec!["/a".to_string(), "/b".to_string()]);
    }

    #[test]
    fn refuses_bad_input() {
        assert!(run(&[], &[]).is_err());
        assert!(run(&["--upstream", "logto.example.com"], &[]).is_err());
        assert!(run(&["--upstream", "https://x.example/tenant"], &[]).is_err());
        assert!(run(&["--upstream", "ftp://x.example"], &[]).is_err());
        assert!(run(&["--upstream", "https://x.example", "--bogus"], &[]).is_err());
        assert!(run(&["--upstream", "https://x.example", "--timeout", "-1"], &[]).is_err());
        assert!(run(
            &["--upstream", "https://x.example", "--header-timeout", "NaN"],
            &[]
        )
        .is_err());
        assert!(run(&["--upstream", "https://x.example", "--forward", "x"], &[]).is_err());
        assert!(run(&["--upstream"], &[]).is_err());
        assert_eq!(parse(args(&["--help"]), |_| None), Ok(Command::Help));
    }
}
