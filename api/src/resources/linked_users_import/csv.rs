//! A small RFC 4180 reader for imports: comma-separated fields, double-quoted fields with
//! `""` escapes and line breaks inside quotes, CRLF or LF line ends, a UTF-8 BOM ignored.
//! A broken record is reported on its own; the others are read on.

/// One record of a CSV text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The line the record starts on (1-based).
    pub line: usize,
    /// Its fields, or why it could not be read.
    pub fields: Result<Vec<String>, String>,
}

/// The records of `text`, blank lines skipped.
pub fn records(text: &str) -> Vec<Record> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut error = None;
        let mut quoted_field = false;
        loop {
            match chars.next() {
                None => break,
                Some('\n') => {
                    line += 1;
                    break;
                }
                Some('\r') if chars.peek() == Some(&'\n') => {}
                Some(',') => {
                    fields.push(std::mem::take(&mut field));
                    quoted_field = false;
                }
                Some('"') if field.is_empty() && !quoted_field => {
                    quoted_field = true;
                    loop {
                        match chars.next() {
                            None => {
                                error = Some("a quoted field is not closed".to_string());
                                break;
                            }
                            Some('"') if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            Some('"') => break,
                            Some(c) => {
                                if c == '\n' {
                                    line += 1;
                                }
                                field.push(c);
                            }
                        }
                    }
                }
                Some('"') => {
                    error.get_or_insert_with(|| {
                        "a quote inside an unquoted field (quote the whole field and double the quote)"
                            .to_string()
                    });
                    field.push('"');
                }
                Some(c) if quoted_field => {
                    error.get_or_insert_with(|| {
                        format!("text ({c:?}) after a quoted field's closing quote")
                    });
                }
                Some(c) => field.push(c),
            }
        }
        fields.push(field);
        let blank = fields.len() == 1 && fields[0].trim().is_empty() && error.is_none();
        if !blank {
            records.push(Record {
                line: start,
                fields: match error {
                    Some(error) => Err(error),
                    None => Ok(fields),
                },
            });
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(fields: &[&str]) -> Result<Vec<String>, String> {
        Ok(fields.iter().map(|f| (*f).to_string()).collect())
    }

    #[test]
    fn reads_plain_quoted_and_broken_records() {
        let text = "\u{feff}medium,identity,username\r\ntelegram,555,alice\n\n\"whatsapp_greenapi\",\"+7 900, 1\",\"bo\"\"b\"\ntelegram,5\"6,x\ntelegram,\"multi\nline\",y\n\"a\"b,c\n";
        let records = records(text);
        let lines: Vec<usize> = records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 5, 6, 8]);
        assert_eq!(records[0].fields, ok(&["medium", "identity", "username"]));
        assert_eq!(records[1].fields, ok(&["telegram", "555", "alice"]));
        assert_eq!(
            records[2].fields,
            ok(&["whatsapp_greenapi", "+7 900, 1", "bo\"b"])
        );
        assert!(records[3].fields.is_err());
        assert_eq!(records[4].fields, ok(&["telegram", "multi\nline", "y"]));
        assert!(records[5].fields.is_err());
    }

    #[test]
    fn an_unclosed_quote_breaks_only_the_rest() {
        let records = records("a,b\nc,\"d\ne,f");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].fields, ok(&["a", "b"]));
        assert!(records[1].fields.is_err());
        assert!(super::records("").is_empty());
    }
}
