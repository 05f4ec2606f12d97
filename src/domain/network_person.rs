//! People of the network who are not in a district: KDE's own staff,
//! cooperative staff, national partners. They organise convenings and are
//! copied on the messages the app drafts.

use super::limits;
use super::validate::{self, FieldErrors};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct NetworkPersonId(pub i64);

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum NetworkRole {
    #[default]
    KdeStaff,
    CooperativeStaff,
    NationalPartner,
    Other,
}

impl NetworkRole {
    pub fn label(self) -> &'static str {
        match self {
            Self::KdeStaff => "KDE staff",
            Self::CooperativeStaff => "Cooperative staff",
            Self::NationalPartner => "National partner",
            Self::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct NetworkPersonFields {
    pub name: String,
    pub title: String,
    /// "KDE Division of Innovation", "GRREC", "Education Reimagined"…
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub role: NetworkRole,
    /// Copied on the drafts the app makes unless the user unticks them.
    pub cc_on_drafts: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkPerson {
    pub id: NetworkPersonId,
    pub fields: NetworkPersonFields,
}

impl NetworkPerson {
    /// The person to address, when an email is on file.
    pub fn recipient(&self) -> Option<super::email::Recipient> {
        super::email::Recipient::of(&self.fields.name, &self.fields.email)
    }

    /// "Name <email>", as a mail program's To line takes it.
    pub fn address(&self) -> Option<String> {
        self.recipient().map(|r| r.address())
    }

    /// The one of `people` called `name` (case and spacing aside).
    pub fn named<'a>(people: &'a [NetworkPerson], name: &str) -> Option<&'a NetworkPerson> {
        let key = super::district::name_key(name);
        people
            .iter()
            .find(|p| super::district::name_key(&p.fields.name) == key)
    }

    /// "Name (organisation)", as a picker shows it.
    pub fn label(&self) -> String {
        if self.fields.organisation.is_empty() {
            self.fields.name.clone()
        } else {
            format!("{} ({})", self.fields.name, self.fields.organisation)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NetworkPersonField {
    Name,
    Title,
    Organisation,
    Email,
    Phone,
}

impl validate::FieldLabel for NetworkPersonField {
    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::Title => "Title",
            Self::Organisation => "Organisation",
            Self::Email => "Email",
            Self::Phone => "Phone",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NetworkPersonDraft {
    pub name: String,
    pub title: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub role: NetworkRole,
    pub cc_on_drafts: bool,
    pub active: bool,
}

impl Default for NetworkPersonDraft {
    fn default() -> Self {
        Self::from(&NetworkPersonFields {
            active: true,
            ..NetworkPersonFields::default()
        })
    }
}

impl From<&NetworkPersonFields> for NetworkPersonDraft {
    fn from(fields: &NetworkPersonFields) -> Self {
        Self {
            name: fields.name.clone(),
            title: fields.title.clone(),
            organisation: fields.organisation.clone(),
            email: fields.email.clone(),
            phone: fields.phone.clone(),
            role: fields.role,
            cc_on_drafts: fields.cc_on_drafts,
            active: fields.active,
        }
    }
}

impl NetworkPersonDraft {
    pub fn validate(&self) -> Result<NetworkPersonFields, FieldErrors<NetworkPersonField>> {
        use NetworkPersonField as F;
        let mut errors = FieldErrors::default();
        let name = errors.check(F::Name, validate::required(&self.name, "Name"));
        let email = errors.check(F::Email, validate::email(&self.email));
        let phone = errors.check(F::Phone, validate::phone(&self.phone));
        errors.limit(F::Name, self.name.trim(), limits::NAME);
        errors.limit(F::Title, self.title.trim(), limits::LINE);
        errors.limit(F::Organisation, self.organisation.trim(), limits::LINE);
        errors.limit(F::Email, self.email.trim(), limits::EMAIL);
        errors.limit(F::Phone, self.phone.trim(), limits::PHONE);
        if self.cc_on_drafts && self.email.trim().is_empty() {
            errors.add(F::Email, "An email is needed to copy them on drafts");
        }
        match (name, email, phone) {
            (Some(name), Some(email), Some(phone)) if errors.is_empty() => {
                Ok(NetworkPersonFields {
                    name,
                    title: self.title.trim().to_owned(),
                    organisation: self.organisation.trim().to_owned(),
                    email,
                    phone,
                    role: self.role,
                    cc_on_drafts: self.cc_on_drafts,
                    active: self.active,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_to_copy_needs_an_email() {
        let draft = NetworkPersonDraft {
            name: "Dana Frost".into(),
            cc_on_drafts: true,
            ..NetworkPersonDraft::default()
        };
        let errors = draft.validate().unwrap_err();
        assert!(errors.get(NetworkPersonField::Email).is_some());
        let fields = NetworkPersonDraft {
            email: " dana.frost@education.ky.gov ".into(),
            ..draft
        }
        .validate()
        .unwrap();
        assert_eq!(fields.email, "dana.frost@education.ky.gov");
        let person = NetworkPerson {
            id: NetworkPersonId(1),
            fields,
        };
        assert_eq!(
            person.address().as_deref(),
            Some("Dana Frost <dana.frost@education.ky.gov>")
        );
    }
}
