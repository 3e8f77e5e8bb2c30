//! What is cut from a text before normalisation: bot mentions, e-mail addresses and links.
//!
//! Telegram usernames hold letters, digits and underscores; normalisation turns `_` into a
//! space, so mentions must go first: `/status@my_shop_bot 4417702`, `@my_shop_bot 4417702
//! status` and a reply starting with the bot's name lose the whole name. Links and e-mail
//! addresses carry digits that are not order ids (`instagram.com/p/C4417702x`).

use std::borrow::Cow;

/// Top-level domains a pasted link ends in or continues after (`t.me/…`, `youtu.be/…`).
const LINK_DOMAINS: &[&str] = &[
    "com", "net", "org", "me", "be", "ly", "gg", "io", "co", "ru", "in", "id", "br", "tr", "pk",
    "to", "tv", "app", "link",
];

/// `text` without mentions, e-mail addresses and links; each becomes a space.
pub(crate) fn cut_mentions_and_links(text: &str) -> Cow<'_, str> {
    let has_link = || text.contains('.') && text.split_whitespace().any(is_link);
    if !text.contains('@') && !has_link() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        out.push_str(&rest[..start]);
        let chunk_and_after = &rest[start..];
        let end = chunk_and_after
            .find(char::is_whitespace)
            .unwrap_or(chunk_and_after.len());
        push_chunk(&chunk_and_after[..end], &mut out);
        rest = &chunk_and_after[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Pushes one whitespace-free chunk, cleaned.
fn push_chunk(chunk: &str, out: &mut String) {
    if is_link(chunk) || is_email(chunk) {
        out.push(' ');
        return;
    }
    let mut rest = chunk;
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        out.push(' ');
        let name = &rest[at + 1..];
        let name_end = name
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(name.len());
        rest = &name[name_end..];
    }
    out.push_str(rest);
}

/// `name@domain.tld`, not `/cmd@bot`.
fn is_email(chunk: &str) -> bool {
    match chunk.find('@') {
        Some(at) => {
            let local = &chunk[..at];
            !local.is_empty()
                && !chunk.starts_with('/')
                && local
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._-+".contains(c))
                && chunk[at + 1..].contains('.')
        }
        None => false,
    }
}

/// A URL or a bare domain with a known top-level domain (`instagram.com/p/x`, `t.me/x`).
fn is_link(chunk: &str) -> bool {
    if !chunk.contains('.') && !chunk.contains("://") {
        return false;
    }
    let www = chunk
        .get(..4)
        .is_some_and(|start| start.eq_ignore_ascii_case("www."));
    if www || chunk.contains("://") {
        return true;
    }
    chunk.match_indices('.').any(|(dot, _)| {
        let after = &chunk[dot + 1..];
        let end = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let tail = &after[end..];
        dot > 0
            && LINK_DOMAINS
                .iter()
                .any(|domain| domain.eq_ignore_ascii_case(&after[..end]))
            && (tail.is_empty() || tail.starts_with(['/', '?', ':']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_go_whatever_the_bot_name_holds() {
        assert_eq!(
            cut_mentions_and_links("/status@my_shop_bot 4417702"),
            "/status  4417702"
        );
        assert_eq!(
            cut_mentions_and_links("@my_shop_bot2024 4417702 status"),
            "  4417702 status"
        );
        assert_eq!(
            cut_mentions_and_links("@SMM_Panel_Support_bot, refill"),
            " , refill"
        );
        assert_eq!(cut_mentions_and_links("4417702 refill"), "4417702 refill");
    }

    #[test]
    fn links_and_email_addresses_go() {
        assert_eq!(
            cut_mentions_and_links("https://instagram.com/p/C4417702x 4417702"),
            "  4417702"
        );
        assert_eq!(
            cut_mentions_and_links("instagram.com/shop_1234 t.me/x1234"),
            "   "
        );
        assert_eq!(cut_mentions_and_links("sir@gmail.com refill"), "  refill");
        assert_eq!(cut_mentions_and_links("refill.pls 1.5"), "refill.pls 1.5");
    }
}
