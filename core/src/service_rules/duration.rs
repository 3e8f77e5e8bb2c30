//! Durations in service names: `30 days`, `0-1 hour`, `12h-48h`, `30-day`, `3month`.

use super::lexer::{Segment, Token};

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A number of units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Amount {
    pub value: u32,
    pub unit: Unit,
}

impl Amount {
    /// In whole minutes, seconds rounded up; `None` for months and years (never a start
    /// time) or on overflow.
    pub fn minutes(self) -> Option<u32> {
        match self.unit {
            Unit::Second => Some(self.value.div_ceil(60)),
            Unit::Minute => Some(self.value),
            Unit::Hour => self.value.checked_mul(60),
            Unit::Day => self.value.checked_mul(24 * 60),
            Unit::Week => self.value.checked_mul(7 * 24 * 60),
            Unit::Month | Unit::Year => None,
        }
    }

    /// Roughly in seconds (a month is 30 days, a year 365), to compare amounts.
    fn rough_seconds(self) -> u64 {
        const DAY: u64 = 24 * 60 * 60;
        let per_unit = match self.unit {
            Unit::Second => 1,
            Unit::Minute => 60,
            Unit::Hour => 60 * 60,
            Unit::Day => DAY,
            Unit::Week => 7 * DAY,
            Unit::Month => 30 * DAY,
            Unit::Year => 365 * DAY,
        };
        u64::from(self.value) * per_unit
    }

    /// In days (a month is 30, a year 365); `None` below a day or on overflow.
    pub fn days(self) -> Option<u32> {
        match self.unit {
            Unit::Second | Unit::Minute | Unit::Hour => None,
            Unit::Day => Some(self.value),
            Unit::Week => self.value.checked_mul(7),
            Unit::Month => self.value.checked_mul(30),
            Unit::Year => self.value.checked_mul(365),
        }
    }
}

/// A duration found in a segment: one amount or a range, and where it sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Duration {
    /// The single value, or the lower bound of a range.
    pub low: Amount,
    /// The upper bound of a range.
    pub high: Option<Amount>,
    /// Index of its first token in the segment.
    pub start: usize,
    /// Index after its last token.
    pub end: usize,
    /// Whether its unit is a lone `m`, which may be minutes or millions (`20M`, `Max 3m`).
    pub ambiguous: bool,
}

/// Every duration in a segment, left to right, not overlapping.
pub(crate) fn durations(segment: &Segment) -> Vec<Duration> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < segment.len() {
        match duration_at(segment, index) {
            Some(duration) => {
                index = duration.end;
                found.push(duration);
            }
            None => index += 1,
        }
    }
    found
}

/// The duration starting at `start`, if any. Shapes: `N unit`, `N-unit`, `N-M unit`,
/// `N to M unit`, `N unit-M unit`, `N+ unit`, and the Russian compact `N-M/ч`, `N-M/м`.
/// A number followed by anything else (`10k/day`, `5 posts`, `30k per day`, `500/д`) is not
/// a duration.
fn duration_at(segment: &Segment, start: usize) -> Option<Duration> {
    let first = number(segment.get(start))?;
    let after_first = skip_plus(segment, start + 1);
    if let Some(low_unit) = unit(segment.get(after_first)) {
        let low = Amount {
            value: first,
            unit: low_unit,
        };
        let low_ambiguous = is_lone_m(segment.get(after_first));
        if is_range_mark(segment.get(after_first + 1)) {
            if let Some(value) = number(segment.get(after_first + 2)) {
                let unit_at = skip_plus(segment, after_first + 3);
                let high = unit(segment.get(unit_at)).map(|unit| Amount { value, unit });
                if let Some(high) = high.filter(|high| high.rough_seconds() >= low.rough_seconds())
                {
                    return Some(Duration {
                        low,
                        high: Some(high),
                        start,
                        end: unit_at + 1,
                        ambiguous: low_ambiguous || is_lone_m(segment.get(unit_at)),
                    });
                }
            }
        }
        return Some(Duration {
            low,
            high: None,
            start,
            end: after_first + 1,
            ambiguous: low_ambiguous,
        });
    }
    let mut index = after_first;
    let mut high_value = None;
    if is_range_mark(segment.get(index)) {
        if let Some(value) = number(segment.get(index + 1)) {
            high_value = Some(value);
            index = skip_plus(segment, index + 2);
        }
    }
    if high_value.is_none() && segment.get(index) == Some(&Token::Symbol('-')) {
        index += 1;
    }
    let (unit, end) = match unit(segment.get(index)) {
        Some(unit) => (unit, index + 1),
        None => (slash_unit(segment, index)?, index + 2),
    };
    Some(Duration {
        low: Amount { value: first, unit },
        high: high_value.map(|value| Amount { value, unit }),
        start,
        end,
        ambiguous: is_lone_m(segment.get(index)),
    })
}

