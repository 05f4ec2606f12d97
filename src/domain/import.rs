//! What an import asks of the roster, decided before anything is written
//! (see `crate::import`) and applied by the store in one transaction.

use super::contact::{ContactFields, ContactId};
use super::district::{DistrictFields, DistrictId};

/// One change an import makes to the roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportAction {
    /// A district not on the roster, with its people.
    Add {
        fields: DistrictFields,
        contacts: Vec<ContactFields>,
    },
    /// A district on the roster: its fields as they become, and the people
    /// added or changed.
    Update {
        id: DistrictId,
        fields: DistrictFields,
        contacts: Vec<ContactImport>,
    },
}

/// A person an import adds to a district, or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContactImport {
    Add(ContactFields),
    Update {
        id: ContactId,
        fields: ContactFields,
    },
}
