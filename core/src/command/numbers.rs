//! Telling order ids from the other numbers customers write: dates, times, phone numbers,
//! prices, quantities, percentages and numbers too short to be ids.

/// The most digits an order id has; longer numbers (card numbers, phone numbers with a
/// country code) are not ids.
pub(crate) const MAX_ID_DIGITS: usize = 12;

/// Numbers of this many digits and more are phone numbers unless right after an order
/// word or id marker (`order 1234567890`): panel order ids have up to 9 digits in practice.
const PHONE_DIGITS: usize = 10;

/// Separator-joined numbers are id lists (`4417702/4417709`) when every part has at least
/// this many digits; dates, times, decimals and phone numbers in groups have fewer.
const LIST_PART_DIGITS: usize = 6;

/// What the words around a number say about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The number continues a phone number written in groups (`+91 98765 43210`).
    pub(crate) in_phone: bool,
    /// Right after a currency, a field label (`quantity`, `price`) or a phone label.
    pub(crate) after_amount_label: bool,
    /// Right before a currency (`500 rs`).
    pub(crate) before_currency: bool,
    /// Right before a unit (`1000 followers`, `50 %`), platform names skipped.
    pub(crate) before_unit: bool,
    /// A month or year word is next to it (`12 march 2024`, `since 2023`).
    pub(crate) near_date_word: bool,
    /// Right after an order word or id marker (`order 4417702`, `id: 4417702`).
    pub(crate) after_order_word: bool,
}

/// What a number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// One or more order ids (`4417702`, `4417702/4417709`), pushed to the caller's list.
    Ids,
    /// The start or a part of a phone number: the digit groups right after it belong to it.
    Phone,
    /// Any other number.
    Other,
}

/// Reads one number word (see `tokens.rs`) in its context and pushes the ids it holds to
/// `ids`. `min_digits` is the workspace's shortest order id.
pub(crate) fn read(word: &str, context: Context, min_digits: usize, ids: &mut Vec<u64>) -> Reading {
    if word.starts_with('+') || context.in_phone {
        return Reading::Phone;
    }
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return id_list(word, min_digits, ids);
    }
    if word.starts_with('0') {
        return if word.len() >= 3 {
            Reading::Phone
        } else {
            Reading::Other
        };
    }
    if context.after_amount_label || context.before_currency {
        return Reading::Other;
    }
    let Ok(value) = word.parse::<u64>() else {
        return Reading::Other;
    };
    let looks_like_date = value <= 31 || (1900..=2100).contains(&value);
    if context.near_date_word && looks_like_date {
        return Reading::Other;
    }
    if context.before_unit && (word.len() <= 3 || value % 50 == 0) {
        return Reading::Other;
    }
    if word.len() < min_digits || word.len() > MAX_ID_DIGITS {
        return Reading::Other;
    }
    if word.len() >= PHONE_DIGITS && !context.after_order_word {
        return Reading::Phone;
    }
    ids.push(value);
    Reading::Ids
}

/// A separator-joined number: an id list when every part is a long id, else a date,
/// time, decimal or phone number.
fn id_list(word: &str, min_digits: usize, ids: &mut Vec<u64>) -> Reading {
    let parts = || word.split(['.', ':', '/', '-']);
    let is_id = |part: &str| {
        part.len() >= LIST_PART_DIGITS.max(min_digits)
            && part.len() < PHONE_DIGITS
            && !part.starts_with('0')
            && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !parts().all(is_id) {
        return Reading::Other;
    }
    ids.extend(parts().filter_map(|part| part.parse::<u64>().ok()));
    Reading::Ids
}

#[cfg(test)]
mod tests {

    use super::*;

    /// The reading and the ids pushed.
    fn with(context: Context, word: &str) -> (Reading, Vec<u64>) {
        let mut ids = Vec::new();
        let reading = read(word, context, 4, &mut ids);
        (reading, ids)
    }

    fn plain(word: &str) -> (Reading, Vec<u64>) {
        with(Context::default(), word)
    }

    fn ids(ids: &[u64]) -> (Reading, Vec<u64>) {
        (Reading::Ids, ids.to_vec())
    }

    const OTHER: (Reading, Vec<u64>) = (Reading::Other, Vec::new());
    const PHONE: (Reading, Vec<u64>) = (Reading::Phone, Vec::new());

    #[test]
    fn ids_are_four_to_twelve_digits_without_leading_zero() {
        assert_eq!(plain("2274209"), ids(&[2_274_209]));
        assert_eq!(plain("1000"), ids(&[1000]));
        assert_eq!(plain("999"), OTHER);
        let mut seven = Vec::new();
        assert_eq!(read("7", Context::default(), 1, &mut seven), Reading::Ids);
        assert_eq!(seven, [7]);
        assert_eq!(plain("0123"), PHONE);
        assert_eq!(plain("0"), OTHER);
        assert_eq!(plain("9876543210"), PHONE);
        let after_order = Context {
            after_order_word: true,
            ..Context::default()
        };
        assert_eq!(with(after_order, "999999999999"), ids(&[999_999_999_999]));
        assert_eq!(with(after_order, "1234567890123"), OTHER);
    }

    #[test]
    fn joined_numbers_are_lists_of_long_ids_or_nothing() {
        assert_eq!(plain("4417702/4417709"), ids(&[4_417_702, 4_417_709]));
        for other in [
            "10:30",
            "1.5",
            "0.45",
            "12/05/2024",
            "2024-05-12",
            "98765-43210",
            "123-456",
        ] {
            assert_eq!(plain(other), OTHER, "{other}");
        }
    }

    #[test]
    fn context_makes_amounts_quantities_dates_and_phones() {
        let unit = Context {
            before_unit: true,
            ..Context::default()
        };
        assert_eq!(with(unit, "1000"), OTHER);
        assert_eq!(with(unit, "2500"), OTHER);
        assert_eq!(with(unit, "4417702"), ids(&[4_417_702]));
        let currency = Context {
            before_currency: true,
            ..Context::default()
        };
        assert_eq!(with(currency, "4417702"), OTHER);
        let date = Context {
            near_date_word: true,
            ..Context::default()
        };
        assert_eq!(with(date, "2024"), OTHER);
        assert_eq!(with(date, "4417702"), ids(&[4_417_702]));
        let phone = Context {
            in_phone: true,
            ..Context::default()
        };
        assert_eq!(with(phone, "43210"), PHONE);
        assert_eq!(plain("+91"), PHONE);
    }
}
