//! What each command does to the store, and what the status bar says
//! about it: one store call each (one transaction), checked against the
//! record as the form read it.

use chrono::NaiveDate;

use super::Command;
use crate::bundled::kentucky_districts::kentucky_districts;
use crate::domain::participants::ReportRules;
use crate::domain::{
    Attendance, AttendanceStatus, ContactFields, ContactId, ConveningFields, ConveningId,
    DistrictFields, DistrictId, GrantFields, GrantId, GrantStatus, Letter, MembershipStatus,
    SchoolYear,
};
use crate::store::{ChangeId, Record, ReportAttendee, ReportRecord, Store};
use crate::ui::Created;
use crate::ui::style::count;

/// What a successful command did.
pub(super) struct Applied {
    pub message: String,
    /// The year to show afterwards (the one just started, or the year of a
    /// record saved in another).
    pub show_year: Option<SchoolYear>,
    /// A record it added, for its screen to select.
    pub created: Option<Created>,
}

impl Applied {
    fn said(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            show_year: None,
            created: None,
        }
    }
}

pub(super) fn apply(
    store: &mut Store,
    command: &Command,
    today: NaiveDate,
) -> anyhow::Result<Applied> {
    use Command as C;
    Ok(match command {
        C::SaveDistrict { id, fields, seen } => save_district(store, *id, fields, *seen)?,
        C::SetDistrictArchived { id, archived } => {
            store.set_district_archived(*id, *archived)?;
            let name = store.district(*id)?.fields.name;
            let verb = if *archived { "Archived" } else { "Restored" };
            Applied::said(format!("{verb} {name}."))
        }
        C::DeleteDistrict(id) => {
            let name = store.district(*id)?.fields.name;
            store.delete_district(*id)?;
            Applied::said(format!("Deleted {name}."))
        }
        C::SaveContact {
            district,
            id,
            fields,
            seen,
        } => save_contact(store, *district, *id, fields, *seen)?,
        C::DeleteContact { id, .. } => {
            let name = store.contact(*id)?.fields.name;
            store.delete_contact(*id)?;
            Applied::said(format!("Removed contact {name}."))
        }
        C::AddKentuckyDistricts => add_kentucky_districts(store)?,
        C::SaveLetter {
            district,
            year,
            status,
            letter,
            seen,
        } => save_letter(store, (*district, *year), *status, letter, *seen)?,
        C::StartNextYear { from } => start_next_year(store, *from, today)?,
        C::SaveConvening { id, fields, seen } => save_convening(store, *id, fields, *seen)?,
        C::DeleteConvening(id) => {
            let title = store.convening(*id)?.fields.title;
            store.delete_convening(*id)?;
            Applied::said(format!("Deleted “{title}”."))
        }
        C::SaveAttendanceSheet {
            convening,
            lines,
            seen,
        } => save_attendance_sheet(store, *convening, lines, *seen)?,
        C::SetAttendanceRules(rules) => {
            store.set_attendance_rules(*rules)?;
            Applied::said(format!(
                "Flagging districts under {}%; {}.",
                rules.threshold_percent,
                rules.excused.label().to_lowercase()
            ))
        }
        C::SaveGrant {
            id,
            status,
            fields,
            seen,
        } => save_grant(store, *id, *status, fields, *seen, today)?,
        C::SetGrantFund { year, amount } => {
            store.set_grant_fund(*year, *amount)?;
            Applied::said(format!("The fund for {year} is {amount}."))
        }
        C::SetDecisionDays(days) => {
            store.set_decision_days(*days)?;
            Applied::said(format!(
                "Applications undecided after {days} days need attention."
            ))
        }
        C::Undo => Applied::said(match store.undo()? {
            Some(summary) => format!("Undid: {summary}."),
            None => "Nothing to undo.".to_owned(),
        }),
        C::UndoOne(id) => Applied::said(format!("Undid: {}.", store.undo_one(*id)?)),
        C::Redo => Applied::said(match store.redo()? {
            Some(summary) => format!("Redid: {summary}."),
            None => "Nothing to redo.".to_owned(),
        }),
        C::SetReportRules(rules) => set_report_rules(store, rules)?,
        C::RecordReport {
            convening,
            attendees,
            report,
        } => record_report(store, *convening, attendees, report)?,
        C::AttachFiles { owner, paths } => attach_files(store, *owner, paths)?,
        C::TakeInLetter(import) => take_in_letter(store, import)?,
        C::WriteDrafts(request) => write_drafts(store, request)?,
        C::LogDrafts(entries) => {
            store.log_contacts(entries)?;
            Applied::said(format!(
                "Opened {} in the mail program; logged on {}.",
                count(entries.len(), "draft", "drafts"),
                match entries.as_slice() {
                    [one] => store.district(one.district)?.fields.name,
                    _ => "each district".to_owned(),
                }
            ))
        }
        C::SaveEmailTemplate(template) => {
            store.save_email_template(template)?;
            Applied::said(if *template == template.name.standard() {
                format!("“{}” is the app's own text again.", template.name.label())
            } else {
                format!("Saved the template “{}”.", template.name.label())
            })
        }
        C::SaveCalendar { of, path } => {
            let events = crate::export::calendar::write_calendar(store, *of, path, false)?;
            Applied::said(format!(
                "Saved {} to {}: open it to add to Outlook or another calendar.",
                count(events, "calendar entry", "calendar entries"),
                path.display()
            ))
        }
        C::SaveMap {
            year,
            colouring,
            path,
        } => {
            let map = crate::export::map::network_map(store, *year, today)?;
            crate::export::map::write_map(&map, *colouring, path, false)?;
            Applied::said(format!(
                "Saved the {year} map by {} to {}.",
                colouring.label().to_lowercase(),
                path.display()
            ))
        }
        C::SaveNetworkPerson { id, fields } => {
            match id {
                Some(id) => store.update_network_person(*id, fields)?,
                None => {
                    store.insert_network_person(fields)?;
                }
            }
            Applied::said(format!("Saved {}.", fields.name))
        }
        C::DeleteNetworkPerson(id) => {
            let name = store.network_person(*id)?.fields.name;
            store.delete_network_person(*id)?;
            Applied::said(format!("Removed {name}. Undo brings them back."))
        }
        C::RemoveDocument(id) => {
            let name = store.document(*id)?.name;
            store.remove_document(*id)?;
            Applied::said(format!("Removed “{name}”. Undo brings it back."))
        }
        C::LetRemovedDocumentsGo => {
            let before = store.storage()?.file_bytes;
            let gone = store.let_removed_documents_go()?;
            let after = store.storage()?.file_bytes;
            Applied::said(format!(
                "Let {} go; the roster is {} smaller.",
                count(gone as usize, "removed file", "removed files"),
                crate::domain::document::size_text(before.saturating_sub(after))
            ))
        }
    })
}

