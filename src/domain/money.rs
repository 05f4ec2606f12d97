//! Money as whole cents: what people type ("$1,250", "1250.5",
//! "1,250.00") in, "$1,250.00" out. Never negative, never a float.

use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Self = Self(0);
    /// Far above any travel grant or fund; keeps sums well inside `i64`.
    const MAX_CENTS: i64 = 100_000_000_000;

    pub fn from_cents(cents: i64) -> Option<Self> {
        (0..=Self::MAX_CENTS)
            .contains(&cents)
            .then_some(Self(cents))
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// A sum that may go negative (a fund's remaining balance).
    pub fn signed_difference(self, other: Self) -> i64 {
        self.0 - other.0
    }

    /// Reads an amount as typed. Dollars with up to two decimals; commas
    /// between thousands and a leading `$` are allowed.
    pub fn parse(text: &str) -> Result<Self, String> {
        const EXAMPLE: &str = "e.g. $1,250.00";
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(format!("An amount is required, {EXAMPLE}"));
        }
        if trimmed.starts_with('-') || trimmed.contains("$-") {
            return Err("An amount cannot be negative".to_owned());
        }
        let body = trimmed.strip_prefix('$').unwrap_or(trimmed).trim_start();
        let (whole, fraction) = match body.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (body, None),
        };
        let whole = parse_whole(whole).ok_or_else(|| format!("Not an amount, {EXAMPLE}"))?;
        let cents = match fraction {
            None => 0,
            Some(f) if f.len() == 1 && f.bytes().all(|b| b.is_ascii_digit()) => {
                i64::from(f.as_bytes()[0] - b'0') * 10
            }
            Some(f) if f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()) => {
                f.parse::<i64>().unwrap_or(0)
            }
            Some(_) => return Err(format!("Use at most two decimals, {EXAMPLE}")),
        };
        whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(cents))
            .and_then(Self::from_cents)
            .ok_or_else(|| "That amount is too large".to_owned())
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).and_then(Self::from_cents)
    }

    /// A sum that stops at the largest amount kept rather than overflow:
    /// the one way totals are added up.
    pub fn saturating_add(self, other: Self) -> Self {
        self.checked_add(other).unwrap_or(Self(Self::MAX_CENTS))
    }
}

/// "1,250" or "1250" (commas only between groups of three), not "1,25".
fn parse_whole(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 16 {
        return None;
    }
    if !text.contains(',') {
        return text
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse().ok())
            .flatten();
    }
    let groups: Vec<&str> = text.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok)
        .then(|| groups.concat().parse().ok())
        .flatten()
}

impl fmt::Display for Money {
    /// "$1,250.00"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dollars = (self.0 / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in dollars.chars().enumerate() {
            if i > 0 && (dollars.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "${grouped}.{:02}", self.0 % 100)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::ZERO, Self::saturating_add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_people_type_is_read() {
        for (typed, cents) in [
            ("$1,250", 125_000),
            ("1250.5", 125_050),
            ("1,250.00", 125_000),
            (" $ 75 ", 7_500),
            ("0.99", 99),
            ("1,000,000", 100_000_000),
            ("0", 0),
        ] {
            assert_eq!(Money::parse(typed).map(Money::cents), Ok(cents), "{typed}");
        }
    }

    #[test]
    fn garbage_is_an_error_that_says_why() {
        assert!(Money::parse("-5").unwrap_err().contains("negative"));
        assert!(Money::parse("$-5").unwrap_err().contains("negative"));
        assert!(Money::parse("1.255").unwrap_err().contains("two decimals"));
        for bad in ["", "abc", "1,25", "12,3456", "1.2.3", "$", "1e3", "١٢"] {
            assert!(Money::parse(bad).is_err(), "{bad}");
        }
        assert!(Money::parse("99999999999999999").is_err());
    }

    #[test]
    fn amounts_are_shown_as_currency() {
        assert_eq!(Money::from_cents(125_000).unwrap().to_string(), "$1,250.00");
        assert_eq!(Money::from_cents(5).unwrap().to_string(), "$0.05");
        assert_eq!(
            Money::from_cents(123_456_789).unwrap().to_string(),
            "$1,234,567.89"
        );
        assert_eq!(Money::ZERO.to_string(), "$0.00");
    }

    proptest::proptest! {
        #[test]
        fn parse_of_format_is_the_same_amount(cents in 0i64..=Money::MAX_CENTS) {
            let money = Money::from_cents(cents).unwrap();
            proptest::prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }

        #[test]
        fn any_text_is_an_amount_or_an_error(text in "\\PC*") {
            let _ = Money::parse(&text);
        }
    }
}
