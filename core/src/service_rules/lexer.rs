//! Cutting a service name into segments of numbers, words and symbols.

use unicode_normalization::UnicodeNormalization;

/// One piece of a service name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Token {
    /// A run of ASCII digits (saturating at `u32::MAX`).
    Number(u32),
    /// A run of letters, lower case. A word glued to a following "refil…" is cut before it
    /// (`timerefill` → `time`, `refill`); two-word lifetimes (`life time`, `life-time`,
    /// `ömür boyu`, `seumur hidup`, `por vida`) become `lifetime`, Indonesian `isi ulang`
    /// becomes `refill`.
    Word(String),
    /// A standalone refill code: `r30` → `Some(30)`, `r∞` → `None` (lifetime).
    RefillCode(Option<u32>),
    /// Any other character: punctuation, emoji (`♻`, `🔄`), `∞`. Every dash is `-`.
    Symbol(char),
}

/// The tokens between two of the delimiters `| [ ] ( ) { }`.
pub(crate) type Segment = Vec<Token>;

/// The characters read of a name; the rest is ignored so the work stays bounded.
const MAX_CHARS: usize = 1024;

/// Normalises a service name (NFKC, so mathematical bold and full-width forms are plain;
/// small capitals folded; lower case; no variation selectors or joiners) and cuts its first
/// [`MAX_CHARS`] characters into non-empty segments.
pub(crate) fn lex(name: &str) -> Vec<Segment> {
    let chars: Vec<char> = name
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(fold_small_capital)
        .filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{200D}'))
        .take(MAX_CHARS)
        .collect();
    let mut segments = Vec::new();
    let mut current = Segment::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c.is_whitespace() {
            index += 1;
        } else if matches!(c, '|' | '[' | ']' | '(' | ')' | '{' | '}') {
            if !current.is_empty() {
                segments.push(std::mem::take(&mut current));
            }
            index += 1;
        } else if c.is_ascii_digit() {
            let (number, end) = read_number(&chars, index);
            current.push(Token::Number(number));
            index = end;
        } else if c.is_alphabetic() {
            let end = chars[index..]
                .iter()
                .position(|c| !c.is_alphabetic())
                .map_or(chars.len(), |offset| index + offset);
            index = match refill_code(&chars, index, end) {
                Some((code, code_end)) => {
                    current.push(Token::RefillCode(code));
                    code_end
                }
                None => {
                    push_word(&mut current, chars[index..end].iter().collect());
                    end
                }
            };
        } else {
            current.push(Token::Symbol(if is_dash(c) { '-' } else { c }));
            index += 1;
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

/// Reads the digits starting at `start`: their value and the index after them.
fn read_number(chars: &[char], start: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut index = start;
    while let Some(digit) = chars.get(index).and_then(|c| c.to_digit(10)) {
        value = value.saturating_mul(10).saturating_add(digit);
        index += 1;
    }
    (value, index)
}

/// A standalone `r<digits>` or `r∞` at `start`, where the letters run to `letters_end`:
/// the code and the index after it. `Server1` and `r30x` are not codes.
fn refill_code(chars: &[char], start: usize, letters_end: usize) -> Option<(Option<u32>, usize)> {
    let standalone_before = start == 0 || !chars[start - 1].is_alphanumeric();
    if letters_end != start + 1 || chars[start] != 'r' || !standalone_before {
        return None;
    }
    match chars.get(letters_end) {
        Some('∞') => Some((None, letters_end + 1)),
        Some(c) if c.is_ascii_digit() => {
            let (days, end) = read_number(chars, letters_end);
            let standalone_after = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
            (standalone_after && days > 0).then_some((Some(days), end))
        }
        _ => None,
    }
}

/// Pushes a word, cutting it before a glued "refil…" and joining two-word phrases.
fn push_word(segment: &mut Segment, word: String) {
    if let Some(position) = word.find("refil").filter(|position| *position > 0) {
        let (head, tail) = word.split_at(position);
        push_word(segment, head.to_owned());
        push_word(segment, tail.to_owned());
        return;
    }
    let joined = |first: &str| {
        PHRASES
            .iter()
            .find(|(a, b, _)| *a == first && *b == word)
            .map(|(_, _, joined)| *joined)
    };
    let (dropped, phrase) = match segment.as_slice() {
        [.., Token::Word(first)] => (1, joined(first)),
        [.., Token::Word(first), Token::Symbol('-')] => (2, joined(first)),
        _ => (0, None),
    };
    if let Some(phrase) = phrase {
        segment.truncate(segment.len() - dropped);
        segment.push(Token::Word(phrase.to_owned()));
        return;
    }
    segment.push(Token::Word(word));
}

/// Two words that together are one (`life time`, `life-time` → `lifetime`).
const PHRASES: &[(&str, &str, &str)] = &[
    ("life", "time", "lifetime"),
    ("ömür", "boyu", "lifetime"),
    ("omur", "boyu", "lifetime"),
    ("seumur", "hidup", "lifetime"),
    ("por", "vida", "lifetime"),
    ("para", "sempre", "lifetime"),
    ("for", "life", "lifetime"),
    ("isi", "ulang", "refill"),
];

/// Small capitals (`ʀᴇꜰɪʟʟ`), which NFKC leaves alone, as plain lower-case letters.
fn fold_small_capital(c: char) -> char {
    match c {
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ǫ' => 'q',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        other => other,
    }
}

/// Hyphens, dashes and minus signs.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Punctuation that may sit between a keyword and its value (`Refill:- 30 Days`).
pub(crate) fn is_filler(token: &Token) -> bool {
    matches!(
        token,
        Token::Symbol(':' | '-' | '=' | '~' | '.' | ',' | '!' | '>' | '*' | '#')
    )
}

/// The index of the first token at or after `index` that is not filler punctuation.
pub(crate) fn next_meaningful(segment: &[Token], index: usize) -> Option<usize> {
    (index..segment.len()).find(|i| !is_filler(&segment[*i]))
}

/// The index of the last token before `index` that is not filler punctuation.
pub(crate) fn previous_meaningful(segment: &[Token], index: usize) -> Option<usize> {
    (0..index).rev().find(|i| !is_filler(&segment[*i]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Token::*;

    fn word(text: &str) -> Token {
        Word(text.to_owned())
    }

    #[test]
    fn names_are_cut_into_segments_of_tokens() {
        assert_eq!(
            lex("Likes [Refill: 30D] | 10K/Day"),
            vec![
                vec![word("likes")],
                vec![word("refill"), Symbol(':'), Number(30), word("d")],
                vec![Number(10), word("k"), Symbol('/'), word("day")],
            ]
        );
    }

    #[test]
    fn unicode_is_normalised() {
        assert_eq!(
            lex("𝗥𝗲𝗳𝗶𝗹𝗹 𝟯𝟬 𝗗𝗮𝘆𝘀"),
            vec![vec![word("refill"), Number(30), word("days")]]
        );
        assert_eq!(
            lex("0–10 Min"),
            vec![vec![Number(0), Symbol('-'), Number(10), word("min")]]
        );
        assert_eq!(
            lex("30 Days ♻️"),
            vec![vec![Number(30), word("days"), Symbol('♻')]]
        );
    }

    #[test]
    fn refill_codes_stand_alone() {
        assert_eq!(lex("[R365]"), vec![vec![RefillCode(Some(365))]]);
        assert_eq!(lex("R∞"), vec![vec![RefillCode(None)]]);
        assert_eq!(lex("Server1"), vec![vec![word("server"), Number(1)]]);
        assert_eq!(lex("R30x"), vec![vec![word("r"), Number(30), word("x")]]);
        assert_eq!(lex("AR30"), vec![vec![word("ar"), Number(30)]]);
    }

    #[test]
    fn glued_words_are_separated() {
        assert_eq!(
            lex("Life-timeRefill♻️"),
            vec![vec![word("lifetime"), word("refill"), Symbol('♻')]]
        );
        assert_eq!(
            lex("Life Time Refill"),
            vec![vec![word("lifetime"), word("refill")]]
        );
        assert_eq!(lex("365days"), vec![vec![Number(365), word("days")]]);
        assert_eq!(lex("99999999999"), vec![vec![Number(u32::MAX)]]);
        assert_eq!(lex("Ömür Boyu"), vec![vec![word("lifetime")]]);
        assert_eq!(lex("de por vida"), vec![vec![word("de"), word("lifetime")]]);
    }

    #[test]
    fn small_capitals_are_folded() {
        assert_eq!(lex("ɴᴏ ʀᴇꜰɪʟʟ"), vec![vec![word("no"), word("refill")]]);
    }

    #[test]
    fn long_names_are_cut() {
        let name = "refill 30 days ".repeat(10_000);
        let tokens: usize = lex(&name).iter().map(Vec::len).sum();
        assert!(tokens <= MAX_CHARS);
    }
}