fn save_district(
    store: &mut Store,
    id: Option<DistrictId>,
    fields: &DistrictFields,
    seen: ChangeId,
) -> anyhow::Result<Applied> {
    Ok(match id {
        Some(id) => {
            store.ensure_unchanged_since(Record::District(id), seen)?;
            store.update_district(id, fields)?;
            Applied::said(format!("Saved {}.", fields.name))
        }
        None => Applied {
            created: Some(Created::District(store.insert_district(fields)?)),
            ..Applied::said(format!("Added {}.", fields.name))
        },
    })
}

fn save_contact(
    store: &mut Store,
    district: DistrictId,
    id: Option<ContactId>,
    fields: &ContactFields,
    seen: ChangeId,
) -> anyhow::Result<Applied> {
    match id {
        Some(id) => {
            store.ensure_unchanged_since(Record::Contact(id), seen)?;
            store.update_contact(id, fields)?;
        }
        None => {
            store.insert_contact(district, fields)?;
        }
    }
    Ok(Applied::said(format!("Saved contact {}.", fields.name)))
}

fn add_kentucky_districts(store: &mut Store) -> anyhow::Result<Applied> {
    let summary = store.add_districts(&kentucky_districts()?)?;
    Ok(Applied::said(match summary.already_present {
        0 => format!("Added {} Kentucky districts.", summary.added),
        present => format!(
            "Added {} Kentucky districts ({present} were already in the roster).",
            summary.added
        ),
    }))
}

fn save_letter(
    store: &mut Store,
    (district, year): (DistrictId, SchoolYear),
    status: MembershipStatus,
    letter: &Letter,
    seen: ChangeId,
) -> anyhow::Result<Applied> {
    store.ensure_unchanged_since(Record::Letter(district, year), seen)?;
    store.save_membership(district, year, status, letter)?;
    let name = store.district(district)?.fields.name;
    Ok(Applied::said(format!(
        "Saved {name}'s letter for {year} ({}).",
        status.label()
    )))
}

fn start_next_year(
    store: &mut Store,
    from: SchoolYear,
    today: NaiveDate,
) -> anyhow::Result<Applied> {
    let invited = store.start_next_year(from, today)?;
    let next = from.next();
    Ok(Applied {
        show_year: Some(next),
        ..Applied::said(format!(
            "Invited {} for {next}.",
            count(invited, "district", "districts")
        ))
    })
}

fn save_convening(
    store: &mut Store,
    id: Option<ConveningId>,
    fields: &ConveningFields,
    seen: ChangeId,
) -> anyhow::Result<Applied> {
    let created = match id {
        Some(id) => {
            store.ensure_unchanged_since(Record::Convening(id), seen)?;
            store.update_convening(id, fields)?;
            None
        }
        None => Some(Created::Convening(store.insert_convening(fields)?)),
    };
    let year = fields.year();
    Ok(Applied {
        // A convening dated in another school year is shown there.
        show_year: Some(year),
        created,
        ..Applied::said(format!("Saved “{}” ({year}).", fields.title))
    })
}

