//! Replays the recorded Logto 1.42 traffic (`shared/logto-contract/*.json`)
//! against a fresh in-process simulator per scenario and requires the same
//! HTTP status, error `code` and `message` at every step, equal error `data`
//! and success bodies of the same shape.
//!
//! Volatile values (verification ids, tokens, TOTP secrets, backup codes)
//! are mapped from the simulator's own earlier answers into later requests;
//! verification codes come from the outbox and TOTP codes are computed from
//! the secret. The users a scenario needs are inferred from its traffic
//! (e.g. the user whose password sign-in succeeds is seeded).
//!
//! WebAuthn responses were signed by a software authenticator over the
//! recording server's challenges, so they cannot verify here: a software
//! authenticator of the test answers the simulator's own challenges
//! instead (same origin, RP ID and flags), and the users the recording had
//! with a credential are seeded with this authenticator's. Deliberately bad
//! payloads in the recordings do not depend on a challenge and are sent as
//! recorded.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use axum::{
    body::{to_bytes, Body},
    http::{header, Request, StatusCode},
    Router,
};
use logto_sim::{
    default_settings, merge_patch, mfa, router,
    users::SeedCredential,
    util,
    webauthn::{Ceremony, SoftAuthenticator},
    Config, Connectors, CspMode, SeedUser, SocialConnector, SsoConnector,
};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Scenarios that must pass. This list only grows.
const EXPECTED_TO_PASS: &[&str] = &[
    "captcha-required",
    "forgot-password-email-ok",
    "forgot-password-not-configured",
    "forgot-password-phone-ok",
    "forgot-password-unknown-email",
    "guard-invalid-input",
    "identifier-not-enabled",
    "interaction-event-switch",
    "interaction-state-during-signin",
    "mfa-mandatory-bind-totp-and-backup-codes",
    "mfa-mandatory-register",
    "mfa-policy-noprompt-skip",
    "mfa-policy-prompt-register",
    "mfa-policy-promptatsigninandsignup-second-signin",
    "mfa-policy-promptatsigninandsignup-skip",
    "mfa-policy-promptonlyatsignin-skip",
    "mfa-policy-usercontrolled-skip",
    "mfa-signin-backup-code-verify",
    "mfa-signin-errors",
    "mfa-signin-totp-verify",
    "mfa-webauthn-authentication",
    "mfa-webauthn-registration",
    "no-interaction-cookie",
    "one-time-token-register",
    "passkey-sign-in",
    "register-email-already-in-use",
    "register-email-blocklist",
    "register-email-code-ok",
    "register-missing-profile-email",
    "register-password-rejected",
    "register-phone-code-ok",
    "register-username-missing-password",
    "register-username-password-new-password-identity",
    "register-username-password-profile",
    "register-username-taken",
    "sign-in-mode-register-only",
    "sign-in-mode-signin-only",
    "signin-after-password-reset",
    "signin-email-code-ok",
    "signin-email-code-unknown-user-then-register",
    "signin-identification-bogus-verification-id",
    "signin-localized-errors",
    "signin-lockout-sentinel",
    "signin-missing-profile-email",
    "signin-password-email-ok",
    "signin-password-expired",
    "signin-password-identifier-variants",
    "signin-password-no-app-id-header",
    "signin-password-phone-ok",
    "signin-password-unknown-user",
    "signin-password-username-ok",
    "signin-password-username-wrong-password",
    "signin-phone-code-ok",
    "signin-submit-before-identification",
    "signin-suspended-user",
    "signin-user-without-password",
    "signin-verification-before-init",
    "social-existing-user-ok",
    "social-new-user-register",
    "social-new-user-register-missing-username",
    "social-new-user-sign-in-only",
    "social-profile-identity-in-use",
    "social-register-conflicts",
    "social-related-user-link",
    "social-unknown-connector",
    "social-verify-errors",
    "sso-connectors",
    "verification-code-exceed-max-try",
    "verification-code-no-connector",
];

/// Areas the simulator does not implement, with the reason.
const SKIPPED: &[(&str, &str)] = &[];

const PASSWORD: &str = "Contract-Passw0rd!2026";
/// The TOTP secret of seeded users that have TOTP.
const TOTP_SECRET: &str = "IJFEYQTQEJ6DMHTFGMCQ2IL6HBWUMLSX";
/// An unused backup code every seeded TOTP user also has.
const SPARE_BACKUP_CODE: &str = "ffffffffff";
const ENDPOINT: &str = "http://127.0.0.1:3001";

