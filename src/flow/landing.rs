//! What the landing pages (`/sign-in`, `/register` and the identifier-first
//! screens) show, decided from the settings alone, as Logto's page does.

use crate::api::settings::{AgreeToTermsPolicy, SignInMethod, SignInMode};
use crate::api::{ExperienceSettings, SignInIdentifier};

/// Where `/sign-in` (or `/register`) must go instead under `mode`, if
/// anywhere: a register-only tenant has no sign-in page and vice versa.
pub fn redirect(register_page: bool, mode: &SignInMode) -> Option<&'static str> {
    match (register_page, mode) {
        (false, SignInMode::Register) => Some("/register"),
        (true, SignInMode::SignIn) => Some("/sign-in"),
        _ => None,
    }
}

/// The `identifier` query parameter (`"email phone"`): known types only.
pub fn parse_identifier_param(value: &str) -> Vec<SignInIdentifier> {
    value
        .split(' ')
        .map(SignInIdentifier::parse)
        .filter(|t| !matches!(t, SignInIdentifier::Unknown(_)))
        .collect()
}

/// `enabled` restricted to `wanted`; all of `enabled` when the restriction
/// is empty or matches none of them (Logto's fallback).
pub fn restrict(
    enabled: &[SignInIdentifier],
    wanted: &[SignInIdentifier],
) -> Vec<SignInIdentifier> {
    let kept: Vec<_> = enabled
        .iter()
        .filter(|t| wanted.contains(t))
        .cloned()
        .collect();
    if kept.is_empty() {
        enabled.to_vec()
    } else {
        kept
    }
}

/// Logto joins the label phrases of several types with this.
pub const LABEL_SEPARATOR: &str = " / ";

/// The identifier input of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierInput {
    pub types: Vec<SignInIdentifier>,
    /// `input.username`, `input.email`, `input.phone_number`, in order; the
    /// label is their texts joined with [`LABEL_SEPARATOR`].
    pub label_keys: Vec<&'static str>,
    /// `description.username`, ...: the `types` list of
    /// `error.general_required` / `error.general_invalid` ("x or y").
    pub type_keys: Vec<&'static str>,
    /// The `type` attribute: `email` or `tel` for a single such type.
    pub html_type: &'static str,
    pub input_mode: Option<&'static str>,
    pub autocomplete: &'static str,
    /// Whether the country-code picker is shown (phone accepted).
    pub phone: bool,
}

impl IdentifierInput {
    /// The label text, given the phrase lookup (`Username / Email`).
    pub fn label(&self, t: impl Fn(&str) -> String) -> String {
        let texts: Vec<String> = self.label_keys.iter().map(|k| t(k)).collect();
        texts.join(LABEL_SEPARATOR)
    }
}

fn label_key(t: &SignInIdentifier) -> &'static str {
    match t {
        SignInIdentifier::Email => "input.email",
        SignInIdentifier::Phone => "input.phone_number",
        _ => "input.username",
    }
}

/// The `description.*` phrase naming an identifier type in sentences.
pub fn type_key(t: &SignInIdentifier) -> &'static str {
    match t {
        SignInIdentifier::Email => "description.email",
        SignInIdentifier::Phone => "description.phone_number",
        _ => "description.username",
    }
}

/// The input for `types`. Sign-in inputs say `username` to password
/// managers (so they pair it with the password), with `webauthn` when
/// passkey autofill is on; new-account inputs say what they hold.
pub fn identifier_input(
    types: &[SignInIdentifier],
    sign_in: bool,
    passkey_autofill: bool,
) -> IdentifierInput {
    let single = match types {
        [only] => Some(only),
        _ => None,
    };
    let (html_type, input_mode) = match single {
        Some(SignInIdentifier::Email) => ("email", Some("email")),
        Some(SignInIdentifier::Phone) => ("tel", Some("numeric")),
        _ => ("text", None),
    };
    let autocomplete = match (sign_in, single) {
        (true, _) if passkey_autofill => "username webauthn",
        (true, _) => "username",
        (false, Some(SignInIdentifier::Email)) => "email",
        (false, Some(SignInIdentifier::Phone)) => "tel",
        _ => "username",
    };
    IdentifierInput {
        types: types.to_vec(),
        label_keys: types.iter().map(label_key).collect(),
        type_keys: types.iter().map(type_key).collect(),
        html_type,
        input_mode,
        autocomplete,
        phone: types.contains(&SignInIdentifier::Phone),
    }
}

