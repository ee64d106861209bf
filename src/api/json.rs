//! Typed reading of JSON answers.
//!
//! Every body is parsed once into a [`Value`] ([`parse`]: the browser's
//! `JSON.parse` in the page, serde_json's parser natively) and typed from
//! it by small hand-written [`FromJson`] functions. serde's derived
//! `Deserialize` is monomorphised per reader and per type, and was the
//! largest part of the first load's own code.
//!
//! The rules are those of serde's derive with `#[serde(default)]`: unknown
//! keys are ignored; an absent key takes its default ([`field`]) or fails
//! ([`required`], except for an `Option`); a key of the wrong type fails the
//! whole value (`null` is only an `Option`'s `None`).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Number, Value};

/// Why a value did not have the expected shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch {
    /// The innermost key that did not fit (`""` for the top level).
    pub key: &'static str,
    /// The key was required and absent.
    pub missing: bool,
}

impl Mismatch {
    /// A value of the wrong type.
    pub const WRONG: Self = Self {
        key: "",
        missing: false,
    };

    fn at(self, key: &'static str) -> Self {
        if self.key.is_empty() {
            Self { key, ..self }
        } else {
            self
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.missing, self.key) {
            (true, key) => write!(f, "missing `{key}`"),
            (false, "") => f.write_str("unexpected JSON value"),
            (false, key) => write!(f, "unexpected value of `{key}`"),
        }
    }
}

impl std::error::Error for Mismatch {}

pub type Decoded<T> = Result<T, Mismatch>;

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Decoded<Self>;

    /// The value of an absent [`required`] key: none, except `None` for an
    /// `Option` (as serde's derive does).
    fn absent() -> Option<Self> {
        None
    }
}

