//! Text normalisation for command parsing.
//!
//! The output keeps letters, digits, `$ % + & @` (they tell what a number is: `500$`,
//! `+91`, `50%`; currency signs fold to `$`) and the four contextual separators
//! `. : / -`; everything else that separates words (spaces, punctuation, emoji, symbols)
//! becomes one ASCII space.

use unicode_normalization::UnicodeNormalization;

/// Lower-cases and folds `text` so that equivalent spellings compare equal.
///
/// ASCII text takes a fast path. Other text goes through NFKC (full-width letters and
/// digits, mathematical bold, non-breaking spaces, ligatures), lower-casing and [`fold`].
/// `№` becomes `#` first, because NFKC would turn it into the letters `No`.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        out.extend(text.chars().map(fold_ascii));
        return out;
    }
    let replaced = text.chars().map(|c| if c == '№' { '#' } else { c });
    for c in replaced.nfkc() {
        for lower in c.to_lowercase() {
            if let Some(folded) = fold(lower) {
                out.push(folded);
            }
        }
    }
    out
}

/// Folds one lower-cased ASCII character: word characters stay, separators become a space.
fn fold_ascii(c: char) -> char {
    let c = c.to_ascii_lowercase();
    match c {
        'a'..='z' | '0'..='9' | '$' | '%' | '+' | '&' | '@' | '.' | ':' | '/' | '-' => c,
        _ => ' ',
    }
}

/// Folds one lower-cased character after NFKC; `None` drops it (joiners, variation
/// selectors, combining marks that only decorate).
fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(fold_ascii(c));
    }
    if let Some(digit) = ascii_digit(c) {
        return Some(digit);
    }
    let folded = match c {
        // Zero-width joiners, variation selectors, keycap, BOM, word joiner, the dot that
        // lower-casing the Turkish `İ` leaves, Arabic tatweel and vowel marks.
        '\u{200C}'
        | '\u{200D}'
        | '\u{FE0E}'
        | '\u{FE0F}'
        | '\u{20E3}'
        | '\u{FEFF}'
        | '\u{2060}'
        | '\u{0307}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{E0020}'..='\u{E007F}' => return None,
        // Currency signs, so that `₹500`, `500€` and `R$ 50` read as amounts.
        '¢' | '£' | '¥' | '€' | '₹' | '₺' | '₽' | '₦' | '₱' | '৳' | '₩' | '₫' => {
            '$'
        }
        // Dashes and minus signs.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' => '-',
        // Latin letters with accents, as customers type them with or without.
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ğ' => 'g',
        'ş' => 's',
        'ё' => '\u{0435}', // Cyrillic yo to Cyrillic ie
        // Arabic and Urdu letter variants.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ي' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ہ' | 'ۃ' => 'ه',
        'ؤ' => 'و',
        _ if is_separator(c) => ' ',
        _ => c,
    };
    Some(folded)
}

/// Decimal digits of the scripts panel customers write in, as ASCII. Full-width and
/// mathematical digits are already ASCII after NFKC.
fn ascii_digit(c: char) -> Option<char> {
    /// The code point of digit zero in Arabic-Indic, Extended Arabic-Indic (Persian, Urdu),
    /// Devanagari, Bengali, Gurmukhi, Gujarati and Thai.
    const ZEROS: [u32; 7] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0E50];
    let code = u32::from(c);
    ZEROS
        .iter()
        .find(|zero| (**zero..**zero + 10).contains(&code))
        .and_then(|zero| char::from_digit(code - zero, 10))
}

/// Non-ASCII characters that separate words: white space, punctuation, symbols and emoji.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00A1}'..='\u{00BF}' // Latin-1 punctuation and symbols: ¿ ¡ « » ° ·
            | '\u{00D7}' | '\u{00F7}' // × ÷
            | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{06D4}' // Arabic , ; ? and Urdu full stop
            | '\u{0964}' | '\u{0965}' // Devanagari danda
            | '\u{200B}' // zero-width space
            | '\u{2016}'..='\u{205F}' // general punctuation: quotes, bullets, ellipsis
            | '\u{2190}'..='\u{2BFF}' // arrows, maths, technical, dingbats, misc symbols
            | '\u{3000}'..='\u{303F}' // CJK punctuation
            | '\u{1F000}'..='\u{1FAFF}' // emoji, flags (regional indicators), skin tones
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_lower_cased_and_punctuation_becomes_space() {
        assert_eq!(normalize("REFILL #123, 456!"), "refill  123  456 ");
        assert_eq!(normalize("10:30 1.5 a-b"), "10:30 1.5 a-b");
    }

    #[test]
    fn unicode_digits_and_widths_fold_to_ascii() {
        assert_eq!(normalize("٢٢٧٤٢٠٩"), "2274209");
        assert_eq!(normalize("۱۲۳"), "123");
        assert_eq!(normalize("१२३"), "123");
        assert_eq!(normalize("１２３ ＲＥＦＩＬＬ"), "123 refill");
        assert_eq!(normalize("𝟭𝟮𝟯 𝗿𝗲𝗳𝗶𝗹𝗹"), "123 refill");
    }

    #[test]
    fn spaces_dashes_and_emoji_fold() {
        assert_eq!(normalize("123\u{00A0}refill"), "123 refill");
        assert_eq!(normalize("speed–up"), "speed-up");
        assert_eq!(normalize("123 refill🙏"), "123 refill ");
        assert_eq!(normalize("1\u{FE0F}\u{20E3}2\u{FE0F}\u{20E3}"), "12");
    }

    #[test]
    fn letters_fold_across_spellings() {
        assert_eq!(normalize("İPTAL"), "iptal");
        assert_eq!(normalize("Reposição"), "reposicao");
        assert_eq!(normalize("إلغاء"), normalize("الغاء"));
        assert_eq!(normalize("№ 5"), "  5");
        assert_eq!(normalize("₹500 €5 £5"), "$500 $5 $5");
    }
}