/// The index after an optional `+` at `index` (`30+ days`).
fn skip_plus(segment: &Segment, index: usize) -> usize {
    if segment.get(index) == Some(&Token::Symbol('+')) {
        index + 1
    } else {
        index
    }
}

/// The unit of the Russian compact `/ч` (hours) or `/м` (minutes) at `index`.
fn slash_unit(segment: &Segment, index: usize) -> Option<Unit> {
    if segment.get(index) != Some(&Token::Symbol('/')) {
        return None;
    }
    match segment.get(index + 1) {
        Some(Token::Word(word)) if word == "ч" => Some(Unit::Hour),
        Some(Token::Word(word)) if word == "м" => Some(Unit::Minute),
        _ => None,
    }
}

fn is_lone_m(token: Option<&Token>) -> bool {
    matches!(token, Some(Token::Word(word)) if word == "m")
}

fn number(token: Option<&Token>) -> Option<u32> {
    match token {
        Some(Token::Number(value)) => Some(*value),
        _ => None,
    }
}

fn unit(token: Option<&Token>) -> Option<Unit> {
    match token {
        Some(Token::Word(word)) => unit_of(word),
        _ => None,
    }
}

fn is_range_mark(token: Option<&Token>) -> bool {
    match token {
        Some(Token::Symbol(symbol)) => matches!(symbol, '-' | '~'),
        Some(Token::Word(word)) => matches!(word.as_str(), "to" | "a" | "até" | "ate" | "до"),
        _ => false,
    }
}

