//! Which column is which: the fields a column can fill, the headings people
//! and programs give them, and a heading read by what it means.

/// A field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    KdeNumber,
    NcesId,
    County,
    Kind,
    Cooperative,
    EmailDomain,
    Notes,
    ContactName,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    ContactRole,
    ContactActive,
    /// The names of the district's superintendents, separated by "; ".
    Superintendents,
    SuperintendentEmails,
    /// The names of its points of contact, separated by "; ".
    PointsOfContact,
    PointOfContactEmails,
}

impl Field {
    pub const ALL: [Self; 18] = [
        Self::Name,
        Self::KdeNumber,
        Self::NcesId,
        Self::County,
        Self::Kind,
        Self::Cooperative,
        Self::EmailDomain,
        Self::Notes,
        Self::ContactName,
        Self::ContactTitle,
        Self::ContactEmail,
        Self::ContactPhone,
        Self::ContactRole,
        Self::ContactActive,
        Self::Superintendents,
        Self::SuperintendentEmails,
        Self::PointsOfContact,
        Self::PointOfContactEmails,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "District name",
            Self::KdeNumber => "KDE number",
            Self::NcesId => "NCES LEA ID",
            Self::County => "County",
            Self::Kind => "Type",
            Self::Cooperative => "Cooperative",
            Self::EmailDomain => "Email domain",
            Self::Notes => "Notes",
            Self::ContactName => "Contact name",
            Self::ContactTitle => "Contact title",
            Self::ContactEmail => "Contact email",
            Self::ContactPhone => "Contact phone",
            Self::ContactRole => "Contact role",
            Self::ContactActive => "Contact active",
            Self::Superintendents => "Superintendents",
            Self::SuperintendentEmails => "Superintendent emails",
            Self::PointsOfContact => "Points of contact",
            Self::PointOfContactEmails => "Point of contact emails",
        }
    }

    /// Headings people and other programs use for this field (the app's own
    /// exports' among them).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "district",
                "district name",
                "district_name",
                "name",
                "lea name",
                "lea_name",
            ],
            Self::KdeNumber => &[
                "kde #",
                "number",
                "kde number",
                "kde",
                "kde_dist_number",
                "kde district number",
                "district number",
                "dist no",
            ],
            Self::NcesId => &[
                "nces lea id",
                "nces id",
                "nces_leaid",
                "leaid",
                "lea id",
                "nces",
            ],
            Self::County => &["county", "county name"],
            Self::Kind => &["type", "district type", "district_type", "kind"],
            Self::Cooperative => &[
                "co-op",
                "coop",
                "cooperative",
                "coop_2016_17",
                "educational cooperative",
            ],
            Self::EmailDomain => &["email domain", "domain", "email_domain"],
            Self::Notes => &["notes", "note", "comments"],
            // "Name" is a person's once a column names the district.
            Self::ContactName => &["contact", "contact name", "person", "full name", "name"],
            Self::ContactTitle => &["title", "contact title", "position", "job title"],
            Self::ContactEmail => &["email", "contact email", "e-mail", "email address"],
            Self::ContactPhone => &["phone", "contact phone", "telephone", "phone number"],
            Self::ContactRole => &["role", "contact role"],
            Self::ContactActive => &["active", "contact active"],
            Self::Superintendents => &["superintendent", "superintendents", "superintendent name"],
            Self::SuperintendentEmails => &["superintendent email", "superintendent emails"],
            Self::PointsOfContact => &[
                "points of contact",
                "point of contact name",
                "point of contact",
                "iln point of contact",
                "poc",
                "pocs",
            ],
            Self::PointOfContactEmails => &[
                "point of contact emails",
                "point of contact email",
                "poc email",
                "poc emails",
            ],
        }
    }

    pub fn is_contact(self) -> bool {
        !matches!(
            self,
            Self::Name
                | Self::KdeNumber
                | Self::NcesId
                | Self::County
                | Self::Kind
                | Self::Cooperative
                | Self::EmailDomain
                | Self::Notes
        )
    }
}