/// `FromJson` for a struct from `field: "key" how` entries, `how` being
/// [`required`] or [`field`] (absent: the default); an entry may carry a
/// `#[cfg(...)]`.
macro_rules! from_json {
    ($name:ident { $($(#[$attr:meta])* $field:ident: $key:literal $how:ident),* $(,)? }) => {
        impl $crate::api::json::FromJson for $name {
            fn from_json(value: &serde_json::Value) -> $crate::api::json::Decoded<Self> {
                let o = $crate::api::json::object(value)?;
                Ok(Self { $($(#[$attr])* $field: $crate::api::json::$how(o, $key)?,)* })
            }
        }
    };
}
pub(crate) use from_json;

/// Reads `T` from a value (the native tests build settings this way).
pub fn from_value<T: FromJson>(value: &Value) -> Decoded<T> {
    T::from_json(value)
}

/// Reads `T` from JSON text (`None` when it is not JSON or not a `T`),
/// through the same parser as the API's answers: serde's derive would add
/// a decoder per type and per reader.
pub fn from_text<T: FromJson>(text: &str) -> Option<T> {
    T::from_json(&parse(text.as_bytes())?).ok()
}

/// JSON text as a [`Value`]; `None` when it is not JSON (or not UTF-8).
///
/// In the page, the browser's own parser reads it: serde_json's would be
/// about 12 KB of the first load's code, for texts the browser parses as
/// fast. Numbers come back as JavaScript's: an integral one is an integer
/// (`5.0` reads as `5`), and integers beyond 2^53 lose precision, which no
/// value Logto sends reaches.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(text).ok()?;
    js_sys::JSON::parse(text).ok().map(|js| from_js(&js))
}

/// Natively (the tests, the fuzz targets), serde_json's parser.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &[u8]) -> Option<Value> {
    serde_json::from_slice(text).ok()
}

/// What `JSON.parse` returned, as a [`Value`] (it only returns objects,
/// arrays, strings, numbers, booleans and null).
#[cfg(target_arch = "wasm32")]
fn from_js(js: &wasm_bindgen::JsValue) -> Value {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::JsCast;
    if let Some(text) = js.as_string() {
        Value::String(text)
    } else if let Some(flag) = js.as_bool() {
        Value::Bool(flag)
    } else if let Some(number) = js.as_f64() {
        // Within ±2^53 every integer is exact in an f64.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if number.fract() == 0.0 && number.abs() <= EXACT {
            if number >= 0.0 {
                Value::from(number as u64)
            } else {
                Value::from(number as i64)
            }
        } else {
            Number::from_f64(number).map_or(Value::Null, Value::Number)
        }
    } else if Array::is_array(js) {
        Value::Array(
            js.unchecked_ref::<Array>()
                .iter()
                .map(|item| from_js(&item))
                .collect(),
        )
    } else if let Some(object) = js.dyn_ref::<Object>() {
        // Inserted one by one: collecting would sort and bulk-build (more
        // code) what `insert` already does.
        let mut map = Map::new();
        for key in Object::keys(object).iter() {
            if let (Some(name), Ok(value)) = (key.as_string(), Reflect::get(object, &key)) {
                map.insert(name, from_js(&value));
            }
        }
        Value::Object(map)
    } else {
        Value::Null
    }
}

/// The object a struct is read from.
pub fn object(value: &Value) -> Decoded<&Map<String, Value>> {
    value.as_object().ok_or(Mismatch::WRONG)
}

/// The value at `key`. Not inlined: the map's search would otherwise be
/// copied into every field of every struct.
#[inline(never)]
fn lookup<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key)
}

/// A key that may be absent (then `T::default()`).
pub fn field<T: FromJson + Default>(object: &Map<String, Value>, key: &'static str) -> Decoded<T> {
    match lookup(object, key) {
        Some(value) => T::from_json(value).map_err(|error| error.at(key)),
        None => Ok(T::default()),
    }
}

/// A key that may be absent, with the default of its struct.
pub fn field_or<T: FromJson>(
    object: &Map<String, Value>,
    key: &'static str,
    default: T,
) -> Decoded<T> {
    match lookup(object, key) {
        Some(value) => T::from_json(value).map_err(|error| error.at(key)),
        None => Ok(default),
    }
}

/// A key that must be present (an `Option` may be absent).
pub fn required<T: FromJson>(object: &Map<String, Value>, key: &'static str) -> Decoded<T> {
    match lookup(object, key) {
        Some(value) => T::from_json(value).map_err(|error| error.at(key)),
        None => T::absent().ok_or(Mismatch { key, missing: true }),
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Decoded<Self> {
        value.as_str().map(str::to_owned).ok_or(Mismatch::WRONG)
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Decoded<Self> {
        value.as_bool().ok_or(Mismatch::WRONG)
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value) -> Decoded<Self> {
        value
            .as_u64()
            .and_then(|number| u32::try_from(number).ok())
            .ok_or(Mismatch::WRONG)
    }
}

impl FromJson for u64 {
    fn from_json(value: &Value) -> Decoded<Self> {
        value.as_u64().ok_or(Mismatch::WRONG)
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Decoded<Self> {
        value.as_f64().ok_or(Mismatch::WRONG)
    }
}

impl FromJson for Number {
    fn from_json(value: &Value) -> Decoded<Self> {
        match value {
            Value::Number(number) => Ok(number.clone()),
            _ => Err(Mismatch::WRONG),
        }
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Decoded<Self> {
        Ok(value.clone())
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(value: &Value) -> Decoded<Self> {
        object(value).cloned()
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Decoded<Self> {
        match value {
            Value::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Decoded<Self> {
        // A loop: `collect` into a `Result` is twice the code, per `T`.
        let items = value.as_array().ok_or(Mismatch::WRONG)?;
        let mut read = Vec::with_capacity(items.len());
        for item in items {
            read.push(T::from_json(item)?);
        }
        Ok(read)
    }
}

impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn from_json(value: &Value) -> Decoded<Self> {
        // A loop: `collect` sorts and bulk-builds, 2 KB of code per `T`.
        let mut read = BTreeMap::new();
        for (key, value) in object(value)? {
            read.insert(key.clone(), T::from_json(value)?);
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq)]
    struct Sample {
        name: String,
        count: u32,
        note: Option<String>,
        flag: bool,
    }

    impl FromJson for Sample {
        fn from_json(value: &Value) -> Decoded<Self> {
            let object = object(value)?;
            Ok(Self {
                name: required(object, "name")?,
                count: field(object, "count")?,
                note: required(object, "note")?,
                flag: field_or(object, "flag", true)?,
            })
        }
    }

    #[test]
    fn follows_serde_derive_rules() {
        let sample: Sample = from_value(&json!({"name": "a", "extra": [1]})).unwrap();
        assert_eq!(
            sample,
            Sample {
                name: "a".into(),
                count: 0,
                note: None,
                flag: true
            }
        );
        let full: Sample =
            from_value(&json!({"name": "b", "count": 7, "note": "n", "flag": false})).unwrap();
        assert_eq!(
            (full.count, full.note.as_deref(), full.flag),
            (7, Some("n"), false)
        );
        assert_eq!(
            from_value::<Sample>(&json!({"count": 1})),
            Err(Mismatch {
                key: "name",
                missing: true
            })
        );
        for wrong in [
            json!({"name": 1}),
            json!({"name": "a", "count": -1}),
            json!({"name": "a", "count": 1.5}),
            json!({"name": "a", "count": 4_294_967_296_u64}),
            json!({"name": "a", "flag": null}),
            json!({"name": "a", "note": 3}),
        ] {
            assert!(from_value::<Sample>(&wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            from_value::<Sample>(&json!({"name": null}))
                .unwrap_err()
                .to_string(),
            "unexpected value of `name`"
        );
        assert!(from_value::<Sample>(&json!([])).is_err());
        assert_eq!(
            from_value::<Vec<Option<u64>>>(&json!([1, null])),
            Ok(vec![Some(1), None])
        );
        assert_eq!(
            from_value::<BTreeMap<String, String>>(&json!({"en": "x"})),
            Ok(BTreeMap::from([("en".to_owned(), "x".to_owned())]))
        );
        assert!(from_value::<BTreeMap<String, String>>(&json!({"en": 1})).is_err());
    }
}
