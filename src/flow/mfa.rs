//! The MFA binding page's decisions (`/mfa-binding`): which factors it
//! offers and which it shows as already set up.
//!
//! `session.mfa.suggest_additional_mfa` lists every factor the tenant
//! requires, the person's own among them (Logto's `MfaBinding` page offers
//! them all alike). The person's factors are told by the answer itself: a
//! masked address for each e-mail or phone code they have, and
//! `isWebAuthnUsedAsSignInPasskey` for a passkey they sign in with. The
//! page shows those as set up, with the address, and offers the others.

use crate::api::{error::MaskedIdentifiers, MfaFactor};

/// The factors of `factors` the person already has, by the suggestion's
/// `masked` addresses and its passkey flag.
pub fn bound_factors(
    factors: &[MfaFactor],
    masked: &MaskedIdentifiers,
    web_authn_is_sign_in_passkey: bool,
) -> Vec<MfaFactor> {
    factors
        .iter()
        .filter(|factor| match factor {
            MfaFactor::EmailVerificationCode => masked.email.is_some(),
            MfaFactor::PhoneVerificationCode => masked.phone.is_some(),
            MfaFactor::WebAuthn => web_authn_is_sign_in_passkey,
            _ => false,
        })
        .cloned()
        .collect()
}

/// One row of the factor list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A factor to add: a link to its page.
    Offer(MfaFactor),
    /// A factor the person has: shown, not offered.
    Bound(MfaFactor),
}

/// The rows of the list: the factors to add first (what the person acts
/// on), in the server's order, then those already set up. Factors this
/// page does not know are left out.
pub fn rows(factors: &[MfaFactor], bound: &[MfaFactor]) -> Vec<Row> {
    let known = || {
        factors
            .iter()
            .filter(|factor| !matches!(factor, MfaFactor::Unknown(_)))
    };
    let offered = known()
        .filter(|factor| !bound.contains(factor))
        .cloned()
        .map(Row::Offer);
    let set_up = known()
        .filter(|factor| bound.contains(factor))
        .cloned()
        .map(Row::Bound);
    offered.chain(set_up).collect()
}

/// How many factors the page offers (for "switch to another method" on a
/// factor's page, shown when there is another one to switch to).
pub fn offered(factors: &[MfaFactor], bound: &[MfaFactor]) -> usize {
    rows(factors, bound)
        .iter()
        .filter(|row| matches!(row, Row::Offer(_)))
        .count()
}

/// Why a factor is listed: to verify it at sign-in, or to add it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Verify,
    Add,
}

/// The phrase naming `factor` in a list of factors, and the one saying in
/// a line what it asks for.
pub fn factor_keys(factor: &MfaFactor, purpose: Purpose) -> (&'static str, &'static str) {
    let (name, verify, add) = match factor {
        MfaFactor::Totp => (
            "mfa.totp",
            "mfa.verify_totp_description",
            "mfa.link_totp_description",
        ),
        MfaFactor::WebAuthn => (
            "mfa.webauthn",
            "mfa.verify_webauthn_description",
            "mfa.link_webauthn_description",
        ),
        MfaFactor::BackupCode => (
            "mfa.backup_code",
            "mfa.verify_backup_code_description",
            "mfa.link_backup_code_description",
        ),
        MfaFactor::EmailVerificationCode => (
            "mfa.email_verification_code",
            "mfa.verify_email_verification_code_description",
            "mfa.link_email_verification_code_description",
        ),
        MfaFactor::PhoneVerificationCode => (
            "mfa.phone_verification_code",
            "mfa.verify_phone_verification_code_description",
            "mfa.link_phone_verification_code_description",
        ),
        MfaFactor::Unknown(_) => {
            return match purpose {
                Purpose::Verify => ("mfa.verify_mfa_factors", "mfa.verify_mfa_description"),
                Purpose::Add => ("mfa.add_mfa_factors", "mfa.add_mfa_description"),
            }
        }
    };
    match purpose {
        Purpose::Verify => (name, verify),
        Purpose::Add => (name, add),
    }
}

/// Whether there is a page for `factor` (not for a factor a newer Logto
/// may add).
pub fn has_page(factor: &MfaFactor) -> bool {
    !matches!(factor, MfaFactor::Unknown(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(email: Option<&str>, phone: Option<&str>) -> MaskedIdentifiers {
        MaskedIdentifiers {
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
        }
    }

    #[test]
    fn the_suggestion_tells_the_persons_factors() {
        use MfaFactor::*;
        let factors = [WebAuthn, Totp, PhoneVerificationCode, EmailVerificationCode];
        // Registered by e-mail: its code is the person's factor.
        let bound = bound_factors(&factors, &masked(Some("ne***@example.com"), None), false);
        assert_eq!(bound, [EmailVerificationCode]);
        assert_eq!(
            rows(&factors, &bound),
            [
                Row::Offer(WebAuthn),
                Row::Offer(Totp),
                Row::Offer(PhoneVerificationCode),
                Row::Bound(EmailVerificationCode)
            ]
        );
        assert_eq!(offered(&factors, &bound), 3);
        // A sign-in passkey and a phone.
        let bound = bound_factors(&factors, &masked(None, Some("****0100")), true);
        assert_eq!(bound, [WebAuthn, PhoneVerificationCode]);
        assert_eq!(offered(&factors, &bound), 2);
        // An address the tenant does not require is not listed.
        assert_eq!(
            bound_factors(&[Totp], &masked(Some("a***@b.co"), None), true),
            []
        );
    }

    #[test]
    fn a_binding_offers_every_known_factor() {
        use MfaFactor::*;
        let factors = [Totp, Unknown("Future".into()), WebAuthn];
        assert_eq!(
            rows(&factors, &[]),
            [Row::Offer(Totp), Row::Offer(WebAuthn)]
        );
        assert_eq!(offered(&factors, &[]), 2);
    }

    #[test]
    fn factor_phrases_exist_in_the_recorded_english() {
        let factors = [
            MfaFactor::Totp,
            MfaFactor::WebAuthn,
            MfaFactor::BackupCode,
            MfaFactor::EmailVerificationCode,
            MfaFactor::PhoneVerificationCode,
            MfaFactor::Unknown("newFactor".into()),
        ];
        for factor in &factors {
            for purpose in [Purpose::Verify, Purpose::Add] {
                let (name, about) = factor_keys(factor, purpose);
                for key in [name, about] {
                    assert!(crate::flow::fixtures::english_has(key), "{key}");
                }
            }
        }
        assert_eq!(
            factor_keys(&MfaFactor::Totp, Purpose::Add),
            ("mfa.totp", "mfa.link_totp_description")
        );
        assert!(has_page(&MfaFactor::BackupCode));
        assert!(!has_page(&MfaFactor::Unknown("newFactor".into())));
    }
}
