//! Every journey under faults: each of its calls, in turn, answered by each
//! [`Fault`] instead of Logto. What must hold (the robustness issue's
//! third item), checked on the journeys layer the page renders:
//! - the journey stops at the fault and says so in the page's language
//!   (the message is built from the bundled phrases, never from an HTML
//!   body), at the form, keeping what was typed;
//! - nothing is sent twice: the failed call is the last one made;
//! - nothing secret is stored;
//! - there is a way on: the same click again, once the fault is gone,
//!   finishes the journey.

use std::collections::BTreeMap;

use crate::harness::{Fault, Sim, ENDPOINT};
use logto_experience::{
    api::{ApiError, Identifier, InteractionEvent, SignInIdentifier},
    journeys::{
        self, CodeFlow, Consent, Field, Journeys, MagicLink, NextStep, Outcome, Provider, Route,
    },
};
use logto_sim::{
    mfa::totp_now,
    users::SeedUser,
    webauthn::{Ceremony, SoftAuthenticator},
};
use serde_json::json;

const PASSWORD: &str = "Demo-Passw0rd!";
const CONSENT_QUERY: &str =
    "&scope=openid%20profile%20urn%3Alogto%3Ascope%3Aorganizations&state=s1";

/// `key_holder`, whose security key is also a passkey (user handle
/// `key_holder-id`).
fn key_holder(key: &SoftAuthenticator) -> SeedUser {
    serde_json::from_value(json!({
        "id": "key_holder-id",
        "username": "key_holder",
        "password": PASSWORD,
        "backupCodes": ["k1k2k3k4k5"],
        "webauthn": [{
            "credentialId": key.id(),
            "publicKey": logto_sim::util::base64url(&key.cose_public_key()),
        }],
    }))
    .expect("a seed user")
}

/// What a magic link's page shows, as an outcome.
fn magic_link_outcome(link: MagicLink) -> (Outcome, Option<String>) {
    match link {
        MagicLink::Signed(outcome) => (outcome, None),
        MagicLink::Unanswered { error, verified } => (Outcome::fail(error), verified),
        MagicLink::Refused(_) => (Outcome::Go(Route::parse("/one-time-token/error")), None),
        MagicLink::NewAccount { .. } => (Outcome::Go(Route::parse("/register")), None),
    }
}
const CALLBACK: &str = "http://localhost:8080/callback/mock-social";

