//! TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits) and backup codes.

use hmac::{Hmac, Mac};
use sha1::Sha1;

use crate::util;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh 160-bit secret, base32 without padding (32 characters, as Logto).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    util::random_bytes(&mut bytes);
    base32_encode(&bytes)
}

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(*byte);
        bits += 8;
        while bits >= 5 {
            out.push(BASE32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for ch in text.chars().filter(|ch| *ch != '=' && !ch.is_whitespace()) {
        let value = BASE32
            .iter()
            .position(|known| *known as char == ch.to_ascii_uppercase())?;
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            out.push((buffer >> (bits - 8)) as u8);
            bits -= 8;
        }
        buffer &= (1 << bits) - 1;
    }
    Some(out)
}

/// The 6-digit code of `secret` for time step `counter` (RFC 4226 HOTP).
pub fn hotp(secret: &[u8], counter: u64) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    format!("{:06}", value % 1_000_000)
}

/// The code for `secret` (base32) at `unix_secs`.
pub fn totp_at(secret: &str, unix_secs: u64) -> Option<String> {
    Some(hotp(&base32_decode(secret)?, unix_secs / 30))
}

/// The current code for `secret` (base32).
pub fn totp_now(secret: &str) -> Option<String> {
    totp_at(secret, util::now_secs())
}

/// Whether `code` is valid for `secret` now, allowing one step of clock skew.
pub fn verify_totp(secret: &str, code: &str) -> bool {
    let Some(key) = base32_decode(secret) else {
        return false;
    };
    let step = util::now_secs() / 30;
    [step.saturating_sub(1), step, step + 1]
        .iter()
        .any(|counter| util::constant_time_eq(hotp(&key, *counter).as_bytes(), code.as_bytes()))
}

/// Ten single-use codes of ten hex digits, as Logto generates them.
pub fn new_backup_codes() -> Vec<String> {
    (0..10).map(|_| util::hex(10)).collect()
}

/// `otpauth://` URI an authenticator app understands.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &str) -> String {
    format!(
        "otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30",
        util::url_encode(issuer),
        util::url_encode(account),
        util::url_encode(issuer)
    )
}

/// The `secretQrCode` data URL: a QR code of `text` as an SVG image.
pub fn qr_data_url(text: &str) -> String {
    use qrcodegen::{QrCode, QrCodeEcc};
    let Ok(qr) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return String::new();
    };
    let border = 4;
    let size = qr.size() + border * 2;
    let mut path = String::new();
    for y in 0..qr.size() {
        for x in 0..qr.size() {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    );
    format!("data:image/svg+xml;base64,{}", util::base64(svg.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vectors() {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (8 digits
        // there; the last 6 digits are the 6-digit code).
        let secret = base32_encode(b"12345678901234567890");
        assert_eq!(totp_at(&secret, 59).unwrap(), "287082");
        assert_eq!(totp_at(&secret, 1_111_111_109).unwrap(), "081804");
        assert_eq!(totp_at(&secret, 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn base32_round_trip() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_encode(&base32_decode(&secret).unwrap()), secret);
        assert!(base32_decode("not base32!").is_none());
        assert!(verify_totp(&secret, &totp_now(&secret).unwrap()));
        assert!(!verify_totp(&secret, "abcdef"));
    }

    #[test]
    fn qr_is_an_svg_data_url() {
        let url = qr_data_url(&otpauth_uri("Logto", "demo", "JBSWY3DPEHPK3PXP"));
        assert!(url.starts_with("data:image/svg+xml;base64,"));
    }
}
