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
/// `N to M unit`, `N unit-M unit`. A number followed by anything else (`10k/day`,
/// `5 posts`, `30k per day`) is not a duration.
fn duration_at(segment: &Segment, start: usize) -> Option<Duration> {
    let first = number(segment.get(start))?;
    if let Some(low_unit) = unit(segment.get(start + 1)) {
        let low = Amount {
            value: first,
            unit: low_unit,
        };
        let range = (
            is_range_mark(segment.get(start + 2)),
            number(segment.get(start + 3)),
            unit(segment.get(start + 4)),
        );
        let high = match range {
            (true, Some(value), Some(unit)) => Some(Amount { value, unit }),
            _ => None,
        };
        let end = if high.is_some() { start + 5 } else { start + 2 };
        return Some(Duration {
            low,
            high,
            start,
            end,
        });
    }
    let mut index = start + 1;
    let mut high_value = None;
    if is_range_mark(segment.get(index)) {
        if let Some(value) = number(segment.get(index + 1)) {
            high_value = Some(value);
            index += 2;
        }
    }
    if high_value.is_none() && segment.get(index) == Some(&Token::Symbol('-')) {
        index += 1;
    }
    let unit = unit(segment.get(index))?;
    Some(Duration {
        low: Amount { value: first, unit },
        high: high_value.map(|value| Amount { value, unit }),
        start,
        end: index + 1,
    })
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
        | "hari" | "gün" | "gun" => Unit::Day,
        "w" | "wk" | "week" | "weeks" | "неделя" | "недели" | "недель" | "semana" | "semanas"
        | "minggu" | "hafta" => Unit::Week,
        "month" | "months" | "месяц" | "месяца" | "месяцев" | "mes" | "meses" | "mês" | "bulan"
        | "ay" => Unit::Month,
        "y" | "yr" | "yrs" | "year" | "years" | "год" | "года" | "лет" | "ano" | "anos" | "año"
        | "años" | "tahun" | "yıl" | "yil" => Unit::Year,
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