/// A heading reduced to what it means, so that people's spellings meet:
/// case, punctuation and word order do not count, and the abbreviations
/// people write are read as the words they stand for ("Supt. E-mail" and
/// "superintendent email" are one heading; "KDE #", "KDE No." and "KDE
/// Number" another).
pub fn canonical_heading(heading: &str) -> String {
    let lower = heading.trim().to_lowercase().replace("e-mail", "email");
    let spaced: String = lower
        .chars()
        .map(|c| match c {
            '#' => ' ',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if lower.contains('#') {
        words.push("number");
    }
    // "co-op" is one word.
    if let Some(at) = words.windows(2).position(|w| w == ["co", "op"]) {
        words.splice(at..at + 2, ["coop"]);
    }
    let mut words: Vec<&str> = words
        .into_iter()
        .map(|word| match word {
            "no" | "num" | "nbr" | "nr" | "numbers" => "number",
            "dist" | "districts" => "district",
            "supt" | "supts" | "sup" | "superintendents" => "superintendent",
            "pocs" => "poc",
            "emails" | "mail" => "email",
            "tel" | "telephone" | "phones" => "phone",
            "leaid" => "nces",
            "notes" | "comment" | "comments" => "note",
            "cooperative" | "cooperatives" => "coop",
            "points" => "point",
            "contacts" => "contact",
            other => other,
        })
        .collect();
    // "Point of contact" is a POC; "NCES LEA ID" and "LEA ID" are the NCES ID.
    if words.contains(&"point") && words.contains(&"contact") {
        words.retain(|w| !matches!(*w, "point" | "contact" | "of"));
        words.push("poc");
    }
    if words.contains(&"nces") || (words.contains(&"lea") && words.contains(&"id")) {
        words.retain(|w| !matches!(*w, "lea" | "id"));
        words.push("nces");
    }
    words.retain(|w| !matches!(*w, "of" | "the" | "address"));
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// Every field's headings, made canonical once.
static CANONICAL_ALIASES: std::sync::LazyLock<Vec<(Field, String)>> =
    std::sync::LazyLock::new(|| {
        Field::ALL
            .iter()
            .flat_map(|field| {
                field
                    .aliases()
                    .iter()
                    .map(|alias| (*field, canonical_heading(alias)))
            })
            .collect()
    });

impl Field {
    /// Whether `canonical` (a `canonical_heading`) is one of this field's.
    fn is_named(self, canonical: &str) -> bool {
        CANONICAL_ALIASES
            .iter()
            .any(|(field, alias)| *field == self && alias == canonical)
    }
}

/// Whether a heading names any field (used to find the header row).
pub fn is_known_heading(heading: &str) -> bool {
    let canonical = canonical_heading(heading);
    !canonical.is_empty() && Field::ALL.iter().any(|f| f.is_named(&canonical))
}

/// For each column of the table, the field it fills, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping(pub Vec<Option<Field>>);

impl Mapping {
    /// Guesses from the headings; each field is given to one column at most.
    pub fn guess(headers: &[String]) -> Self {
        let mut taken = Vec::new();
        let columns = headers
            .iter()
            .map(|heading| {
                let canonical = canonical_heading(heading);
                let field = Field::ALL
                    .into_iter()
                    .find(|f| !taken.contains(f) && f.is_named(&canonical));
                taken.extend(field);
                field
            })
            .collect();
        Self(columns)
    }

    pub(super) fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// What is missing for an import to make sense.
    pub fn problem(&self) -> Option<String> {
        if self.column_of(Field::Name).is_none() {
            return Some("Choose the column with the district's name.".to_owned());
        }
        let repeated = Field::ALL
            .into_iter()
            .find(|f| self.0.iter().filter(|c| **c == Some(*f)).count() > 1);
        repeated.map(|f| format!("Two columns are set to “{}”; keep one.", f.label()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(headings: &[&str]) -> Vec<Option<Field>> {
        let headers: Vec<String> = headings.iter().map(|h| (*h).to_owned()).collect();
        Mapping::guess(&headers).0
    }

    #[test]
    fn headings_as_people_abbreviate_them() {
        use Field as F;
        assert_eq!(
            guessed(&[
                "Dist.",
                "KDE No.",
                "LEA ID",
                "Supt",
                "Supt. E-Mail",
                "POC",
                "poc e-mail",
                "Tel",
                "Co-op",
                "Comments",
                "Favourite colour",
            ]),
            [
                Some(F::Name),
                Some(F::KdeNumber),
                Some(F::NcesId),
                Some(F::Superintendents),
                Some(F::SuperintendentEmails),
                Some(F::PointsOfContact),
                Some(F::PointOfContactEmails),
                Some(F::ContactPhone),
                Some(F::Cooperative),
                Some(F::Notes),
                None,
            ]
        );
        for number in [
            "#",
            "KDE #",
            "Num",
            "Nbr",
            "district number",
            "Number (KDE)",
        ] {
            assert_eq!(
                guessed(&["District", number])[1],
                Some(F::KdeNumber),
                "{number}"
            );
        }
        for email in ["E-mail", "EMAIL", "Mail", "Email Address"] {
            assert_eq!(
                guessed(&["District", email])[1],
                Some(F::ContactEmail),
                "{email}"
            );
        }
        assert_eq!(
            guessed(&["Superintendent e-mail", "District"]),
            [Some(F::SuperintendentEmails), Some(F::Name)],
            "a heading naming a role fills that role's contact, in any order"
        );
        assert_eq!(
            guessed(&["NCES LEA ID", "Point of Contact Email"]),
            [Some(F::NcesId), Some(F::PointOfContactEmails)]
        );
    }
}