fn save_attendance_sheet(
    store: &mut Store,
    convening: ConveningId,
    lines: &[Attendance],
    seen: ChangeId,
) -> anyhow::Result<Applied> {
    store.ensure_unchanged_since(Record::AttendanceSheet(convening), seen)?;
    store.save_attendance_sheet(convening, lines)?;
    let attended = lines
        .iter()
        .filter(|l| l.status == AttendanceStatus::Attended)
        .count();
    Ok(Applied::said(format!(
        "Saved the attendance sheet: {attended} of {} districts attended.",
        lines.len()
    )))
}

fn save_grant(
    store: &mut Store,
    id: Option<GrantId>,
    status: GrantStatus,
    fields: &GrantFields,
    seen: ChangeId,
    today: NaiveDate,
) -> anyhow::Result<Applied> {
    if let Some(id) = id {
        store.ensure_unchanged_since(Record::Grant(id), seen)?;
    }
    let saved = store.save_grant(id, status, fields, today)?;
    let name = store.district(fields.district)?.fields.name;
    Ok(Applied {
        show_year: Some(fields.year),
        created: id.is_none().then_some(Created::Grant(saved)),
        ..Applied::said(format!(
            "Saved {name}'s application to {} ({}).",
            fields.destination,
            status.label()
        ))
    })
}

fn set_report_rules(store: &mut Store, rules: &ReportRules) -> anyhow::Result<Applied> {
    store.set_report_rules(rules)?;
    let organisers = if rules.organiser_domains.is_empty() {
        "none".to_owned()
    } else {
        rules.domains_text()
    };
    Ok(Applied::said(format!(
        "Reports count people in the meeting for at least {} min; organisers: {organisers}.",
        rules.min_minutes
    )))
}

fn record_report(
    store: &mut Store,
    convening: ConveningId,
    attendees: &[ReportAttendee],
    report: &ReportRecord,
) -> anyhow::Result<Applied> {
    let summary = store.record_report_attendance(convening, attendees, report)?;
    let mut message = if summary.districts_marked + summary.people_added == 0 {
        "Nothing changed: everyone in this report was already recorded.".to_owned()
    } else {
        format!(
            "Marked {} attended, noted {}, added {}.",
            count(summary.districts_marked, "district", "districts"),
            count(summary.people_added, "person", "people"),
            count(summary.contacts_created, "contact", "contacts")
        )
    };
    if summary.not_members > 0 {
        message.push_str(&format!(
            " {} not members that day were not recorded.",
            count(summary.not_members, "district", "districts")
        ));
    }
    Ok(Applied::said(message))
}

/// Keeps each file on the record, all as one change (one Undo).
fn attach_files(
    store: &mut Store,
    owner: crate::domain::DocumentOwner,
    paths: &[std::path::PathBuf],
) -> anyhow::Result<Applied> {
    let files = paths
        .iter()
        .map(|path| crate::io::kept_file::read_file_to_keep(path))
        .collect::<Result<Vec<_>, _>>()?;
    let place = crate::export::documents::place_of(store, owner)?;
    let user = crate::domain::document::current_user();
    store.in_one_change(true, |store| {
        for file in &files {
            store.add_document(owner, file, &user)?;
        }
        Ok(())
    })?;
    let what = match files.as_slice() {
        [one] => format!(
            "“{}” ({})",
            one.name,
            crate::domain::document::size_text(one.bytes.len() as u64)
        ),
        many => count(many.len(), "file", "files"),
    };
    Ok(Applied::said(format!("Kept {what} on {}.", place.words())))
}

/// Fills a letter from the returned one, as one change.
fn take_in_letter(
    store: &mut Store,
    import: &crate::import::letter::LetterImport,
) -> anyhow::Result<Applied> {
    let outcome = crate::import::letter::take_in(store, import, true)?;
    if !outcome.can_import() {
        anyhow::bail!("{}", outcome.row.details);
    }
    let name = store.district(import.district)?.fields.name;
    let status = |s: Option<MembershipStatus>| s.map_or("no letter", MembershipStatus::label);
    let kept = if outcome.document.is_some() {
        "; the file is kept on it"
    } else {
        ""
    };
    Ok(Applied {
        message: format!(
            "Filled {name}'s letter for {} from “{}” ({} → {}){kept}.",
            import.year,
            import.file_name,
            status(outcome.status_before),
            status(outcome.status_after)
        ),
        show_year: Some(import.year),
        created: None,
    })
}

/// Writes the drafts and logs them on their districts.
fn write_drafts(
    store: &mut Store,
    request: &crate::export::drafts::DraftsRequest,
) -> anyhow::Result<Applied> {
    let made = crate::export::drafts::write_drafts(store, request)?;
    let left_out = match made.skipped.as_slice() {
        [] => String::new(),
        [(district, why)] => format!(" Left out {district}: {why}."),
        many => format!(
            " Left out {} (no value for a placeholder): {}.",
            count(many.len(), "district", "districts"),
            many.iter()
                .map(|(d, _)| d.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Ok(Applied::said(format!(
        "Wrote {} into {}; each is logged on its district.{left_out}",
        count(made.prepared.len(), "draft", "drafts"),
        request.folder.display()
    )))
}