/// One click of a person on a page, as the page hands it to a journey.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// A username and its password.
    Password(&'static str),
    SendCode(CodeFlow, &'static str),
    VerifyCode(&'static str),
    CreateAccount,
    NewPassword(&'static str),
    ResetPassword,
    Totp,
    BackupCode,
    /// The social button and the provider's answer.
    SocialStart,
    /// The same, as another person at the provider (`sub=...&email=...`).
    SocialStartAs(&'static str),
    /// "Create new one instead" on the link page.
    RegisterIdentity,
    /// "Link and continue" after a profile page's address has an account.
    LinkSocialInstead,
    /// The provider's callback page.
    SocialFinish,
    RegisterUsername(&'static str),
    /// The authenticator app's page: the secret, then its first code.
    BindTotp,
    /// The backup codes' page: the codes, then "Continue".
    BindBackupCodes,
    /// Following a magic link issued for this address.
    MagicLink(&'static str),
    /// Following a password-reset magic link issued for this address.
    MagicReset(&'static str),
    /// From the application's redirect to the consent page: its info, then
    /// "Authorize" for an organization.
    Consent,
    /// The security key as the second factor: the options, the key, verify.
    WebAuthn,
    /// The passkey button on the landing page.
    Passkey,
    /// "Skip" of the suggestion to add a factor.
    SkipSuggestion,
}

/// How the tab's simulator is set up.
#[derive(Debug, Clone, Copy)]
enum Setup {
    Plain,
    /// Registration by e-mail alone (a magic link registers).
    EmailOnly,
    /// The third-party application that asks for consent.
    ThirdParty,
    /// A user with a security key (`key_holder`, also a passkey).
    KeyHolder,
}

/// A journey: its tenant configuration and its clicks, the last one
/// ending it.
struct Journey {
    name: &'static str,
    settings: &'static str,
    setup: Setup,
    steps: &'static [Step],
}

const JOURNEYS: &[Journey] = &[
    Journey {
        name: "password sign-in",
        settings: "username-password",
        setup: Setup::Plain,
        steps: &[Step::Password("demo")],
    },
    Journey {
        name: "code sign-in",
        settings: "email-password-code",
        setup: Setup::Plain,
        steps: &[
            Step::SendCode(CodeFlow::SignIn, "alice@example.com"),
            Step::VerifyCode("alice@example.com"),
        ],
    },
    Journey {
        name: "registration by code, then a password",
        settings: "email-password-code",
        setup: Setup::Plain,
        steps: &[
            Step::SendCode(CodeFlow::SignIn, "newcomer@example.com"),
            Step::VerifyCode("newcomer@example.com"),
            Step::CreateAccount,
            Step::NewPassword("Newcomer-Passw0rd!5"),
        ],
    },
    Journey {
        name: "password reset by code",
        settings: "email-password-code",
        setup: Setup::Plain,
        steps: &[
            Step::SendCode(CodeFlow::ForgotPassword, "alice@example.com"),
            Step::VerifyCode("alice@example.com"),
            Step::ResetPassword,
        ],
    },
    Journey {
        name: "password, then TOTP",
        settings: "mfa-mandatory",
        setup: Setup::Plain,
        steps: &[Step::Password("mfa_demo"), Step::Totp],
    },
    Journey {
        name: "password, then a backup code",
        settings: "mfa-mandatory",
        setup: Setup::Plain,
        steps: &[Step::Password("mfa_demo"), Step::BackupCode],
    },
    Journey {
        name: "social sign-in",
        settings: "social",
        setup: Setup::Plain,
        steps: &[Step::SocialStart, Step::SocialFinish],
    },
    Journey {
        name: "social registration linked to the account of the email given",
        settings: "social",
        setup: Setup::Plain,
        steps: &[
            Step::SocialStartAs("sub=alice-elsewhere&email=alice%40example.com"),
            Step::SocialFinish,
            Step::RegisterIdentity,
            Step::SendCode(CodeFlow::Continue, "alice@example.com"),
            Step::VerifyCode("alice@example.com"),
            Step::LinkSocialInstead,
        ],
    },
    Journey {
        name: "username registration, then its password",
        settings: "username-password",
        setup: Setup::Plain,
        steps: &[
            Step::RegisterUsername("newbie"),
            Step::NewPassword("Newbie-Passw0rd!9"),
        ],
    },
    Journey {
        name: "binding an authenticator app, then backup codes",
        settings: "mfa-mandatory",
        setup: Setup::Plain,
        steps: &[
            Step::Password("demo"),
            Step::BindTotp,
            Step::BindBackupCodes,
        ],
    },
    Journey {
        name: "a magic link",
        settings: "username-password",
        setup: Setup::EmailOnly,
        steps: &[Step::MagicLink("alice@example.com")],
    },
    Journey {
        name: "password reset by a magic link",
        settings: "email-password-code",
        setup: Setup::Plain,
        steps: &[Step::MagicReset("alice@example.com"), Step::ResetPassword],
    },
    Journey {
        name: "consent of a third-party application",
        settings: "username-password",
        setup: Setup::ThirdParty,
        steps: &[Step::Password("alice"), Step::Consent],
    },
    Journey {
        name: "password, then a security key",
        settings: "mfa-mandatory",
        setup: Setup::KeyHolder,
        steps: &[Step::Password("key_holder"), Step::WebAuthn],
    },
    Journey {
        name: "a passkey, then the suggestion skipped",
        settings: "passkey-sign-in",
        setup: Setup::KeyHolder,
        steps: &[Step::Passkey, Step::SkipSuggestion],
    },
];

/// A tab on a fresh simulator, with what the person's clicks carry from
/// one page to the next (the provider's answer).
struct Tab {
    sim: Sim,
    journeys: Journeys,
    provider_answer: Vec<(String, String)>,
    backup_codes: Vec<&'static str>,
    key: SoftAuthenticator,
    /// The application's address the last step left for.
    left_for: Option<String>,
    /// A magic link's token, and whether it was accepted.
    magic_link: Option<(String, Option<String>)>,
}

impl Tab {
    async fn new(journey: &Journey) -> Self {
        let key = SoftAuthenticator::new();
        let sim = match journey.setup {
            Setup::Plain => Sim::new(journey.settings).await,
            Setup::EmailOnly => {
                let sign_up = json!({"signUp": {"identifiers": ["email"], "password": false, "verify": true}});
                Sim::patched(journey.settings, sign_up).await
            }
            Setup::ThirdParty => {
                Sim::for_app(journey.settings, "third-party-app", CONSENT_QUERY).await
            }
            Setup::KeyHolder => {
                Sim::with_more_users(journey.settings, vec![key_holder(&key)]).await
            }
        };
        let journeys = sim.journeys();
        Self {
            sim,
            journeys,
            provider_answer: Vec::new(),
            backup_codes: vec!["a1b2c3d4e5", "f6a7b8c9d0"],
            key,
            left_for: None,
            magic_link: None,
        }
    }

    async fn click(&mut self, step: Step) -> Outcome {
        let outcome = self.press(step).await;
        if let Outcome::Leave(url) = &outcome {
            self.left_for = Some(url.clone());
        }
        outcome
    }

    async fn press(&mut self, step: Step) -> Outcome {
        let journeys = &self.journeys;
        match step {
            Step::Password(username) => {
                let identifier = Identifier::new(SignInIdentifier::Username, username);
                journeys
                    .sign_in_with_password(None, identifier, PASSWORD.into(), None)
                    .await
            }
            Step::SendCode(flow, address) => {
                let identifier = Identifier::new(SignInIdentifier::Email, address);
                journeys
                    .send_code(flow, identifier, "/sign-in", None, false)
                    .await
            }
            Step::VerifyCode(address) => {
                let code = self.sim.code_for(address).await;
                journeys.verify_code(code).await
            }
            Step::CreateAccount => {
                let verification = journeys.session.pending_code().map(|p| p.verification_id);
                journeys
                    .switch_and_finish(InteractionEvent::Register, verification)
                    .await
            }
            Step::NewPassword(password) => {
                journeys
                    .fill_profile(logto_experience::api::ProfileRequest::Password {
                        value: password.into(),
                    })
                    .await
            }
            Step::ResetPassword => journeys.reset_password("Fresh-Passw0rd!7".into()).await,
            Step::Totp => {
                let code = totp_now("JBSWY3DPEHPK3PXP").expect("a TOTP code");
                journeys.verify_totp(code, false).await
            }
            Step::BackupCode => {
                let code = self.backup_codes.first().copied().unwrap_or_default();
                let outcome = journeys.verify_backup_code(code.into()).await;
                // A code the server took is spent, whatever the answer.
                if !matches!(outcome, Outcome::Fail { .. }) {
                    self.backup_codes.remove(0);
                }
                outcome
            }
            Step::SocialStart | Step::SocialStartAs(_) => {
                let account = match step {
                    Step::SocialStartAs(account) => account,
                    _ => "sub=mock-user-1",
                };
                let started = journeys
                    .start_with_provider(
                        "mock-social",
                        Provider::Social,
                        "state-1".into(),
                        CALLBACK.into(),
                    )
                    .await;
                match started {
                    Ok(url) => {
                        self.provider_answer = self.sim.provider_answers(&url, account).await;
                        Outcome::Go(Route::parse("/callback/mock-social"))
                    }
                    // What the page does with a failed start.
                    Err(error) => Outcome::fail(error),
                }
            }
            Step::SocialFinish => {
                journeys
                    .finish_with_provider("mock-social", &self.provider_answer, CALLBACK)
                    .await
            }
            Step::RegisterIdentity => journeys.register_identity().await,
            Step::LinkSocialInstead => journeys.link_social_instead().await,
            Step::RegisterUsername(name) => {
                let identifier = Identifier::new(SignInIdentifier::Username, name);
                journeys.register_username(identifier, true, None).await
            }
            Step::BindTotp => {
                let secret = match journeys.totp_secret().await {
                    Ok(secret) => secret,
                    Err(outcome) => return outcome,
                };
                let code = totp_now(&secret.secret).expect("a TOTP code");
                journeys.bind_totp(&secret, code, false).await
            }
            Step::BindBackupCodes => match journeys.backup_codes().await {
                Ok(codes) => journeys.bind_backup_codes(&codes).await,
                Err(outcome) => outcome,
            },
            Step::MagicLink(email) | Step::MagicReset(email) => {
                let (token, verified) = match self.magic_link.take() {
                    Some(kept) => kept,
                    None => {
                        let issued = self
                            .sim
                            .admin("POST", "/__sim/one-time-tokens", json!({ "email": email }))
                            .await;
                        let token = issued["token"].as_str().expect("a token").to_owned();
                        (token, None)
                    }
                };
                let link = if matches!(step, Step::MagicReset(_)) {
                    journeys
                        .reset_with_magic_link(token.clone(), email.into(), verified)
                        .await
                } else {
                    journeys
                        .retry_magic_link(token.clone(), email.into(), verified)
                        .await
                };
                let (outcome, verified) = magic_link_outcome(link);
                self.magic_link = Some((token, verified));
                outcome
            }
            Step::Consent => {
                if let Some(url) = self.left_for.take() {
                    self.sim.redirect(&url).await;
                }
                match journeys.consent_info().await {
                    Consent::Ask(_) => journeys.consent(Some(vec!["org-globex".into()])).await,
                    Consent::Failed(error) => Outcome::fail(error),
                    Consent::Denied(error) => Outcome::AccessDenied(error),
                }
            }
            Step::WebAuthn => {
                let prepared = match journeys.prepare_web_authn().await {
                    Ok(prepared) => prepared,
                    Err(error) => return Outcome::fail(error),
                };
                let challenge = crate::challenge_of(&prepared.authentication_options.challenge);
                let payload = self
                    .key
                    .assert(&Ceremony::new(&challenge, ENDPOINT, "localhost"));
                let payload = crate::typed(payload);
                journeys.verify_web_authn(prepared, payload, false).await
            }
            Step::Passkey => {
                let preflight = match journeys.passkey_preflight().await {
                    Ok(preflight) => preflight,
                    Err(error) => return Outcome::fail(error),
                };
                let challenge = crate::challenge_of(&preflight.authentication_options.challenge);
                let mut ceremony = Ceremony::new(&challenge, ENDPOINT, "localhost");
                ceremony.user_handle = Some(b"key_holder-id");
                let payload = crate::typed(self.key.assert(&ceremony));
                journeys.sign_in_with_passkey(None, payload).await
            }
            Step::SkipSuggestion => journeys.skip_mfa(true).await,
        }
    }
}

impl Tab {
    /// What the page offers after a step failed because Logto spent what
    /// it verified (its answer lost on the way): a new code at once, the
    /// next backup code, or the sign-in page's button again.
    async fn way_round(&mut self, step: Step, failed: Outcome) -> Outcome {
        match (step, &failed) {
            (Step::VerifyCode(_), Outcome::Fail { error, .. })
                if journeys::resend_wait(error) == Some(0) =>
            {
                self.journeys.resend_code().await.expect("a new code");
                self.click(step).await
            }
            (Step::BackupCode, Outcome::Fail { .. }) => {
                self.backup_codes.remove(0);
                match self.click(step).await {
                    // That was the last one: Logto has new ones made
                    // before the sign-in ends (a way on too).
                    Outcome::Go(route) if route.path() == "/mfa-binding/BackupCode" => {
                        Outcome::Leave("after new backup codes".into())
                    }
                    other => other,
                }
            }
            (Step::SocialFinish, Outcome::Ask { step: asked, .. })
                if *asked == (NextStep::Alert { to_sign_in: true }) =>
            {
                self.click(Step::SocialStart).await;
                self.click(step).await
            }
            _ => failed,
        }
    }
}

/// The variant of an outcome, to compare a faulted run with a clean one.
fn kind(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Leave(_) => "leave",
        Outcome::Go(_) => "go",
        Outcome::PasswordReset => "password reset",
        Outcome::Ask { .. } => "ask",
        Outcome::Fail { .. } => "fail",
        Outcome::Rejected { .. } => "rejected",
        Outcome::RedirectRefused(_) => "redirect refused",
        Outcome::CaptchaFailed => "captcha failed",
        Outcome::ForgedCallback => "forged callback",
        Outcome::AccessDenied(_) => "access denied",
        Outcome::TermsRequired => "terms required",
    }
}

/// The bundled English, as a page without server phrases shows it.
fn t(key: &str) -> String {
    logto_experience::i18n::I18n::default()
        .get(key)
        .unwrap_or_else(|| panic!("{key} is bundled"))
}

/// A clean run: the outcome of each click, and the calls each made.
async fn clean_run(journey: &Journey) -> Vec<(Outcome, usize)> {
    let mut tab = Tab::new(journey).await;
    let mut clicks = Vec::new();
    for step in journey.steps {
        let outcome = tab.click(*step).await;
        assert!(
            !matches!(outcome, Outcome::Fail { .. }),
            "{}: {step:?} failed without a fault: {outcome:?}",
            journey.name
        );
        clicks.push((outcome, tab.sim.calls().len()));
    }
    let last = &clicks.last().expect("a step").0;
    assert!(
        matches!(last, Outcome::Leave(_) | Outcome::PasswordReset),
        "{}: {last:?}",
        journey.name
    );
    clicks
}

/// Problems found by faulting call `index` of `journey` with `fault`.
async fn faulted_run(
    journey: &Journey,
    clean: &[(Outcome, usize)],
    index: usize,
    fault: Fault,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut tab = Tab::new(journey).await;
    tab.sim.fault_at(index, fault);
    for (number, step) in journey.steps.iter().enumerate() {
        let outcome = tab.click(*step).await;
        let calls = tab.sim.calls();
        if calls.len() <= index {
            // The fault is further on.
            continue;
        }
        tab.sim.lift_fault();
        let expected = &clean[number].0;
        match &outcome {
            Outcome::Fail {
                field,
                error,
                clear,
            } => {
                if calls.len() != index + 1 {
                    problems.push(format!(
                        "{step:?}: calls went on after the fault: {:?}",
                        &calls[index..]
                    ));
                }
                if *clear || *field == Field::Code {
                    problems.push(format!("{step:?}: what was typed is dropped ({field:?})"));
                }
                let text = journeys::message(error, t);
                if text.is_empty() || text.contains('<') {
                    problems.push(format!("{step:?}: message {text:?}"));
                }
                let gateway = ApiError::TooManyRequests {
                    retry_after: Some(30),
                };
                if fault == Fault::RateLimited && *error != gateway {
                    problems.push(format!("{step:?}: a rate limit read as {error:?}"));
                }
                // The way on: the same click again; or, when Logto spent
                // the code (or the provider's answer) before its answer was
                // lost, the way round the page offers.
                let mut again = tab.click(*step).await;
                if fault == Fault::Truncated && kind(&again) != kind(expected) {
                    again = tab.way_round(*step, again).await;
                }
                // Logto finished what the lost answer was for (a token or a
                // submit spent): the page it opens next is the way on (a
                // new link, a new sign-in), not a dead end at the form.
                let moved_on = fault == Fault::Truncated && matches!(again, Outcome::Go(_));
                if kind(&again) != kind(expected) && !moved_on {
                    problems.push(format!("{step:?} again: {again:?}, not like {expected:?}"));
                    return problems;
                }
            }
            // A cut answer that the page did not need to read.
            other if fault == Fault::Truncated && kind(other) == kind(expected) => {}
            other => {
                problems.push(format!("{step:?}: {other:?}"));
                return problems;
            }
        }
        // The rest of the journey, clean.
        for step in &journey.steps[number + 1..] {
            let outcome = tab.click(*step).await;
            if matches!(outcome, Outcome::Fail { .. }) {
                problems.push(format!("{step:?} after recovering: {outcome:?}"));
                return problems;
            }
        }
        break;
    }
    let stored = tab.sim.stored_values();
    if stored
        .iter()
        .any(|value| value.contains(PASSWORD) || value.contains("Passw0rd"))
    {
        problems.push(format!("a password is stored: {stored:?}"));
    }
    problems
}

#[tokio::test]
async fn every_call_of_every_journey_under_every_fault() {
    let mut report = BTreeMap::new();
    let mut runs = 0;
    for journey in JOURNEYS {
        let clean = clean_run(journey).await;
        let total = clean.last().map_or(0, |(_, calls)| *calls);
        for index in 0..total {
            for fault in Fault::ALL {
                runs += 1;
                let problems = faulted_run(journey, &clean, index, fault).await;
                if !problems.is_empty() {
                    report.insert(
                        format!("{} · call {index} · {fault:?}", journey.name),
                        problems,
                    );
                }
            }
        }
    }
    assert!(runs > 100, "{runs} runs");
    assert!(
        report.is_empty(),
        "{} of {runs} faulted runs went wrong:\n{report:#?}",
        report.len()
    );
}