/// How the terms are presented on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terms {
    /// No terms URL configured.
    Hidden,
    /// "By continuing you agree to …" links.
    Links,
    /// A checkbox that must be ticked before continuing.
    Checkbox,
}

/// The terms on a sign-in (`registering == false`) or registration page.
pub fn terms(settings: &ExperienceSettings, registering: bool) -> Terms {
    let set = |url: &Option<String>| url.as_deref().is_some_and(|u| !u.is_empty());
    if !set(&settings.terms_of_use_url) && !set(&settings.privacy_policy_url) {
        return Terms::Hidden;
    }
    match &settings.agree_to_terms_policy {
        AgreeToTermsPolicy::Manual => Terms::Checkbox,
        AgreeToTermsPolicy::ManualRegistrationOnly if registering => Terms::Checkbox,
        _ => Terms::Links,
    }
}

/// Whether a sign-in that turns into a registration (a new social or SSO
/// identity, "create an account?" after a code) must first ask for the
/// terms: registration needs the checkbox and the sign-in page had none.
pub fn terms_before_registering(settings: &ExperienceSettings) -> bool {
    terms(settings, true) == Terms::Checkbox && terms(settings, false) != Terms::Checkbox
}

/// The sign-in methods that are usable (Logto drops empty entries).
pub fn sign_in_methods(settings: &ExperienceSettings) -> Vec<&SignInMethod> {
    settings
        .sign_in
        .methods
        .iter()
        .filter(|m| m.password || m.verification_code)
        .collect()
}

/// The identifier form of the sign-in page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInForm {
    /// Social and/or SSO only.
    None,
    /// Identifier and password on one screen (every method is
    /// password-only, and no identifier-first passkey is needed).
    Password(IdentifierInput),
    /// Identifier first; [`factors`] decides the next step.
    IdentifierFirst(IdentifierInput),
}

/// What `/sign-in` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInLanding {
    pub form: SignInForm,
    /// "Forgot your password?" on the one-screen password form.
    pub forgot_password: bool,
    /// "No account yet? Create account".
    pub create_account: bool,
    pub social: bool,
    /// "Use single sign-on" link.
    pub single_sign_on: bool,
    pub passkey_button: bool,
    pub passkey_autofill: bool,
    pub terms: Terms,
}

/// What the sign-in page (or, with `restriction`, `/identifier-sign-in`)
/// shows.
pub fn sign_in(settings: &ExperienceSettings, restriction: &[SignInIdentifier]) -> SignInLanding {
    let methods = sign_in_methods(settings);
    let types: Vec<_> = methods.iter().map(|m| m.identifier.clone()).collect();
    let types = restrict(&types, restriction);
    let passkey = &settings.passkey_sign_in;
    let passkey_enabled = passkey.enabled == Some(true);
    let passkey_button = passkey_enabled && passkey.show_passkey_button == Some(true);
    let passkey_autofill = passkey_enabled && passkey.allow_autofill == Some(true);
    // A hidden passkey button means passkeys are offered after the identifier.
    let passkey_after_identifier = passkey_enabled && !passkey_button;
    let password_only = !methods.is_empty()
        && methods.iter().all(|m| m.password && !m.verification_code)
        && !passkey_after_identifier;
    let input = identifier_input(&types, true, passkey_autofill);
    let form = if methods.is_empty() {
        SignInForm::None
    } else if password_only {
        SignInForm::Password(input)
    } else {
        SignInForm::IdentifierFirst(input)
    };
    SignInLanding {
        forgot_password: matches!(form, SignInForm::Password(_))
            && forgot_password_available(settings),
        form,
        create_account: settings.sign_in_mode == SignInMode::SignInAndRegister
            && !settings.sign_up.identifiers.is_empty(),
        social: !settings.social_connectors.is_empty(),
        single_sign_on: settings.single_sign_on_enabled,
        passkey_button,
        passkey_autofill,
        terms: terms(settings, false),
    }
}