/// The unit a word names, in the languages of panel catalogues.
fn unit_of(word: &str) -> Option<Unit> {
    let unit = match word {
        "s" | "sec" | "secs" | "second" | "seconds" | "сек" | "секунд" | "секунды" | "seg"
        | "segundo" | "segundos" | "detik" | "saniye" => Unit::Second,
        "m" | "min" | "mins" | "mint" | "mints" | "minute" | "minutes" | "menit" | "мин"
        | "минута" | "минуты" | "минут" | "minuto" | "minutos" | "dakika" | "dk" => {
            Unit::Minute
        }
        "h" | "hr" | "hrs" | "hour" | "hours" | "час" | "часа" | "часов" | "ч" | "hora"
        | "horas" | "jam" | "saat" => Unit::Hour,
        "d" | "day" | "days" | "день" | "дня" | "дней" | "dia" | "dias" | "día" | "días"
        | "hari" | "gün" | "gun" | "günlük" | "gunluk" | "д" | "дн" | "сут" | "суток" | "сутки" => {
            Unit::Day
        }
        "w" | "wk" | "week" | "weeks" | "неделя" | "недели" | "недель" | "semana" | "semanas"
        | "minggu" | "hafta" => Unit::Week,
        "month" | "months" | "месяц" | "месяца" | "месяцев" | "мес" | "mes" | "meses" | "mês"
        | "bulan" | "ay" | "aylık" | "aylik" => Unit::Month,
        "y" | "yr" | "yrs" | "year" | "years" | "год" | "года" | "лет" | "ano" | "anos" | "año"
        | "años" | "tahun" | "yıl" | "yil" | "yıllık" | "yillik" => Unit::Year,
        _ => return None,
    };
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::super::lexer::lex;
    use super::*;

    fn first_duration(text: &str) -> Option<(Amount, Option<Amount>)> {
        let segments = lex(text);
        let segment = segments.first()?;
        durations(segment).first().map(|d| (d.low, d.high))
    }

    fn amount(value: u32, unit: Unit) -> Amount {
        Amount { value, unit }
    }

    #[test]
    fn reads_the_shapes_of_durations() {
        use Unit::*;
        assert_eq!(first_duration("30 Days"), Some((amount(30, Day), None)));
        assert_eq!(first_duration("30-Day"), Some((amount(30, Day), None)));
        assert_eq!(first_duration("365days"), Some((amount(365, Day), None)));
        assert_eq!(
            first_duration("0-1 Hour"),
            Some((amount(0, Hour), Some(amount(1, Hour))))
        );
        assert_eq!(
            first_duration("30 - 90Days"),
            Some((amount(30, Day), Some(amount(90, Day))))
        );
        assert_eq!(
            first_duration("12H-48H"),
            Some((amount(12, Hour), Some(amount(48, Hour))))
        );
        assert_eq!(
            first_duration("0 to 6 hours"),
            Some((amount(0, Hour), Some(amount(6, Hour))))
        );
        assert_eq!(first_duration("3month"), Some((amount(3, Month), None)));
        assert_eq!(
            first_duration("0-10Mint"),
            Some((amount(0, Minute), Some(amount(10, Minute))))
        );
    }

    #[test]
    fn reads_russian_compact_and_plus_forms() {
        use Unit::*;
        assert_eq!(
            first_duration("0-6/Ч"),
            Some((amount(0, Hour), Some(amount(6, Hour))))
        );
        assert_eq!(
            first_duration("0-15/М"),
            Some((amount(0, Minute), Some(amount(15, Minute))))
        );
        assert_eq!(first_duration("60Д"), Some((amount(60, Day), None)));
        assert_eq!(first_duration("1+ день"), Some((amount(1, Day), None)));
        assert_eq!(first_duration("500/Д"), None);
    }

    #[test]
    fn ranges_never_shrink() {
        use Unit::*;
        assert_eq!(
            first_duration("4000 Hours - 60 Days Refill"),
            Some((amount(4000, Hour), None))
        );
        assert_eq!(
            first_duration("12 Hours - 2 Days"),
            Some((amount(12, Hour), Some(amount(2, Day))))
        );
    }

    #[test]
    fn a_lone_m_is_ambiguous() {
        let segments = lex("20M");
        let found = durations(&segments[0]);
        assert!(found[0].ambiguous);
        let segments = lex("20 Min");
        assert!(!durations(&segments[0])[0].ambiguous);
    }

    #[test]
    fn speeds_and_quantities_are_not_durations() {
        assert_eq!(first_duration("10K/Day"), None);
        assert_eq!(first_duration("30k Per Day"), None);
        assert_eq!(first_duration("250-500/Day"), None);
        assert_eq!(first_duration("Per Day 5K"), None);
        assert_eq!(first_duration("Last 5 Posts"), None);
        assert_eq!(first_duration("100% Non Drop"), None);
    }

    #[test]
    fn amounts_convert_conservatively() {
        assert_eq!(amount(30, Unit::Second).minutes(), Some(1));
        assert_eq!(amount(90, Unit::Second).minutes(), Some(2));
        assert_eq!(amount(2, Unit::Hour).minutes(), Some(120));
        assert_eq!(amount(1, Unit::Year).days(), Some(365));
        assert_eq!(amount(3, Unit::Month).days(), Some(90));
        assert_eq!(amount(2, Unit::Week).days(), Some(14));
        assert_eq!(amount(5, Unit::Hour).days(), None);
        assert_eq!(amount(1, Unit::Month).minutes(), None);
        assert_eq!(amount(u32::MAX, Unit::Day).minutes(), None);
    }
}
