//! `{placeholders}` in a text a person writes (a letter template, an
//! e-mail template): where they stand, and the text with them filled.

use std::collections::BTreeSet;
use std::ops::Range;

/// `{name}` spans in `text`: a name of letters, digits, spaces, `'`, `_`
/// and `-`, at most 40 characters.
pub fn spans(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| i + from) {
        let Some(close) = text[open..].find('}').map(|i| i + open) else {
            break;
        };
        let name = &text[open + 1..close];
        let plausible = !name.trim().is_empty()
            && name.chars().count() <= 40
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '\'' | '’' | '_' | '-'));
        if plausible {
            found.push((open..close + 1, name.trim().replace('’', "'")));
            from = close + 1;
        } else {
            from = open + 1;
        }
    }
    found
}

/// `text` with each `{name}` that `value` knows filled; the names it does
/// not know, left as written, are returned too.
pub fn fill(text: &str, value: &dyn Fn(&str) -> Option<String>) -> (String, BTreeSet<String>) {
    let mut out = String::with_capacity(text.len());
    let mut unknown = BTreeSet::new();
    let mut at = 0;
    for (range, name) in spans(text) {
        out.push_str(&text[at..range.start]);
        match value(&name) {
            Some(filled) => out.push_str(&filled),
            None => {
                out.push_str(&text[range.clone()]);
                unknown.insert(name);
            }
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_and_filled_and_the_unknown_said() {
        let value = |name: &str| (name == "district").then(|| "Adair County".to_owned());
        let (text, unknown) = fill("Dear {district}, {superintendant} {not one!} {}", &value);
        assert_eq!(text, "Dear Adair County, {superintendant} {not one!} {}");
        assert_eq!(unknown, ["superintendant".to_owned()].into());
        assert_eq!(spans("{last year’s goal}")[0].1, "last year's goal");
    }
}