/// A way to prove the identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Password,
    Code,
    Passkey,
}

/// The step after the identifier, and the "sign in with …" switches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Factors {
    pub first: Factor,
    pub others: Vec<Factor>,
}

/// The factors for an identifier of `kind`; `None` when no method accepts
/// it. `has_passkey`: the identifier-first passkey lookup found passkeys.
pub fn factors(
    settings: &ExperienceSettings,
    kind: &SignInIdentifier,
    has_passkey: bool,
) -> Option<Factors> {
    let method = sign_in_methods(settings)
        .into_iter()
        .find(|m| m.identifier == *kind)?;
    let code = method.verification_code && *kind != SignInIdentifier::Username;
    let password_first = method.password && (method.is_password_primary || !code);
    let mut all = Vec::new();
    if has_passkey && settings.passkey_sign_in.enabled == Some(true) {
        all.push(Factor::Passkey);
    }
    if password_first {
        all.push(Factor::Password);
    }
    if code {
        all.push(Factor::Code);
    }
    if method.password && !password_first {
        all.push(Factor::Password);
    }
    let first = *all.first()?;
    Some(Factors {
        first,
        others: all.get(1..).unwrap_or_default().to_vec(),
    })
}

/// Whether a forgot-password method exists (the link is shown).
pub fn forgot_password_available(settings: &ExperienceSettings) -> bool {
    settings.forgot_password.email || settings.forgot_password.phone
}

/// The identifier types the reset form accepts, restricted as the
/// `identifier` parameter asks.
pub fn forgot_password_types(
    settings: &ExperienceSettings,
    restriction: &[SignInIdentifier],
) -> Vec<SignInIdentifier> {
    let mut types = Vec::new();
    if settings.forgot_password.email {
        types.push(SignInIdentifier::Email);
    }
    if settings.forgot_password.phone {
        types.push(SignInIdentifier::Phone);
    }
    restrict(&types, restriction)
}

/// What `/register` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLanding {
    /// The identifier form over the primary sign-up identifiers (secondary
    /// ones are asked for later, through `user.missing_profile`).
    pub form: Option<IdentifierInput>,
    /// "Already have an account? Sign in".
    pub sign_in: bool,
    pub social: bool,
    pub single_sign_on: bool,
    pub terms: Terms,
}

/// What the registration page (or, with `restriction`,
/// `/identifier-register`) shows.
pub fn register(
    settings: &ExperienceSettings,
    restriction: &[SignInIdentifier],
) -> RegisterLanding {
    let types = restrict(&settings.sign_up.identifiers, restriction);
    RegisterLanding {
        form: (!types.is_empty()).then(|| identifier_input(&types, false, false)),
        sign_in: settings.sign_in_mode == SignInMode::SignInAndRegister
            && !sign_in_methods(settings).is_empty(),
        social: !settings.social_connectors.is_empty(),
        single_sign_on: settings.single_sign_on_enabled,
        terms: terms(settings, true),
    }
}

/// How a registration with an identifier of some type proceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// Stage the username; then the password page when `password_page`,
    /// else identification right away (the server asks for the rest).
    Username { password_page: bool },
    /// Send a code to the email/phone.
    Code,
}