fn contract_dir() -> PathBuf {
    std::env::var_os("LOGTO_CONTRACT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/logto-contract")
        })
}

#[derive(Debug)]
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

#[tokio::test]
async fn recorded_traffic_replays() {
    let dir = contract_dir();
    // The corpus lives beside the repository, not in it: a user's clone has
    // none (tools/test.sh says once that these replays were skipped).
    if !dir.is_dir() {
        return;
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios in {}", dir.display());

    let mut results = Vec::new();
    for file in &files {
        let name = file
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_string();
        let outcome = match SKIPPED.iter().find(|(skipped, _)| *skipped == name) {
            Some((_, reason)) => Outcome::Skipped(reason.to_string()),
            None => {
                let text = std::fs::read_to_string(file).expect("readable scenario");
                let scenario: Value = serde_json::from_str(&text).expect("scenario JSON");
                match replay(&name, &scenario).await {
                    Ok(()) => Outcome::Passed,
                    Err(reason) => Outcome::Failed(reason),
                }
            }
        };
        results.push((name, outcome));
    }

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut regressions = Vec::new();
    println!("{:<55} result", "scenario");
    for (name, outcome) in &results {
        match outcome {
            Outcome::Passed => {
                passed += 1;
                println!("{name:<55} passed");
            }
            Outcome::Failed(reason) => {
                failed += 1;
                println!("{name:<55} FAILED: {reason}");
                if EXPECTED_TO_PASS.contains(&name.as_str()) {
                    regressions.push(name.clone());
                }
            }
            Outcome::Skipped(reason) => {
                skipped += 1;
                println!("{name:<55} skipped: {reason}");
            }
        }
    }
    println!("conformance: {passed} passed, {failed} failed, {skipped} skipped");
    assert!(
        regressions.is_empty(),
        "scenarios expected to pass failed: {regressions:?}"
    );
}

/// What the simulator and the scenario need: settings, users, connectors.
fn configure(name: &str, scenario: &Value, authenticator: &SoftAuthenticator) -> Config {
    let patch = scenario
        .get("sign_in_experience_patch")
        .cloned()
        .unwrap_or(json!({}));
    let settings = merge_patch(&default_settings(), &patch);
    let mut config = Config::new(
        PathBuf::from("/nonexistent"),
        CspMode::Production,
        ENDPOINT.into(),
        settings,
    );
    if let Some(app_id) = exchanges(scenario)
        .iter()
        .find_map(|exchange| exchange.pointer("/request/headers/Logto-App-Id"))
        .and_then(Value::as_str)
    {
        config.app_id = app_id.to_string();
    }
    config.hash_iterations = 1;
    config.connectors = Connectors {
        email: true,
        sms: true,
        social: vec![SocialConnector {
            id: "c68njelnlz94".into(),
            target: "mock-social".into(),
            name: "Mock Social".into(),
            platform: "Universal",
        }],
        sso: vec![SsoConnector {
            id: "tob0echsb2m4".into(),
            name: "contract-oidc-sso".into(),
            domains: vec!["sso-contract.test".into()],
        }],
    };
    // Facts the traffic cannot show.
    if name == "verification-code-no-connector" {
        config.connectors.email = false;
        config.connectors.sms = false;
    }
    config.users = infer_users(scenario, authenticator);
    if name == "mfa-policy-promptatsigninandsignup-second-signin" {
        // The user chose "skip" in an earlier run.
        for user in &mut config.users {
            user.mfa_skipped = true;
        }
    }
    config
}

fn exchanges(scenario: &Value) -> &[Value] {
    scenario
        .get("exchanges")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The users a scenario presupposes, read from its requests and answers.
fn infer_users(scenario: &Value, authenticator: &SoftAuthenticator) -> Vec<SeedUser> {
    #[derive(Default)]
    struct Seeds {
        users: Vec<SeedUser>,
        current: Option<usize>,
    }
    impl Seeds {
        /// The user with this identifier, created if needed.
        fn by(&mut self, kind: &str, value: &str) -> &mut SeedUser {
            let value = match kind {
                "email" => value.to_lowercase(),
                "phone" => value.chars().filter(char::is_ascii_digit).collect(),
                _ => value.to_string(),
            };
            let found = self.users.iter().position(|user| match kind {
                "username" => user.username.as_deref() == Some(value.as_str()),
                "email" => user.email.as_deref() == Some(value.as_str()),
                _ => user.phone.as_deref() == Some(value.as_str()),
            });
            let index = found.unwrap_or_else(|| {
                let mut user = SeedUser {
                    password: Some(PASSWORD.into()),
                    ..SeedUser::default()
                };
                match kind {
                    "username" => user.username = Some(value.clone()),
                    "email" => user.email = Some(value.clone()),
                    _ => user.phone = Some(value.clone()),
                }
                self.users.push(user);
                self.users.len() - 1
            });
            self.current = Some(index);
            &mut self.users[index]
        }

        fn by_identity(&mut self, subject: &str, email: Option<&str>) -> &mut SeedUser {
            let found = self
                .users
                .iter()
                .position(|user| user.identities.values().any(|known| known == subject));
            let index = found.unwrap_or_else(|| {
                let mut user = SeedUser {
                    password: Some(PASSWORD.into()),
                    email: email.map(str::to_lowercase),
                    ..SeedUser::default()
                };
                user.identities
                    .insert("mock-social".into(), subject.to_string());
                self.users.push(user);
                self.users.len() - 1
            });
            self.current = Some(index);
            &mut self.users[index]
        }
    }

    let mut seeds = Seeds::default();
    // Recorded verificationId → what it verified.
    let mut records: HashMap<String, Value> = HashMap::new();
    for exchange in exchanges(scenario) {
        let path = exchange
            .pointer("/request/path")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let request = exchange
            .pointer("/request/body")
            .cloned()
            .unwrap_or(Value::Null);
        let status = exchange
            .pointer("/response/status")
            .and_then(Value::as_u64)
            .unwrap_or_default();
        let response = exchange
            .pointer("/response/body")
            .cloned()
            .unwrap_or(Value::Null);
        let code = response
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let note = exchange
            .get("note")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let text = |value: &Value, pointer: &str| {
            value
                .pointer(pointer)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let record_of = |records: &HashMap<String, Value>| {
            records
                .get(&text(&request, "/verificationId"))
                .cloned()
                .unwrap_or(Value::Null)
        };

        if path.ends_with("/verification/password") {
            let kind = text(&request, "/identifier/type");
            let value = text(&request, "/identifier/value");
            let password = text(&request, "/password");
            match (status, code) {
                (200, _) => seeds.by(&kind, &value).password = Some(password),
                (_, "password.expired") => {
                    let user = seeds.by(&kind, &value);
                    user.password = Some(password);
                    user.password_age_days = Some(3650);
                }
                (_, "user.suspended") => {
                    let user = seeds.by(&kind, &value);
                    user.password = Some(password);
                    user.suspended = true;
                }
                _ => {}
            }
        }
        if path.ends_with("/verification/verification-code") && status == 200 {
            records.insert(
                text(&response, "/verificationId"),
                request["identifier"].clone(),
            );
        }
        if path.contains("/verification/social/") && path.ends_with("/verify") && status == 200 {
            records.insert(
                text(&response, "/verificationId"),
                json!({"social": request["connectorData"].clone()}),
            );
        }
        if path.ends_with("/identification") {
            let record = record_of(&records);
            let linking = request.get("linkSocialIdentity").is_some();
            match (status, code) {
                (204, _) if !linking => {
                    if let Some(social) = record.get("social") {
                        let email = social.get("email").and_then(Value::as_str);
                        seeds.by_identity(&text(social, "/userId"), email);
                    } else if record.get("type").is_some() {
                        seeds.by(&text(&record, "/type"), &text(&record, "/value"));
                    }
                }
                (_, "user.identity_not_exist") => {
                    if let Some(related) = response.pointer("/data/relatedUser") {
                        seeds.by(&text(related, "/type"), &text(related, "/value"));
                    }
                }
                (_, "user.email_already_in_use" | "user.phone_already_in_use") => {
                    seeds.by(&text(&record, "/type"), &text(&record, "/value"));
                }
                (_, "user.identity_already_in_use") => {
                    if let Some(social) = record.get("social") {
                        let email = social.get("email").and_then(Value::as_str);
                        seeds.by_identity(&text(social, "/userId"), email);
                    }
                }
                (_, "user.missing_profile") => {
                    // A social registration whose e-mail is someone else's.
                    let missing_email = response
                        .pointer("/data/missingProfile")
                        .and_then(Value::as_array)
                        .is_some_and(|list| list.iter().any(|item| item == "email"));
                    if let (true, Some(email)) = (
                        missing_email,
                        record.pointer("/social/email").and_then(Value::as_str),
                    ) {
                        seeds.by("email", email);
                    }
                }
                _ => {}
            }
        }
        if code == "user.username_already_in_use" {
            let username = match request.get("identifier") {
                Some(identifier) => text(identifier, "/value"),
                None => text(&request, "/value"),
            };
            seeds.by("username", &username);
        }
        if path.ends_with("/profile") && code == "user.identity_already_in_use" {
            if let Some(social) = record_of(&records).get("social") {
                let email = social.get("email").and_then(Value::as_str);
                seeds.by_identity(&text(social, "/userId"), email);
            }
        }
        let factors = response
            .pointer("/data/availableFactors")
            .and_then(Value::as_array);
        if code == "session.mfa.require_mfa_verification"
            && factors.is_some_and(|list| list.iter().any(|factor| factor == "Totp"))
        {
            if let Some(index) = seeds.current {
                let user = &mut seeds.users[index];
                user.totp_secret = Some(TOTP_SECRET.into());
                if !user
                    .backup_codes
                    .iter()
                    .any(|code| code == SPARE_BACKUP_CODE)
                {
                    user.backup_codes.push(SPARE_BACKUP_CODE.into());
                }
            }
        }
        // Users whose WebAuthn credential the server offered had the
        // recording's authenticator (here: the test's), and backup codes.
        let offered = status == 200
            && (path.ends_with("/verification/web-authn/authentication")
                || path.ends_with("/verification/sign-in-passkey/authentication"));
        let no_passkey =
            code == "session.mfa.webauthn_verification_not_found" && note.contains("no passkey");
        if offered || no_passkey {
            let user = match request.get("identifier") {
                Some(identifier) => {
                    Some(seeds.by(&text(identifier, "/type"), &text(identifier, "/value")))
                }
                None => seeds.current.map(|index| &mut seeds.users[index]),
            };
            if let (Some(user), true) = (user, offered) {
                user.webauthn = vec![SeedCredential {
                    credential_id: authenticator.id(),
                    public_key: util::base64url(&authenticator.cose_public_key()),
                    counter: 0,
                    transports: vec!["internal".into()],
                }];
                if !user
                    .backup_codes
                    .iter()
                    .any(|code| code == SPARE_BACKUP_CODE)
                {
                    user.backup_codes.push(SPARE_BACKUP_CODE.into());
                }
            }
        }
        if path.ends_with("/backup-code/verify") {
            if let Some(index) = seeds.current {
                let backup = text(&request, "/code");
                let user = &mut seeds.users[index];
                if status == 200 {
                    user.backup_codes.push(backup);
                } else if note.contains("already used") {
                    user.used_backup_codes.push(backup);
                }
            }
        }
    }
    // Every sign-up in these recordings asked for a username first.
    for (index, user) in seeds.users.iter_mut().enumerate() {
        if user.username.is_none() {
            user.username = Some(format!("seeded_user_{index}"));
        }
    }
    seeds.users
}

struct Replayer {
    app: Router,
    cookie: Option<String>,
    /// Recorded value → the simulator's value.
    map: HashMap<String, String>,
    /// The simulator's TOTP verificationId → secret.
    secrets: HashMap<String, String>,
    /// Answers the simulator's WebAuthn options.
    authenticator: SoftAuthenticator,
    /// The challenge and RP ID of the latest WebAuthn options.
    webauthn_options: Option<(String, String)>,
}

impl Replayer {
    async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Option<&Value>,
    ) -> (StatusCode, Vec<(String, String)>, Value) {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let body = match body {
            Some(body) => Body::from(body.to_string()),
            None => Body::empty(),
        };
        let response = self
            .app
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("infallible router");
        let status = response.status();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.to_string(),
                    value.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let bytes = to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, headers, body)
    }

    /// The newest outbox code sent to `recipient`.
    async fn outbox_code(&self, recipient: &str) -> Option<String> {
        let (_, _, body) = self.send("GET", "/__sim/outbox", &[], None).await;
        body.as_array()?
            .iter()
            .rev()
            .find(|message| {
                message["recipient"]
                    .as_str()
                    .is_some_and(|known| known.eq_ignore_ascii_case(recipient))
            })
            .and_then(|message| message["code"].as_str())
            .map(str::to_string)
    }

    fn substitute(&self, value: &mut Value) {
        match value {
            Value::String(text) => {
                if let Some(mapped) = self.map.get(text.as_str()) {
                    *text = mapped.clone();
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.substitute(item)),
            Value::Object(map) => map.values_mut().for_each(|item| self.substitute(item)),
            _ => {}
        }
    }

    /// Learns recorded→actual values from two answers of the same shape.
    fn learn(&mut self, recorded: &Value, actual: &Value, key: &str) {
        match (recorded, actual) {
            (Value::String(old), Value::String(new))
                if old != new && !old.is_empty() && key != "message" && key != "details" =>
            {
                self.map.insert(old.clone(), new.clone());
            }
            (Value::Array(old), Value::Array(new)) => {
                for (old, new) in old.iter().zip(new) {
                    self.learn(old, new, key);
                }
            }
            (Value::Object(old), Value::Object(new)) => {
                for (name, old) in old {
                    if let Some(new) = new.get(name) {
                        self.learn(old, new, name);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Whether a recorded WebAuthn payload is a real authenticator response
/// (its client data names a challenge), as opposed to a malformed one.
fn real_webauthn_payload(body: &Value) -> bool {
    body.pointer("/payload/response/clientDataJSON")
        .and_then(Value::as_str)
        .and_then(util::base64url_decode)
        .and_then(|json| serde_json::from_slice::<Value>(&json).ok())
        .is_some_and(|client_data| client_data.get("challenge").is_some())
}

async fn replay(name: &str, scenario: &Value) -> Result<(), String> {
    let authenticator = SoftAuthenticator::new();
    let config = configure(name, scenario, &authenticator);
    let app_id = config.app_id.clone();
    let mut replayer = Replayer {
        app: router(config),
        cookie: None,
        map: HashMap::new(),
        secrets: HashMap::new(),
        authenticator,
        webauthn_options: None,
    };
    if name != "no-interaction-cookie" {
        let uri = format!("/oidc/auth?client_id={app_id}&response_type=code&state=s");
        let (status, headers, _) = replayer.send("GET", &uri, &[], None).await;
        if status != StatusCode::SEE_OTHER {
            return Err(format!("GET /oidc/auth answered {status}"));
        }
        replayer.cookie = headers
            .iter()
            .filter(|(name, _)| name == "set-cookie")
            .filter_map(|(_, value)| value.split(';').next())
            .find(|pair| pair.starts_with("_interaction="))
            .map(str::to_string);
        if replayer.cookie.is_none() {
            return Err("GET /oidc/auth set no _interaction cookie".into());
        }
    }

    for (step, exchange) in exchanges(scenario).iter().enumerate() {
        let method = exchange
            .pointer("/request/method")
            .and_then(Value::as_str)
            .unwrap_or("GET");
        let mut path = exchange
            .pointer("/request/path")
            .and_then(Value::as_str)
            .unwrap_or("/")
            .to_string();
        if path == "/api/one-time-tokens" {
            // The Management API call that set the scenario up.
            path = "/__sim/one-time-tokens".into();
        }
        let recorded_status = exchange
            .pointer("/response/status")
            .and_then(Value::as_u64)
            .unwrap_or_default();
        let recorded_body = exchange
            .pointer("/response/body")
            .cloned()
            .unwrap_or(Value::Null);
        let note = exchange
            .get("note")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let mut body = exchange
            .pointer("/request/body")
            .cloned()
            .filter(|body| !body.is_null());
        if let Some(body) = body.as_mut() {
            replayer.substitute(body);
            let right = recorded_status == 200 || note.contains("right code");
            if path.ends_with("/verification-code/verify") && right {
                let recipient = body
                    .pointer("/identifier/value")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if let Some(code) = replayer.outbox_code(&recipient).await {
                    body["code"] = json!(code);
                }
            }
            if path.ends_with("/totp/verify") && recorded_status == 200 {
                let secret = match body.get("verificationId").and_then(Value::as_str) {
                    Some(id) => replayer.secrets.get(id).cloned(),
                    None => Some(TOTP_SECRET.to_string()),
                };
                if let Some(code) = secret.as_deref().and_then(mfa::totp_now) {
                    body["code"] = json!(code);
                }
            }
            if path.contains("/verification/") && real_webauthn_payload(body) {
                let Some((challenge, rp_id)) = replayer.webauthn_options.clone() else {
                    return Err(format!("step {}: no WebAuthn options to answer", step + 1));
                };
                let origin = exchange
                    .pointer("/request/headers/Origin")
                    .and_then(Value::as_str)
                    .unwrap_or(ENDPOINT);
                let ceremony = Ceremony::new(&challenge, origin, &rp_id);
                body["payload"] = if path.ends_with("/registration/verify") {
                    replayer.authenticator.register(&ceremony)
                } else {
                    replayer.authenticator.assert(&ceremony)
                };
            }
        }
        let headers: Vec<(&str, String)> =
            ["Content-Type", "Accept-Language", "Logto-App-Id", "Origin"]
                .into_iter()
                .filter_map(|name| {
                    exchange
                        .pointer(&format!("/request/headers/{name}"))
                        .and_then(Value::as_str)
                        .map(|value| (name, value.to_string()))
                })
                .collect();
        let (status, _, actual) = replayer.send(method, &path, &headers, body.as_ref()).await;

        let expected_code = recorded_body.get("code").and_then(Value::as_str);
        let actual_code = actual.get("code").and_then(Value::as_str);
        if u64::from(status.as_u16()) != recorded_status || expected_code != actual_code {
            return Err(format!(
                "step {} {method} {path}: expected {recorded_status} {}, got {} {} {}",
                step + 1,
                expected_code.unwrap_or("-"),
                status.as_u16(),
                actual_code.unwrap_or("-"),
                actual
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            ));
        }
        if let Some(problem) = body_problem(expected_code, &recorded_body, &actual) {
            return Err(format!("step {} {method} {path}: {problem}", step + 1));
        }
        replayer.learn(&recorded_body, &actual, "");
        let options = actual
            .get("registrationOptions")
            .or_else(|| actual.get("authenticationOptions"));
        if let Some(options) = options {
            let text = |pointer: &str| options.pointer(pointer).and_then(Value::as_str);
            if let (Some(challenge), Some(rp_id)) =
                (text("/challenge"), text("/rp/id").or_else(|| text("/rpId")))
            {
                replayer.webauthn_options = Some((challenge.to_string(), rp_id.to_string()));
            }
        }
        if let (Some(id), Some(secret)) = (
            actual.get("verificationId").and_then(Value::as_str),
            actual.get("secret").and_then(Value::as_str),
        ) {
            replayer.secrets.insert(id.to_string(), secret.to_string());
        }
    }
    Ok(())
}

/// Error `data` whose values depend on the recording server (ids, config).
const VOLATILE_DATA: &[&str] = &["session.sso_enabled", "connector.authorization_failed"];

/// Compares bodies beyond status and code: error `data` must be equal
/// (shape only where it holds server-specific values), success bodies must
/// have the same shape.
fn body_problem(code: Option<&str>, recorded: &Value, actual: &Value) -> Option<String> {
    if code.is_some() && recorded.get("message") != actual.get("message") {
        return Some(format!(
            "message differs: expected {}, got {}",
            recorded["message"], actual["message"]
        ));
    }
    match code {
        Some(code) if VOLATILE_DATA.contains(&code) => {
            shape_problem(&recorded["data"], &actual["data"], "data")
        }
        Some(_) => (recorded.get("data") != actual.get("data")).then(|| {
            format!(
                "data differs: expected {}, got {}",
                recorded.get("data").unwrap_or(&Value::Null),
                actual.get("data").unwrap_or(&Value::Null)
            )
        }),
        // 201 bodies were recorded as {"_non_json_body": "Created"}.
        None if recorded.get("_non_json_body").is_some() => None,
        None => shape_problem(recorded, actual, "body"),
    }
}

/// Same JSON types and object keys, recursively.
fn shape_problem(recorded: &Value, actual: &Value, at: &str) -> Option<String> {
    match (recorded, actual) {
        (Value::Object(old), Value::Object(new)) => {
            let mut old_keys: Vec<_> = old.keys().collect();
            let mut new_keys: Vec<_> = new.keys().collect();
            old_keys.sort();
            new_keys.sort();
            if old_keys != new_keys {
                return Some(format!(
                    "{at}: keys {old_keys:?} expected, got {new_keys:?}"
                ));
            }
            old.iter()
                .find_map(|(key, value)| shape_problem(value, &new[key], &format!("{at}.{key}")))
        }
        (Value::Array(old), Value::Array(new)) => {
            if old.len() != new.len() {
                return Some(format!(
                    "{at}: {} items expected, got {}",
                    old.len(),
                    new.len()
                ));
            }
            old.iter()
                .zip(new)
                .enumerate()
                .find_map(|(index, (old, new))| shape_problem(old, new, &format!("{at}[{index}]")))
        }
        (old, new) if std::mem::discriminant(old) == std::mem::discriminant(new) => None,
        (old, new) => Some(format!("{at}: expected {old}, got {new}")),
    }
}
