//! What the words of panel catalogues mean, in the languages they are written in (English,
//! Indonesian, Russian, Turkish, Portuguese, Spanish), with typo tolerance for the refill and
//! guarantee words panels misspell.

use super::lexer::Token;
use super::typo::within_edits;

/// Whether a word announces a refill or guarantee: `refill` and its typos (`refil`,
/// `reffil`), `guarantee` and its typos (`gurantee`, `guarented`), `warranty`, `garansi`,
/// `garanti(li)`, `garantia`, `гарантия`, `рефилл`, `восстановление`, `reposição`, `telafi`.
/// Denials written as one word (`garantisiz`) are not refill words.
pub(crate) fn is_refill_text(word: &str) -> bool {
    if is_denial_text(word) {
        return false;
    }
    const PREFIXES: &[&str] = &[
        "refil",
        "guarant",
        "warrant",
        "garant",
        "garansi",
        "bergaransi",
        "reposi",
        "telafi",
        "гарант",
        "рефил",
        "восстановл",
        "автовосстановл",
        "докрут",
        "автодокрут",
    ];
    const WORDS: &[&str] = &["relleno", "reposição", "reposicao"];
    PREFIXES.iter().any(|prefix| word.starts_with(prefix))
        || WORDS.contains(&word)
        || is_refill_typo(word)
}

/// `reffil`, `refll`, `gurantee`, `gaurantee`, `guarented`: close to `refill` or `guarantee`.
fn is_refill_typo(word: &str) -> bool {
    let length = word.chars().count();
    let refill = word.starts_with('r') && length >= 5 && within_edits(word, "refill", 2);
    let guarantee = word.starts_with('g')
        && length >= 7
        && (within_edits(word, "guarantee", 2) || within_edits(word, "guaranteed", 2));
    refill || guarantee
}

/// Words that make the period after them a guarantee though they are not refill words
/// (`Working For 1 Year`); they never deny and never make "instant" a refill.
pub(crate) fn is_period_marker_text(word: &str) -> bool {
    matches!(word, "working")
}

/// Short refill codes that take a number: `r 30`, `ar30`, `rav 60` (the lexer already reads
/// a glued `r30` as a code).
pub(crate) fn is_code_text(word: &str) -> bool {
    matches!(word, "r" | "ar" | "rav")
}

/// Whether a word alone denies refill: `nr`, Turkish `garantisiz` / `telafisiz`.
pub(crate) fn is_denial_text(word: &str) -> bool {
    matches!(
        word,
        "nr" | "garantisiz" | "telafisiz" | "refillsiz" | "garansiz"
    )
}

/// Words that negate the refill word after them (`no refill`, `tanpa garansi`,
/// `без гарантии`, `sem reposição`, `gak ada refill`).
pub(crate) const NEGATIONS: &[&str] = &[
    "no", "non", "not", "without", "sem", "sin", "без", "нет", "tanpa", "gak", "ga", "nggak",
    "tidak", "tak", "bukan", "tiada", "não", "nao", "nahi", "nahin",
];

/// Words between a negation and its refill word (`gak ada refill`, `tidak ada garansi`,
/// `não tem reposição`).
pub(crate) const NEGATION_FILLERS: &[&str] = &["ada", "tem"];

/// Words that answer "no" after a refill word (`refill: no`, `garanti yok`, `refill: off`,
/// `refill disabled`, `refill not available`).
pub(crate) const ANSWERS_NO: &[&str] = &[
    "no",
    "none",
    "not",
    "false",
    "off",
    "disabled",
    "unavailable",
    "нет",
    "não",
    "nao",
    "yok",
    "tidak",
    "gak",
    "nonaktif",
    "nahi",
    "nahin",
];

