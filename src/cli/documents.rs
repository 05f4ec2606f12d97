//! `letters`, `import letter`, `attach` and `export documents`: the Letter
//! of Commitment's round trip and the documents kept with records.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context as _, bail};

use crate::domain::document::{current_user, size_text};
use crate::domain::{DistrictId, DocumentOwner, GrantId, MembershipStatus, SchoolYear};
use crate::export::documents::{export_documents, place_of};
use crate::export::letters::{LettersRequest, Written, write_letters};
use crate::import::letter::{FieldResult, LetterImport, identify, take_in};
use crate::import::records::DistrictFinder;
use crate::io::kept_file::read_file_to_keep;
use crate::io::letter_document::{LetterTemplate, ReadHow, read_letter};
use crate::store::Store;

/// A district as the user names it: its KDE number or its name.
fn district_named(store: &Store, named: &str) -> anyhow::Result<(DistrictId, String)> {
    let finder = DistrictFinder::new(&store.district_list()?);
    if named.trim().chars().all(|c| c.is_ascii_digit())
        && let Some(found) = finder.by_kde_number(named)
    {
        return Ok(found);
    }
    finder
        .by_name(named)
        .map_err(|problem| anyhow::anyhow!("{}", capitalised(&problem)))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The template to write letters from: the user's file, or the app's.
fn template_of(path: Option<&Path>) -> anyhow::Result<LetterTemplate> {
    let Some(path) = path else {
        return Ok(LetterTemplate::standard());
    };
    let bytes =
        std::fs::read(path).with_context(|| format!("Could not read {}", path.display()))?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    LetterTemplate::read(&bytes, &name)
        .map_err(|e| anyhow::anyhow!("{} cannot be a letter template: {e}", path.display()))
}

/// `letters --year Y -o FOLDER [--district …] [--template FILE] [--dry-run]`.
pub(super) fn letters(
    db: &Path,
    year: SchoolYear,
    output: &Path,
    districts: &[String],
    template: Option<&Path>,
    dry_run: bool,
) -> anyhow::Result<String> {
    let store = Store::open_read_only(db)?;
    let template = template_of(template)?;
    let chosen: Vec<DistrictId> = if districts.is_empty() {
        let invited: Vec<DistrictId> = store
            .memberships_in(year)?
            .into_iter()
            .filter(|m| m.status == MembershipStatus::Invited)
            .map(|m| m.district_id)
            .collect();
        if invited.is_empty() {
            bail!(
                "No district is invited for {year} (letters go to invited districts): name them \
                 with --district, or start the year in the app first."
            );
        }
        invited
    } else {
        districts
            .iter()
            .map(|d| district_named(&store, d).map(|(id, _)| id))
            .collect::<anyhow::Result<_>>()?
    };
    let request = LettersRequest {
        year,
        districts: chosen,
        template: template.clone(),
        folder: output.to_path_buf(),
        today: crate::domain::today(),
        dry_run,
    };
    let written = write_letters(&store, &request, &mut |_| true)?;
    let mut out = String::new();
    if !template.is_standard() {
        for line in template.report().lines() {
            let _ = writeln!(out, "Template {}: {line}", template.name);
        }
    }
    for letter in &written {
        let missing: Vec<&str> = [
            (!letter.superintendent).then_some("no superintendent on file"),
            (letter.points_of_contact == 0).then_some("no point of contact on file"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let _ = writeln!(
            out,
            "{}{}{}",
            letter.path.display(),
            match letter.outcome {
                Written::New => String::new(),
                Written::Replaced if dry_run => {
                    " (would replace the letter as written before)".to_owned()
                }
                Written::Replaced => " (replaced: the letter as written before)".to_owned(),
                Written::Kept(why) => format!(" — left as it is: {why}"),
            },
            if missing.is_empty() {
                String::new()
            } else {
                format!(" — {}", missing.join(", "))
            }
        );
    }
    let verb = if dry_run { "Would write" } else { "Wrote" };
    let kept = written
        .iter()
        .filter(|w| matches!(w.outcome, Written::Kept(_)))
        .count();
    let _ = write!(
        out,
        "{verb} {} for {year} into {}{}",
        crate::domain::count(written.len() - kept, "letter", "letters"),
        output.display(),
        if kept > 0 {
            format!(
                " ({} left as they are)",
                crate::domain::count(kept, "file", "files")
            )
        } else {
            String::new()
        }
    );
    Ok(out)
}

/// What `import letter` is told besides the file.
pub(super) struct LetterArgs<'a> {
    pub district: Option<&'a str>,
    pub year: Option<SchoolYear>,
    pub received: Option<&'a str>,
    pub dry_run: bool,
    pub attach: bool,
}

/// `import letter FILE [--district …] [--year Y] [--received D] [--dry-run] [--no-attach]`.
pub(super) fn import_letter(
    db: &Path,
    file: &Path,
    args: LetterArgs<'_>,
) -> anyhow::Result<String> {
    let LetterArgs {
        district,
        year,
        received,
        dry_run,
        attach,
    } = args;
    let (mut store, _scratch) = super::records::open_existing(db, dry_run)?;
    let file_to_keep = crate::io::kept_file::read_file_to_keep(file)?;
    let bytes = file_to_keep.bytes;
    let file_name = file_to_keep.name;
    let found = read_letter(&bytes, &file_name).map_err(|e| {
        anyhow::anyhow!(
            "{}: {e} Keep it on the letter with `iln-roster attach \"{}\" --letter KDE# --year Y`.",
            file.display(),
            file.display()
        )
    })?;
    let identified = identify(&store, &found, &file_name)?;
    let district = match (district, &identified.district) {
        (Some(named), _) => district_named(&store, named)?,
        (None, Some(found)) => found.clone(),
        (None, None) => match &identified.unknown {
            Some(named) => bail!(
                "The letter is for {named}, which is not on the roster: add the district, \
                 or give --district KDE#."
            ),
            None => bail!(
                "Which district is this letter for? Neither the file nor the letter says: \
                 give --district KDE#."
            ),
        },
    };
    let year = year.or(identified.year).ok_or_else(|| {
        anyhow::anyhow!("Which school year is this letter for? Give --year, like 2027-2028.")
    })?;
    let conflicts = identified.conflicts(district.0, year);
    if !conflicts.is_empty() {
        bail!(
            "{} It is not {}'s letter for {year}: nothing was written.",
            conflicts.join(" "),
            district.1
        );
    }
    let received_on = match received {
        Some(text) => Some(
            crate::domain::validate::optional_date_in(text, year)
                .map_err(|e| anyhow::anyhow!("--received “{text}”: {e}"))?
                .ok_or_else(|| anyhow::anyhow!("--received needs a date, like 5/12/2027"))?,
        ),
        None => None,
    };
    if let Some(day) = received_on
        && day > crate::domain::today()
    {
        bail!(
            "--received {}: that day has not come yet.",
            crate::domain::validate::display_date(day)
        );
    }
    let import = LetterImport {
        found,
        file_name: file_name.clone(),
        bytes,
        district: district.0,
        year,
        keep_file: attach,
        today: crate::domain::today(),
        received_on,
    };
    let outcome = take_in(&mut store, &import, !dry_run)?;
    let mut out = String::new();
    let how = match import.found.how {
        Some(ReadHow::Fields) => "its fields",
        _ => "its headings (best effort)",
    };
    let _ = writeln!(
        out,
        "{}: {} for {} {year}, read from {how}",
        file.display(),
        import.found.kind,
        district.1
    );
    for line in &identified.how {
        let _ = writeln!(out, "  {line}");
    }
    for field in &outcome.fields {
        if field.result == FieldResult::Keeps {
            continue;
        }
        let short = |t: &str| {
            let one_line = t.replace('\n', " ⏎ ");
            if one_line.chars().count() > 70 {
                format!("{}…", one_line.chars().take(69).collect::<String>())
            } else {
                one_line
            }
        };
        let now = if field.now.is_empty() {
            "(empty)".to_owned()
        } else {
            short(&field.now)
        };
        let _ = writeln!(
            out,
            "  {:<11} {}: {} → {}",
            field.result.label(),
            field.label,
            now,
            short(&field.letter)
        );
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        outcome.row.result.label(),
        outcome.row.details
    );
    if outcome.row.result == crate::import::records::RowResult::Unchanged {
        let kept = match (outcome.document, dry_run) {
            (Some(_), true) => "; the file would be kept on it",
            (Some(_), false) => "; the file is kept on it",
            (None, _) => "",
        };
        let _ = write!(
            out,
            "{}'s letter for {year} already says all of this{kept}",
            district.1
        );
        return Ok(out);
    }
    if !outcome.can_import() {
        bail!("{out}Nothing was written.");
    }
    let status = |s: Option<MembershipStatus>| s.map_or("no letter", MembershipStatus::label);
    let verb = if dry_run { "Would fill" } else { "Filled" };
    let _ = write!(
        out,
        "{verb} {}'s letter for {year} ({} → {}){}",
        district.1,
        status(outcome.status_before),
        status(outcome.status_after),
        if outcome.document.is_some() {
            format!(
                " and {} the file on it",
                if dry_run { "keep" } else { "kept" }
            )
        } else {
            String::new()
        }
    );
    Ok(out)
}

/// What `attach` keeps a file on.
pub(super) enum AttachTo<'a> {
    District(&'a str),
    Letter(&'a str, SchoolYear),
    Grant(i64),
}

/// `attach FILE --letter KDE# [--year Y] | --grant NUMBER | --district KDE#`.
pub(super) fn attach(
    db: &Path,
    file: &Path,
    to: AttachTo<'_>,
    dry_run: bool,
) -> anyhow::Result<String> {
    let (mut store, _scratch) = super::records::open_existing(db, dry_run)?;
    let owner = match to {
        AttachTo::District(named) => DocumentOwner::District(district_named(&store, named)?.0),
        AttachTo::Letter(named, year) => {
            let (district, name) = district_named(&store, named)?;
            let membership = store.membership_of(district, year)?.ok_or_else(|| {
                anyhow::anyhow!("{name} has no letter for {year}: add it first, then attach.")
            })?;
            DocumentOwner::Letter(membership.id)
        }
        AttachTo::Grant(number) => {
            let id = GrantId(number);
            store.grant(id).map_err(|_| {
                anyhow::anyhow!(
                    "There is no grant application No. {number}: its number shows at the top \
                     of its form."
                )
            })?;
            DocumentOwner::Grant(id)
        }
    };
    let document = read_file_to_keep(file)?;
    let place = place_of(&store, owner)?;
    store.add_document(owner, &document, &current_user())?;
    let verb = if dry_run { "Would keep" } else { "Kept" };
    Ok(format!(
        "{verb} “{}” ({}) on {}",
        document.name,
        size_text(document.bytes.len() as u64),
        place.words()
    ))
}

/// `export documents -o FOLDER [--dry-run]`.
pub(super) fn export_all_documents(
    db: &Path,
    output: &Path,
    dry_run: bool,
) -> anyhow::Result<String> {
    let store = Store::open_read_only(db)?;
    let saved = export_documents(&store, output, dry_run)?;
    let mut out = String::new();
    for document in &saved {
        let _ = writeln!(
            out,
            "{} ({}){}",
            document.path.display(),
            size_text(document.document.size),
            if document.already_there {
                ", already there"
            } else {
                ""
            }
        );
    }
    let verb = if dry_run { "Would save" } else { "Saved" };
    let there = saved.iter().filter(|d| d.already_there).count();
    let _ = write!(
        out,
        "{verb} {} into {}{}",
        crate::domain::count(saved.len() - there, "document", "documents"),
        output.display(),
        if there > 0 {
            format!("; {there} already there")
        } else {
            String::new()
        }
    );
    Ok(out)
}

/// `letter-template -o FILE.docx`: the app's letter, to edit in Word.
pub(super) fn save_template(output: &Path) -> anyhow::Result<String> {
    if output.is_dir() {
        bail!(
            "{} is a folder: name the .docx file to write.",
            output.display()
        );
    }
    if std::fs::symlink_metadata(output).is_ok() {
        bail!(
            "{} is there already (an edited template, a returned letter?): it is never \
             written over. Name a new file.",
            output.display()
        );
    }
    let bytes = LetterTemplate::standard().to_docx()?;
    crate::io::save::save_bytes(output, &bytes)?;
    Ok(format!(
        "Wrote the app's Letter of Commitment to {}: edit it in Word (keep its placeholders \
         such as {{district}} and its fields), then `letters --template` it.",
        output.display()
    ))
}
