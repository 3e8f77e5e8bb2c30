//! The lines of a text and what each is: the customer's own words, a quoted message or a
//! pasted panel order row.

/// What a line of a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// The customer's own words.
    Own,
    /// A quoted message (`> …`): its ids count; its action only when the customer's own
    /// words name none.
    Quoted,
    /// A pasted order row (cells split by `|` or tabs, two or more of them with a word:
    /// `ID: 4417702 | Instagram Followers | 1000 | Completed`): only its first id counts;
    /// quantities, start counts, service names and statuses in it are not read.
    Row,
}

/// What `line` is.
pub(crate) fn kind(line: &str) -> LineKind {
    if line.trim_start().starts_with('>') {
        LineKind::Quoted
    } else if is_row(line, '|') || is_row(line, '\t') {
        LineKind::Row
    } else {
        LineKind::Own
    }
}

/// Three or more cells split by `separator`, two or more of them with a word of four
/// letters or more (a service name, a status; not a joining word like `and`).
fn is_row(line: &str, separator: char) -> bool {
    let has_word = |cell: &&str| {
        cell.split(|c: char| !c.is_alphabetic())
            .any(|word| word.chars().count() >= 4)
    };
    line.contains(separator)
        && line.split(separator).count() >= 3
        && line.split(separator).filter(has_word).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_rows_are_told_apart() {
        assert_eq!(kind("> 4417702 refill"), LineKind::Quoted);
        assert_eq!(
            kind("ID: 4417702 | Instagram Followers | 1000 | Completed"),
            LineKind::Row
        );
        assert_eq!(kind("4417702\tFollowers\t1000\tPartial"), LineKind::Row);
        assert_eq!(kind("4417702 | refill"), LineKind::Own);
        assert_eq!(kind("refill\t4417702\t4417709"), LineKind::Own);
        assert_eq!(
            kind("4417702 and refill\t4417709 and\t4417715"),
            LineKind::Own
        );
    }
}