/// How registering with `kind` proceeds.
pub fn registration(settings: &ExperienceSettings, kind: &SignInIdentifier) -> Registration {
    match kind {
        SignInIdentifier::Email | SignInIdentifier::Phone => Registration::Code,
        _ => Registration::Username {
            password_page: settings.sign_up.password
                && settings
                    .sign_up
                    .secondary_identifiers
                    .as_ref()
                    .is_none_or(Vec::is_empty),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::flow::fixtures::settings;

    use SignInIdentifier::{Email, Phone, Username};

    #[test]
    fn redirects_between_sign_in_and_register() {
        assert_eq!(
            redirect(false, &settings("register-only").sign_in_mode),
            Some("/register")
        );
        assert_eq!(
            redirect(true, &settings("sign-in-only").sign_in_mode),
            Some("/sign-in")
        );
        let both = settings("username-password").sign_in_mode;
        assert_eq!(redirect(false, &both), None);
        assert_eq!(redirect(true, &both), None);
    }

    #[test]
    fn identifier_restriction() {
        assert_eq!(
            parse_identifier_param("email phone nickname"),
            [Email, Phone]
        );
        assert_eq!(parse_identifier_param(""), []);
        let all = [Username, Email, Phone];
        assert_eq!(restrict(&all, &[Phone]), [Phone]);
        assert_eq!(restrict(&[Username], &[Phone]), [Username]);
        assert_eq!(restrict(&all, &[]), all);
        let s = settings("username-email-phone-password-code");
        let landing = sign_in(&s, &[Email]);
        let SignInForm::IdentifierFirst(input) = landing.form else {
            panic!()
        };
        assert_eq!(input.types, [Email]);
        assert_eq!(input.html_type, "email");
    }

    #[test]
    fn one_screen_password_form() {
        let landing = sign_in(&settings("username-password"), &[]);
        let SignInForm::Password(input) = &landing.form else {
            panic!("{landing:?}")
        };
        assert_eq!(input.label_keys, ["input.username"]);
        assert_eq!(input.autocomplete, "username");
        assert!(!landing.forgot_password);
        assert!(landing.create_account);
        assert!(!landing.social && !landing.single_sign_on && !landing.passkey_button);
        assert_eq!(landing.terms, Terms::Hidden);
        let only = sign_in(&settings("sign-in-only"), &[]);
        assert!(!only.create_account);
    }

    #[test]
    fn identifier_first_forms() {
        let s = settings("username-email-phone-password-code");
        let landing = sign_in(&s, &[]);
        let SignInForm::IdentifierFirst(input) = &landing.form else {
            panic!("{landing:?}")
        };
        assert_eq!(
            input.label_keys,
            ["input.username", "input.email", "input.phone_number"]
        );
        assert_eq!(
            input.type_keys,
            [
                "description.username",
                "description.email",
                "description.phone_number"
            ]
        );
        assert!(input.phone);
        assert_eq!(input.html_type, "text");
        let i18n = crate::i18n::I18n::default();
        assert_eq!(
            input.label(|k| i18n.t(k)),
            "Username / Email / Phone number"
        );
        // Every key is in Logto's English phrases.
        for key in input.label_keys.iter().chain(&input.type_keys) {
            assert!(crate::flow::fixtures::english_has(key), "{key}");
        }
        let phone = sign_in(&settings("phone-code"), &[]);
        let SignInForm::IdentifierFirst(input) = &phone.form else {
            panic!()
        };
        assert_eq!(
            (input.html_type, input.input_mode),
            ("tel", Some("numeric"))
        );
    }

    #[test]
    fn passkeys_on_the_landing_page() {
        let s = settings("passkey-sign-in");
        let landing = sign_in(&s, &[]);
        assert!(landing.passkey_button && landing.passkey_autofill);
        assert!(
            matches!(landing.form, SignInForm::Password(ref i) if i.autocomplete == "username webauthn")
        );
        // Button hidden: identifier first, so a passkey can follow.
        let mut hidden = s.clone();
        hidden.passkey_sign_in.show_passkey_button = Some(false);
        let landing = sign_in(&hidden, &[]);
        assert!(matches!(landing.form, SignInForm::IdentifierFirst(_)));
        assert!(!landing.passkey_button);
    }

    #[test]
    fn social_sso_and_terms() {
        let social = sign_in(&settings("social"), &[]);
        assert!(social.social);
        let sso = sign_in(&settings("sso-identifier-first"), &[]);
        assert!(sso.single_sign_on);
        let terms_s = settings("terms-privacy");
        assert_eq!(sign_in(&terms_s, &[]).terms, Terms::Checkbox);
        // Agreed on the sign-in page already.
        assert!(!terms_before_registering(&terms_s));
        let mut reg_only = terms_s.clone();
        reg_only.agree_to_terms_policy = AgreeToTermsPolicy::ManualRegistrationOnly;
        assert_eq!(terms(&reg_only, false), Terms::Links);
        assert_eq!(terms(&reg_only, true), Terms::Checkbox);
        assert!(terms_before_registering(&reg_only));
        reg_only.agree_to_terms_policy = AgreeToTermsPolicy::Automatic;
        assert_eq!(terms(&reg_only, true), Terms::Links);
        // Social only: no form.
        let mut social_only = settings("social");
        social_only.sign_in.methods.clear();
        assert_eq!(sign_in(&social_only, &[]).form, SignInForm::None);
    }

    #[test]
    fn password_and_code_factors() {
        let s = settings("username-email-phone-password-code");
        let username = factors(&s, &Username, false).unwrap();
        assert_eq!(
            username,
            Factors {
                first: Factor::Password,
                others: vec![]
            }
        );
        // Password primary, code as the switch.
        let email = factors(&s, &Email, false).unwrap();
        assert_eq!(
            email,
            Factors {
                first: Factor::Password,
                others: vec![Factor::Code]
            }
        );
        // Code primary (isPasswordPrimary false).
        let phone = factors(&settings("phone-code"), &Phone, false).unwrap();
        assert_eq!(
            phone,
            Factors {
                first: Factor::Code,
                others: vec![Factor::Password]
            }
        );
        assert_eq!(factors(&settings("phone-code"), &Email, false), None);
        // A bound passkey comes first, and three ways need the chooser.
        let mut passkey = s.clone();
        passkey.passkey_sign_in.enabled = Some(true);
        let with = factors(&passkey, &Email, true).unwrap();
        assert_eq!(with.first, Factor::Passkey);
    }

    #[test]
    fn forgot_password() {
        let s = settings("email-password-code");
        assert!(forgot_password_available(&s));
        assert_eq!(forgot_password_types(&s, &[]), [Email]);
        let both = settings("social");
        assert_eq!(forgot_password_types(&both, &[Phone]), [Phone]);
        assert!(!forgot_password_available(&settings("username-password")));
        // The one-screen form shows the link when a method exists.
        let mut one = settings("email-password-only");
        one.forgot_password.email = true;
        assert!(sign_in(&one, &[]).forgot_password);
    }

    #[test]
    fn register_page() {
        let s = settings("username-password");
        let landing = register(&s, &[]);
        assert_eq!(landing.form.as_ref().unwrap().types, [Username]);
        assert_eq!(landing.form.as_ref().unwrap().autocomplete, "username");
        assert!(landing.sign_in);
        assert_eq!(
            registration(&s, &Username),
            Registration::Username {
                password_page: true
            }
        );
        // Secondary identifiers: identification first, the server asks.
        let plus = settings("username-plus-email-signup");
        assert_eq!(
            registration(&plus, &Username),
            Registration::Username {
                password_page: false
            }
        );
        let email = settings("email-password-code");
        let landing = register(&email, &[]);
        assert_eq!(landing.form.as_ref().unwrap().autocomplete, "email");
        assert_eq!(registration(&email, &Email), Registration::Code);
        assert!(!register(&settings("register-only"), &[]).sign_in);
        assert_eq!(
            register(&settings("terms-privacy"), &[]).terms,
            Terms::Checkbox
        );
    }
}
