//! What a returned letter says, and the reading of its words every way of
//! reading it shares: a field's answer (not its prompt), a person, a list
//! of people.

use std::collections::BTreeSet;

use crate::domain::{ActionArea, BigIdea, SchoolYear};

/// How the letter was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadHow {
    /// From its tagged fields: exact.
    Fields,
    /// From its text by the letter's headings: best effort.
    Headings,
}

/// What a returned letter says. `None` (or empty) where it says nothing:
/// the form keeps what it has there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LetterFound {
    pub how: Option<ReadHow>,
    /// "Word document" or "PDF".
    pub kind: &'static str,
    /// Who it is for, as the letter's text says ("District: Adair County").
    pub district: Option<String>,
    /// Who it is for, as the app recorded it in the file it wrote.
    pub recorded_district: Option<String>,
    pub kde_number: Option<String>,
    pub year: Option<SchoolYear>,
    /// "Pat Doe <pat@district.org>" or a name alone.
    pub superintendent: Option<String>,
    pub points_of_contact: Vec<String>,
    pub reflections: Option<String>,
    pub plans: Option<String>,
    pub learning_goal: Option<String>,
    pub big_ideas: Option<BTreeSet<BigIdea>>,
    pub action_areas: Option<BTreeSet<ActionArea>>,
    pub district_signatory: Option<String>,
    /// Dates as written (or as Word stored them: 2027-05-01).
    pub district_signed_on: Option<String>,
    pub kde_signatory: Option<String>,
    pub kde_signed_on: Option<String>,
}

impl LetterFound {
    /// Whether it holds anything the district fills.
    pub fn has_answers(&self) -> bool {
        self.superintendent.is_some()
            || !self.points_of_contact.is_empty()
            || self.reflections.is_some()
            || self.plans.is_some()
            || self.learning_goal.is_some()
            || self.big_ideas.as_ref().is_some_and(|i| !i.is_empty())
            || self.action_areas.as_ref().is_some_and(|a| !a.is_empty())
            || self.district_signatory.is_some()
            || self.district_signed_on.is_some()
            || self.kde_signatory.is_some()
            || self.kde_signed_on.is_some()
    }

    /// Whether the district answered anything (its people are pre-filled
    /// by the app, so they alone say nothing): a letter returned as it was
    /// sent has no reflections, plans, goal, choices or signature.
    pub fn has_district_answers(&self) -> bool {
        self.reflections.is_some()
            || self.plans.is_some()
            || self.learning_goal.is_some()
            || self.big_ideas.as_ref().is_some_and(|i| !i.is_empty())
            || self.action_areas.as_ref().is_some_and(|a| !a.is_empty())
            || self.district_signatory.is_some()
            || self.district_signed_on.is_some()
            || self.kde_signatory.is_some()
            || self.kde_signed_on.is_some()
    }
}

/// The prompts a field shows until the district fills it.
const PROMPTS: [&str; 4] = [
    "click or tap here to enter text.",
    "click here to enter text.",
    "name",
    "date",
];

/// People in a list: one per line, or (where the lines were joined) each
/// ending with their email, the next name starting where lower case meets
/// upper case after an `@` ("…kyschools.usDana Ruiz").
pub fn people_in(text: &str) -> Vec<String> {
    let mut lines = String::with_capacity(text.len());
    let mut in_email = false;
    let mut previous = ' ';
    for c in text.chars() {
        if c == '@' {
            in_email = true;
        } else if c.is_whitespace() || c == ',' || c == ';' {
            in_email = false;
        } else if in_email && previous.is_lowercase() && c.is_uppercase() {
            lines.push('\n');
            in_email = false;
        }
        lines.push(c);
        previous = c;
    }
    let mut people = Vec::new();
    for line in lines.split(['\n', ';']).filter(|l| !l.trim().is_empty()) {
        // On one line (a PDF's text): each person ends with their email.
        let mut current = String::new();
        for word in line.split_whitespace() {
            current.push_str(word);
            current.push(' ');
            if word.contains('@') {
                people.push(person(&current));
                current.clear();
            }
        }
        if !current.trim().is_empty() {
            people.push(person(&current));
        }
    }
    people
}

/// A field's text, or `None` while it shows its prompt or nothing.
pub fn answer(text: &str) -> Option<String> {
    // Control characters say nothing a person typed (lines and tabs do).
    let text: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let text = text.trim();
    let lower = text.to_lowercase();
    let unfilled = super::PLACEHOLDERS
        .iter()
        .any(|(name, _)| lower.contains(&format!("{{{name}}}")));
    if text.is_empty() || PROMPTS.contains(&lower.as_str()) || unfilled {
        None
    } else {
        Some(text.to_owned())
    }
}

/// "Pat Doe, Superintendent, pat@x.org" as "Pat Doe <pat@x.org>": the name
/// first, the email wherever it is; a name alone as it is.
pub fn person(text: &str) -> String {
    // The email is the word with an @, however it is wrapped: "<pat@x>",
    // "(pat@x)"; the name is what comes first once it is taken out, up to
    // a comma or dash (a title may follow).
    let email_word = text.split_whitespace().find(|word| word.contains('@'));
    let email = email_word
        .map(|e| e.trim_matches(['<', '>', '(', ')', '[', ']', ';', ',', '.', '"', '\'']));
    let rest = match email_word {
        Some(word) => text.replacen(word, " ", 1),
        None => text.to_owned(),
    };
    let name = rest
        .split([',', '\t', '–', '—', '|', ';'])
        .flat_map(|part| part.split(" - "))
        .map(|part| {
            part.trim()
                .trim_matches(['<', '>', '(', ')', '[', ']', '"'])
                .trim()
        })
        .find(|part| !part.is_empty())
        .unwrap_or_default();
    match email {
        Some(email) if !name.is_empty() => format!("{name} <{email}>"),
        Some(email) => email.to_owned(),
        None => name.to_owned(),
    }
}
