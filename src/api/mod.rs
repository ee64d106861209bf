//! The typed client of Logto's Experience API and well-known endpoints.
//!
//! Types and decoding are plain Rust so that every response recorded from a
//! real Logto server can be checked natively (`tests/api_decode.rs`); only
//! the transport in [`client`] needs a browser.

/// Declares a string enum whose unknown values survive decoding.
///
/// A newer Logto may send values this client does not know yet; failing the
/// whole settings or error body for that would break the page, so the value
/// is kept verbatim in `Unknown` and re-serialised unchanged. Going through
/// `as_str`/`parse` also keeps the generated code small (one table of
/// wire values per enum instead of serde's visitor machinery).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`", $value, "`")] $variant, )*
            /// A value this client does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The wire values of the known variants, in their order:
            /// parsing searches it and `as_str` indexes it, as a string
            /// match compiles to a branch per value (0.5 KB of first load).
            const WIRE: &'static [&'static str] = &[$( $value, )*];

            /// The place of a known value in [`Self::WIRE`].
            fn index(&self) -> Option<usize> {
                // A fieldless copy of the enum numbers the variants.
                enum Index { $( $variant, )* }
                match self {
                    $( Self::$variant => Some(Index::$variant as usize), )*
                    Self::Unknown(_) => None,
                }
            }

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Unknown(value) => value,
                    known => known.index().and_then(|i| Self::WIRE.get(i)).map_or("", |wire| wire),
                }
            }

            /// Parses a wire value; never fails.
            pub fn parse(value: &str) -> Self {
                enum Index { $( $variant, )* }
                // The variant at the place found.
                match Self::WIRE.iter().position(|wire| *wire == value) {
                    $( Some(i) if i == Index::$variant as usize => Self::$variant, )*
                    _ => Self::Unknown(value.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::api::json::FromJson for $name {
            fn from_json(value: &::serde_json::Value) -> $crate::api::json::Decoded<Self> {
                value
                    .as_str()
                    .map(Self::parse)
                    .ok_or($crate::api::json::Mismatch::WRONG)
            }
        }

        // For the request bodies the tests read back and the session's
        // values (the page decodes answers with `FromJson`).
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Ok(match Self::parse(&value) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                })
            }
        }
    };
}

pub mod client;
pub mod error;
pub mod experience;
pub mod json;
pub mod phrases;
pub mod settings;
pub mod transport;
pub mod webauthn;

pub use client::{Client, Identification};
pub use error::{ApiError, ErrorCode, ErrorData, ServerError};
pub use experience::*;
pub use phrases::Phrases;
pub use settings::ExperienceSettings;
pub use transport::Transport;
pub use webauthn::WebAuthnPayload;

/// Loads the sign-in experience settings of the current origin.
///
/// Kept as a free function because pages hand it straight to a resource.
pub async fn fetch_experience_settings() -> Result<ExperienceSettings, ApiError> {
    Client::default().experience_settings(None).await
}
