//! How long each kind of text may be: long enough for anything a person
//! writes there, short enough that no file or paste can bloat the roster,
//! and every value fits a spreadsheet cell (Excel holds 32,767 characters).

/// A person's, district's or event's name; a signatory; a destination.
pub const NAME: usize = 200;
/// A county, a city.
pub const PLACE: usize = 100;
/// A one-line description: a job title, a location.
pub const LINE: usize = 500;
/// A list on one line: the travelers' names.
pub const LIST: usize = 2_000;
/// An email address (RFC 5321's limit).
pub const EMAIL: usize = 254;
/// A phone number with its extension.
pub const PHONE: usize = 40;
/// Notes, reflections, plans, reasons.
pub const NOTES: usize = 20_000;

/// Characters in `text`, as people count them.
pub fn length(text: &str) -> usize {
    text.chars().count()
}

/// `Err` naming the limit when `text` is longer than `max` characters.
pub fn within(text: &str, max: usize) -> Result<(), String> {
    let length = length(text);
    if length > max {
        Err(format!(
            "Too long: {} characters, at most {}",
            thousands(length),
            thousands(max)
        ))
    } else {
        Ok(())
    }
}

/// "20,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_named_in_characters() {
        assert!(
            within(&"é".repeat(NAME), NAME).is_ok(),
            "characters, not bytes"
        );
        assert_eq!(
            within(&"x".repeat(25_000), NOTES).unwrap_err(),
            "Too long: 25,000 characters, at most 20,000"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
