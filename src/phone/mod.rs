//! Phone numbers without a phone library: the countries' calling codes and
//! trunk prefixes in one compact table, parsing of what people type, and
//! Logto's format (digits with the country calling code, no `+`).
//!
//! Country names are not stored: the page asks the browser
//! (`Intl.DisplayNames`) for them in the page's language. Numbers are not
//! validated against per-country plans (that is libphonenumber's 100+ KB of
//! metadata); only E.164 lengths are checked, and the server has the last
//! word.

/// `ISO` + calling code, then `*` when the national trunk prefix is `0`, or
/// `:` and another trunk prefix. Ordered by calling code, the main country
/// of a shared code first (Logto's picker order). Generated from
/// libphonenumber 9.0 metadata (Belarus' trunk `8` widened to its dialled
/// `80`).
const TABLE: &str = concat!(
    "US1:1 AG1:1 AI1:1 AS1:1 BB1:1 BM1:1 BS1:1 CA1:1 DM1:1 DO1:1 GD1:1 GU1:1 JM1:1 KN1:1 ",
    "KY1:1 LC1:1 MP1:1 MS1:1 PR1:1 SX1:1 TC1:1 TT1:1 VC1:1 VG1:1 VI1:1 RU7:8 KZ7:8 EG20* ",
    "ZA27* GR30 NL31* BE32* FR33* ES34 HU36:06 IT39 VA39 RO40* CH41* AT43* GB44* GG44* ",
    "IM44* JE44* DK45 SE46* NO47 SJ47 PL48 DE49* PE51* MX52 CU53* AR54* BR55* CL56 CO57* ",
    "VE58* MY60* AU61* CC61* CX61* ID62* PH63* NZ64* SG65 TH66* JP81* KR82* VN84* CN86* ",
    "TR90* IN91* PK92* AF93* LK94* MM95* IR98* SS211* MA212* EH212* DZ213* TN216 LY218* ",
    "GM220 SN221 MR222 ML223 GN224 CI225 BF226 NE227 TG228 BJ229 MU230 LR231* SL232* ",
    "GH233* NG234* TD235 CF236 CM237 CV238 ST239 GQ240 GA241 CG242 CD243* AO244 GW245 ",
    "IO246 AC247 SC248 SD249* RW250* ET251* SO252* DJ253 KE254* TZ255* UG256* BI257 MZ258 ",
    "ZM260* MG261* RE262* YT262* ZW263* NA264* MW265* LS266 BW267 SZ268 KM269 SH290 TA290 ",
    "ER291* AW297 FO298 GL299 GI350 PT351 LU352 IE353* IS354 AL355* MT356 CY357 FI358* ",
    "AX358* BG359* LT370* LV371 EE372 MD373* AM374* BY375:80 AD376 MC377* SM378 UA380* ",
    "RS381* ME382* XK383* HR385* SI386* BA387* MK389* CZ420 SK421* LI423* FK500 BZ501 ",
    "GT502 SV503 HN504 NI505 CR506 PA507 PM508* HT509 GP590* BL590* MF590* BO591* GY592 ",
    "EC593* GF594* PY595* MQ596* SR597 UY598* CW599 BQ599 TL670 NF672 BN673 NR674 PG675 ",
    "TO676 SB677 VU678 FJ679 PW680 WF681 CK682 NU683 WS685 KI686* NC687 TV688 PF689 TK690 ",
    "FM691 MH692:1 KP850* HK852 MO853 KH855* LA856* BD880* TW886* MV960 LB961* JO962* ",
    "SY963* IQ964* KW965 SA966* YE967* OM968 PS970* AE971* IL972* BH973 QA974 BT975 MN976* ",
    "NP977* TJ992 TM993:8 AZ994* GE995* KG996* UZ998",
);

/// A country (or territory) of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`US`), for `Intl.DisplayNames`.
    pub iso: &'static str,
    /// The calling code without `+` (`1`).
    pub calling_code: &'static str,
    /// The national trunk prefix dropped after the calling code (`0`).
    pub trunk: &'static str,
}

impl Country {
    fn parse(entry: &'static str) -> Self {
        let (iso, rest) = entry.split_at(2);
        let (calling_code, trunk) = if let Some(code) = rest.strip_suffix('*') {
            (code, "0")
        } else {
            rest.split_once(':').unwrap_or((rest, ""))
        };
        Self {
            iso,
            calling_code,
            trunk,
        }
    }

    /// The picker label's code part, `+1`.
    pub fn dial(&self) -> String {
        format!("+{}", self.calling_code)
    }
}

/// Every country, in picker order (by calling code).
pub fn countries() -> impl Iterator<Item = Country> {
    TABLE.split(' ').map(Country::parse)
}

/// The country with this ISO code (any case).
pub fn country(iso: &str) -> Option<Country> {
    countries().find(|c| c.iso.eq_ignore_ascii_case(iso))
}

/// The main country of a calling code (`1` → US, `44` → GB).
pub fn by_calling_code(code: &str) -> Option<Country> {
    countries().find(|c| c.calling_code == code)
}

/// The picker list: `default` first, then the others by calling code.
pub fn picker(default: &str) -> Vec<Country> {
    let first = country(default);
    first
        .into_iter()
        .chain(countries().filter(|c| Some(*c) != first))
        .collect()
}

/// A parsed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    pub calling_code: &'static str,
    /// The national significant number (trunk prefix dropped).
    pub national: String,
}

