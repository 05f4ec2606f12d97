//! A person at a district: the superintendent, the network's points of
//! contact, and anyone else the consultant keeps in touch with.

use super::district::DistrictId;
use super::limits;
use super::validate::{self, FieldErrors};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct ContactId(pub i64);

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
pub enum ContactRole {
    Superintendent,
    #[default]
    PointOfContact,
    Other,
}

impl ContactRole {
    pub fn label(self) -> &'static str {
        match self {
            Self::Superintendent => "Superintendent",
            Self::PointOfContact => "Point of contact",
            Self::Other => "Other",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContactFields {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub role: ContactRole,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub district_id: DistrictId,
    pub fields: ContactFields,
}

impl Contact {
    /// The person to address, when an email is on file.
    pub fn recipient(&self) -> Option<super::email::Recipient> {
        super::email::Recipient::of(&self.fields.name, &self.fields.email)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContactField {
    Name,
    Title,
    Email,
    Phone,
    Role,
}

impl validate::FieldLabel for ContactField {
    fn label(self) -> &'static str {
        match self {
            Self::Name => "Contact name",
            Self::Title => "Title",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::Role => "Role",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContactDraft {
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub role: ContactRole,
    pub active: bool,
}

impl Default for ContactDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            title: String::new(),
            email: String::new(),
            phone: String::new(),
            role: ContactRole::default(),
            active: true,
        }
    }
}

impl From<&ContactFields> for ContactDraft {
    fn from(fields: &ContactFields) -> Self {
        Self {
            name: fields.name.clone(),
            title: fields.title.clone(),
            email: fields.email.clone(),
            phone: fields.phone.clone(),
            role: fields.role,
            active: fields.active,
        }
    }
}

impl ContactDraft {
    pub fn validate(&self) -> Result<ContactFields, FieldErrors<ContactField>> {
        use ContactField as F;
        let mut errors = FieldErrors::default();
        let name = errors.check(F::Name, validate::required(&self.name, "Name"));
        let email = errors.check(F::Email, validate::email(&self.email));
        let phone = errors.check(F::Phone, validate::phone(&self.phone));
        errors.limit(F::Name, self.name.trim(), limits::NAME);
        errors.limit(F::Title, self.title.trim(), limits::LINE);
        errors.limit(F::Email, self.email.trim(), limits::EMAIL);
        errors.limit(F::Phone, self.phone.trim(), limits::PHONE);
        match (name, email, phone) {
            (Some(name), Some(email), Some(phone)) if errors.is_empty() => Ok(ContactFields {
                name,
                title: self.title.trim().to_owned(),
                email,
                phone,
                role: self.role,
                active: self.active,
            }),
            _ => Err(errors),
        }
    }
}

/// How a file names a contact: by name, with the email when another of
/// the district's people has the same name.
pub fn written_name(contact: &Contact, others: &[&Contact]) -> String {
    let key = super::district::name_key(&contact.fields.name);
    let shared = others.iter().any(|o| {
        o.id != contact.id
            && o.district_id == contact.district_id
            && super::district::name_key(&o.fields.name) == key
    });
    if shared && !contact.fields.email.is_empty() {
        format!("{} <{}>", contact.fields.name, contact.fields.email)
    } else {
        contact.fields.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Coded as _;
    use strum::VariantArray as _;

    #[test]
    fn a_contact_is_normalised() {
        let draft = ContactDraft {
            name: " Pat Doe ".into(),
            title: "Chief Academic Officer ".into(),
            email: "pat.doe@allen.kyschools.us".into(),
            phone: "270.618.3181 x 12".into(),
            ..ContactDraft::default()
        };
        let fields = draft.validate().unwrap();
        assert_eq!(fields.name, "Pat Doe");
        assert_eq!(fields.phone, "(270) 618-3181 ext. 12");
        assert!(fields.active);
    }

    #[test]
    fn bad_fields_are_named() {
        let draft = ContactDraft {
            email: "pat@".into(),
            phone: "618-3181".into(),
            ..ContactDraft::default()
        };
        let errors = draft.validate().unwrap_err();
        assert_eq!(errors.len(), 3);
        assert!(errors.get(ContactField::Email).is_some());
        assert!(errors.get(ContactField::Phone).is_some());
    }

    #[test]
    fn role_codes_round_trip() {
        for role in ContactRole::VARIANTS.iter().copied() {
            assert_eq!(ContactRole::from_code(role.code()), Some(role));
        }
        assert_eq!(ContactRole::from_code("boss"), None);
    }
}
