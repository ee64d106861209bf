//! Branding: the settings' primary colour turned into the CSS custom
//! properties `style/main.css` reads, with derived hover, pressed and focus
//! shades and a readable text colour on top of it.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rrggbb` or `#rgb`; anything else is `None`, so an operator's
    /// typo falls back to the default theme instead of breaking the page.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.trim().strip_prefix('#')?;
        let byte = |digits: &str| u8::from_str_radix(digits, 16).ok();
        let pair = |i: usize| byte(hex.get(i..)?.get(..2)?);
        // `#abc` is `#aabbcc`.
        let double = |i: usize| byte(&hex.get(i..=i)?.repeat(2));
        match hex.len() {
            6 => Some(Self(pair(0)?, pair(2)?, pair(4)?)),
            3 => Some(Self(double(0)?, double(1)?, double(2)?)),
            _ => None,
        }
    }

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Moves the HSL lightness by `delta` (-1.0 to 1.0).
    pub fn lighten(self, delta: f64) -> Self {
        let (h, s, l) = self.to_hsl();
        from_hsl(h, s, (l + delta).clamp(0.0, 1.0))
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                pow_2_4((c + 0.055) / 1.055)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG contrast ratio between two colours (1.0 to 21.0).
    pub fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    fn to_hsl(self) -> (f64, f64, f64) {
        let [r, g, b] = [self.0, self.1, self.2].map(|c| f64::from(c) / 255.0);
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        if max == min {
            return (0.0, 0.0, l);
        }
        let d = max - min;
        let s = if l > 0.5 {
            d / (2.0 - max - min)
        } else {
            d / (max + min)
        };
        let h = if max == r {
            (g - b) / d + if g < b { 6.0 } else { 0.0 }
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        (h / 6.0, s, l)
    }
}

/// `x^2.4` for `x` in `(0, 1]`: `x² · (x²)^(1/5)`, the fifth root by
/// Newton's method. `powf` would bring the math library's `pow` (2 KB of
/// code) into a page with a size budget.
fn pow_2_4(x: f64) -> f64 {
    let square = x * x;
    let mut root = 1.0_f64;
    for _ in 0..40 {
        let fourth = (root * root) * (root * root);
        let next = (4.0 * root + square / fourth) / 5.0;
        if (next - root).abs() < 1e-15 {
            break;
        }
        root = next;
    }
    square * root
}

fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
    if s == 0.0 {
        let v = (l * 255.0).round() as u8;
        return Rgb(v, v, v);
    }
    let q = if l < 0.5 {
        l * (1.0 + s)
    } else {
        l + s - l * s
    };
    let p = 2.0 * l - q;
    let hue = |mut t: f64| {
        if t < 0.0 {
            t += 1.0;
        }
        if t > 1.0 {
            t -= 1.0;
        }
        let v = if t < 1.0 / 6.0 {
            p + (q - p) * 6.0 * t
        } else if t < 0.5 {
            q
        } else if t < 2.0 / 3.0 {
            p + (q - p) * (2.0 / 3.0 - t) * 6.0
        } else {
            p
        };
        (v * 255.0).round() as u8
    };
    Rgb(hue(h + 1.0 / 3.0), hue(h), hue(h - 1.0 / 3.0))
}

const WHITE: Rgb = Rgb(255, 255, 255);
const BLACK: Rgb = Rgb(0, 0, 0);