impl PhoneNumber {
    /// Logto's format: calling code and national number, digits only.
    pub fn to_logto(&self) -> String {
        format!("{}{}", self.calling_code, self.national)
    }

    /// For people: `+44 2079460000` (Logto's own display).
    pub fn display(&self) -> String {
        format!("+{} {}", self.calling_code, self.national)
    }
}

/// Parses typed or pasted input. An international form (`+44 20…`,
/// `0044 20…`, `011 44…` from a North American keyboard) names its
/// country; anything else is national to `country` (an ISO code), or, with
/// no country, already in Logto's format (`14155550100`). Separators
/// (spaces, `-`, `.`, `/`, brackets) are ignored; letters are refused.
pub fn parse(input: &str, country: Option<&str>) -> Option<PhoneNumber> {
    let input = input.trim();
    let plus = input.starts_with('+') || input.starts_with('\u{FF0B}');
    let mut digits = String::with_capacity(input.len());
    for (i, c) in input.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            // Full-width digits from CJK input methods.
            '\u{FF10}'..='\u{FF19}' => {
                digits.extend(char::from_digit(u32::from(c).saturating_sub(0xFF10), 10));
            }
            '+' | '\u{FF0B}' if i == 0 => {}
            ' ' | '-' | '.' | '/' | '(' | ')' | '\u{A0}' | '\u{2011}' | '\u{2013}' => {}
            _ => return None,
        }
    }
    let selected = country.and_then(self::country);
    let international = if plus {
        Some(digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        Some(rest)
    } else if let (Some(rest), Some("1")) =
        (digits.strip_prefix("011"), selected.map(|c| c.calling_code))
    {
        Some(rest)
    } else if selected.is_none() {
        Some(digits.as_str())
    } else {
        None
    };
    let (country, national) = match (international, selected) {
        (Some(number), _) => {
            let country = (1..=3.min(number.len())).find_map(|n| by_calling_code(&number[..n]))?;
            let rest = &number[country.calling_code.len()..];
            // `+44 (0)20…`: a trunk 0 typed after the calling code.
            let rest = match (country.trunk, rest.strip_prefix('0')) {
                ("0", Some(stripped)) => stripped,
                _ => rest,
            };
            (country, rest.to_owned())
        }
        (None, Some(country)) => (country, strip_trunk(country, &digits).to_owned()),
        (None, None) => return None,
    };
    // E.164: at most 15 digits; shorter than 4 national digits is no number.
    if national.len() < 4 || country.calling_code.len().saturating_add(national.len()) > 15 {
        return None;
    }
    Some(PhoneNumber {
        calling_code: country.calling_code,
        national,
    })
}

/// Drops a national trunk prefix. `0` always; others (`1` in North
/// America, `8` in Russia, `06` in Hungary) only where the rest is a whole
/// number, since they are also valid leading digits (`800` toll-free).
fn strip_trunk(country: Country, digits: &str) -> &str {
    let Some(rest) = digits
        .strip_prefix(country.trunk)
        .filter(|_| !country.trunk.is_empty())
    else {
        return digits;
    };
    let whole = match (country.trunk, country.calling_code) {
        ("0", _) => !rest.is_empty(),
        (_, "1" | "7") => rest.len() == 10,
        _ => rest.len() >= 7,
    };
    if whole {
        rest
    } else {
        digits
    }
}

/// A number in Logto's format (or anything else) for display:
/// `14155550100` → `+1 4155550100`; unparsable input comes back unchanged.
pub fn display(value: &str) -> String {
    let digits = value.strip_prefix('+').unwrap_or(value);
    match parse(digits, None) {
        Some(number) if digits.bytes().all(|b| b.is_ascii_digit()) => number.display(),
        _ => value.to_owned(),
    }
}

/// Languages whose code is not (or is another) country's ISO code.
const LANGUAGE_COUNTRY: &str = "af ZA am ET ar SA be BY bn BD bs BA ca ES cs CZ cy GB da DK el GR \
en US et EE eu ES fa IR fil PH ga IE gl ES gu IN he IL hi IN hy AM ja JP ka GE kk KZ km KH ko KR \
ky KG lo LA ml IN mr IN ms MY my MM nb NO ne NP nn NO pa IN ps AF si LK sl SI sq AL sr RS sv SE \
sw TZ ta IN te IN tg TJ uk UA ur PK vi VN zh CN zu ZA";

/// The default country of a language tag: its region (`en-GB` → GB), else
/// the usual country of the language (`ja` → JP, `zh-Hant` → TW), else the
/// language code read as a country (`de` → DE), else US (Logto's fallback).
pub fn default_country(language_tag: &str) -> &'static str {
    let mut parts = language_tag.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let mut script = None;
    for part in parts {
        if part.len() == 2 && part.bytes().all(|b| b.is_ascii_alphabetic()) {
            if let Some(c) = country(part) {
                return c.iso;
            }
        } else if part.len() == 4 {
            script = Some(part.to_ascii_lowercase());
        }
    }
    if language == "zh" && script.as_deref() == Some("hant") {
        return "TW";
    }
    let mut words = LANGUAGE_COUNTRY.split_whitespace();
    while let (Some(lang), Some(iso)) = (words.next(), words.next()) {
        if lang == language {
            return iso;
        }
    }
    match country(&language) {
        Some(c) if language.len() == 2 => c.iso,
        _ => "US",
    }
}

#[cfg(test)]
mod tests;