/// Words that may sit between a refill word and its period (`refill button 30 days`,
/// `refill button working for 1 year`, `guarantee up to 90 days`, `refill period: 45 days`)
/// or between a period and a refill word after it (`7 дней без списаний ♻`).
pub(crate) const REFILL_BRIDGES: &[&str] = &[
    "button",
    "buton",
    "butonu",
    "working",
    "works",
    "work",
    "for",
    "period",
    "periode",
    "up",
    "to",
    "upto",
    "of",
    "valid",
    "available",
    "active",
    "aktif",
    "until",
    "hingga",
    "sampai",
    "selama",
    "течение",
    "на",
    "süresi",
    "boyunca",
    "auto",
    "авто",
    "otomatis",
    "yes",
    "ya",
    "evet",
    "да",
    "sim",
    "sí",
    "si",
    "de",
    "da",
    "do",
    "non",
    "zero",
    "less",
    "low",
    "drop",
    "без",
    "списаний",
    "списания",
    "от",
];

/// Whether a word means lifetime (`life time` and its translations are joined by the
/// lexer); `liftime` and other one-letter slips count.
pub(crate) fn is_lifetime_text(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "lifetime",
        "vitalício",
        "vitalicio",
        "vitalícia",
        "vitalicia",
        "пожизненная",
        "пожизненно",
        "пожизненный",
        "пожизненной",
        "навсегда",
        "selamanya",
        "forever",
        "permanent",
        "permanen",
        "permanente",
        "eterna",
        "eterno",
        "вечная",
        "вечный",
        "вечно",
        "kalıcı",
        "kalici",
    ];
    WORDS.contains(&word)
        || (word.starts_with("li")
            && word.chars().count() >= 7
            && within_edits(word, "lifetime", 1))
}

/// Whether a word means an instant start.
pub(crate) fn is_instant_text(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "instant",
        "instantly",
        "superinstant",
        "immediate",
        "immediately",
        "instan",
        "imediato",
        "instantâneo",
        "instantaneo",
        "instantáneo",
        "inmediato",
        "anında",
        "aninda",
        "anlık",
        "anlik",
    ];
    WORDS.contains(&word) || word.starts_with("моментальн") || word.starts_with("мгновенн")
}

/// Words that introduce a start time.
pub(crate) const START_WORDS: &[&str] = &[
    "start",
    "starts",
    "starting",
    "старт",
    "início",
    "inicio",
    "mulai",
    "başlangıç",
    "baslangic",
    "başlar",
    "baslar",
    "başlama",
    "baslama",
];

/// Words skipped between a start word and its value (`Start Time: …`, `Start in …`,
/// `Início em até 1 hora`).
pub(crate) const START_FILLERS: &[&str] = &[
    "time",
    "süresi",
    "suresi",
    "in",
    "within",
    "через",
    "em",
    "en",
    "dalam",
    "up",
    "to",
    "upto",
    "até",
    "ate",
    "до",
    "hingga",
    "sampai",
];

/// Words before a duration that make it a repeat interval, not a period (`every 24 hours`).
pub(crate) const EVERY: &[&str] = &["every", "each", "setiap", "каждые", "каждый", "her", "cada"];

/// Whether a token is a word from `words`.
pub(crate) fn is_word_in(token: &Token, words: &[&str]) -> bool {
    matches!(token, Token::Word(word) if words.contains(&word.as_str()))
}

/// Whether a token is a word the predicate accepts.
pub(crate) fn is_word_where(token: &Token, accept: fn(&str) -> bool) -> bool {
    matches!(token, Token::Word(word) if accept(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refill_words_in_several_languages_and_typos() {
        for word in [
            "refill",
            "refil",
            "reffil",
            "guarantee",
            "guaranted",
            "guarented",
            "gurantee",
            "gaurantee",
            "warranty",
            "garansi",
            "bergaransi",
            "garanti",
            "garantili",
            "garantia",
            "garantía",
            "гарантия",
            "рефилл",
            "восстановление",
            "reposição",
            "telafili",
        ] {
            assert!(is_refill_text(word), "{word}");
        }
        for word in [
            "refund",
            "garantisiz",
            "reels",
            "guard",
            "general",
            "retail",
        ] {
            assert!(!is_refill_text(word), "{word}");
        }
    }

    #[test]
    fn lifetime_and_instant_words() {
        assert!(is_lifetime_text("liftime"));
        assert!(is_lifetime_text("навсегда"));
        assert!(!is_lifetime_text("life"));
        assert!(is_instant_text("моментальный"));
        assert!(is_instant_text("anlık"));
        assert!(!is_instant_text("fast"));
    }
}