/// The custom properties for a brand colour, as CSS declarations.
///
/// Hover and pressed shades move lightness by 10 % as Logto's page does
/// (lighter in dark mode, darker in light mode); the text on the brand
/// colour is white or black, whichever contrasts more, so that a light brand
/// colour stays readable.
pub fn brand_properties(primary: Rgb, dark: bool) -> String {
    let step = if dark { 0.1 } else { -0.1 };
    let on_brand = if primary.contrast(WHITE) >= primary.contrast(BLACK) {
        WHITE
    } else {
        BLACK
    };
    // Links are text on the surface: shaded until they read (WCAG AA, 4.5:1).
    let surface = if dark { Rgb(0x1a, 0x1c, 0x1d) } else { WHITE };
    let mut link = primary;
    for _ in 0..10 {
        if link.contrast(surface) >= 4.5 {
            break;
        }
        link = link.lighten(step);
    }
    format!(
        "--color-brand-default:{};--color-brand-hover:{};--color-brand-pressed:{};\
         --color-focus-ring:rgb({} {} {} / 0.35);--color-on-brand:{};--color-type-link:{};",
        primary.to_hex(),
        primary.lighten(step).to_hex(),
        primary.lighten(step * 2.0).to_hex(),
        primary.0,
        primary.1,
        primary.2,
        on_brand.to_hex(),
        link.to_hex(),
    )
}

/// Whether an image URL from the settings may be shown: any scheme the
/// server returns (https:, data:, http:, an app's own), but never script.
pub fn image_url(url: &str) -> bool {
    let url = url.trim_start();
    !url.is_empty()
        && !url
            .get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_from_any_scheme_but_script() {
        for url in [
            "https://example.com/logo.png",
            "http://example.com/logo.png",
            "data:image/png;base64,AAAA",
            "mock://fake-url-for-app/logo.png",
            "/logo.svg",
        ] {
            assert!(image_url(url), "{url}");
        }
        for url in ["", "javascript:alert(1)", " JavaScript:alert(1)"] {
            assert!(!image_url(url), "{url}");
        }
    }

    #[test]
    fn power_matches_the_math_library() {
        for i in 1..=1000 {
            let x = f64::from(i) / 1000.0;
            assert!((super::pow_2_4(x) - x.powf(2.4)).abs() < 1e-12, "{x}");
        }
    }

    #[test]
    fn parses_hex_colours() {
        assert_eq!(Rgb::parse("#6139F6"), Some(Rgb(0x61, 0x39, 0xf6)));
        assert_eq!(Rgb::parse(" #fff "), Some(WHITE));
        assert_eq!(Rgb::parse("6139F6"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#ggg"), None);
        assert_eq!(Rgb::parse("#éé"), None);
    }

    #[test]
    fn links_keep_their_contrast() {
        let link = |css: &str| {
            let hex = css.split("--color-type-link:").nth(1).unwrap();
            Rgb::parse(&hex[..7]).unwrap()
        };
        let light = link(&brand_properties(Rgb(0x0a, 0x7c, 0xff), false));
        assert!(light.contrast(WHITE) >= 4.5);
        assert_ne!(light, Rgb(0x0a, 0x7c, 0xff));
        let dark = link(&brand_properties(Rgb(0x20, 0x20, 0x60), true));
        assert!(dark.contrast(Rgb(0x1a, 0x1c, 0x1d)) >= 4.5);
        // A brand colour that reads already is kept.
        let kept = link(&brand_properties(Rgb(0x61, 0x39, 0xf6), false));
        assert_eq!(kept, Rgb(0x61, 0x39, 0xf6));
    }

    #[test]
    fn lightness_round_trips() {
        let brand = Rgb(0x61, 0x39, 0xf6);
        assert_eq!(brand.lighten(0.0), brand);
        assert!(brand.lighten(-0.1).luminance() < brand.luminance());
        assert!(brand.lighten(0.1).luminance() > brand.luminance());
        assert_eq!(Rgb(10, 10, 10).lighten(-1.0), BLACK);
    }

    #[test]
    fn text_on_the_brand_colour_stays_readable() {
        assert!(brand_properties(Rgb(0x61, 0x39, 0xf6), false).contains("--color-on-brand:#ffffff"));
        assert!(brand_properties(Rgb(0xff, 0xe0, 0x66), false).contains("--color-on-brand:#000000"));
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 0.01);
    }
}
