//! `drafts`: e-mail drafts from a template for a list of districts.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::bail;
use strum::VariantArray as _;

use crate::domain::email::{EmailTemplate, PLACEHOLDERS, Recipient, TemplateName};
use crate::domain::{ConveningId, GrantId, SchoolYear};
use crate::export::drafts::{Audience, DraftsRequest, write_drafts};
use crate::io::save::io_words;

/// Every template's name and subject (as reworded in the roster, if it
/// is there).
pub(super) fn list(db: &Path) -> anyhow::Result<String> {
    // With no roster yet, the app's own templates; a file that is not a
    // roster is said as such.
    let store = match crate::store::Store::open_read_only(db) {
        Ok(store) => Some(store),
        Err(crate::store::OpenError::NoRoster { .. }) => None,
        Err(error) => return Err(error.into()),
    };
    let lines: Vec<String> = TemplateName::VARIANTS
        .iter()
        .map(|name| {
            let template = store
                .as_ref()
                .and_then(|s| s.email_template(*name).ok())
                .unwrap_or_else(|| name.standard());
            let reworded = if template == name.standard() {
                ""
            } else {
                " (reworded)"
            };
            format!(
                "{:<22} {}{reworded} — “{}”",
                name.key(),
                name.label(),
                template.subject
            )
        })
        .collect();
    Ok(lines.join("\n"))
}

/// What `drafts` is told.
pub(super) struct DraftsArgs<'a> {
    pub template: &'a str,
    pub to: &'a str,
    pub year: SchoolYear,
    pub cc: &'a [String],
    /// Copy the people of the network marked "Cc on drafts".
    pub default_cc: bool,
    pub output: &'a Path,
    pub dry_run: bool,
}

fn audience(to: &str) -> anyhow::Result<Audience> {
    let to = to.trim().to_lowercase();
    let number = |text: &str, what: &str| -> anyhow::Result<i64> {
        text.trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("“{text}” is not a {what} number"))
    };
    Ok(match to.split_once(':') {
        None if to == "renewals" => Audience::Renewals,
        None if to == "flagged" => Audience::Flagged,
        None if to == "members" => Audience::Members,
        Some(("convening", id)) => Audience::Convening(ConveningId(number(id, "convening")?)),
        Some(("grant", id)) => Audience::Grant(GrantId(number(id, "grant application")?)),
        _ => bail!("--to “{to}”: say renewals, flagged, members, convening:ID or grant:ID"),
    })
}

pub(super) fn drafts(db: &Path, args: &DraftsArgs<'_>) -> anyhow::Result<String> {
    let name = template_name(args.template)?;
    let audience = audience(args.to)?;
    let (mut store, _scratch) = super::records::open_existing(db, args.dry_run)?;
    match audience {
        Audience::Convening(id) if store.convening(id).is_err() => bail!(
            "There is no convening number {}: `iln-roster export convenings` lists their numbers.",
            id.0
        ),
        Audience::Grant(id) if store.grant(id).is_err() => bail!(
            "There is no grant application number {}: its form shows its number \
             (Travel Fund Grant … · No. 42).",
            id.0
        ),
        _ => {}
    }
    let network = store.network_people()?;
    let mut cc: Vec<Recipient> = Vec::new();
    if args.default_cc {
        cc.extend(
            network
                .iter()
                .filter(|p| p.fields.active && p.fields.cc_on_drafts)
                .filter_map(crate::domain::NetworkPerson::recipient),
        );
    }
    for asked in args.cc {
        let asked = asked.trim();
        let person = crate::domain::NetworkPerson::named(&network, asked);
        let recipient = match person {
            Some(p) => match p.recipient() {
                Some(recipient) => recipient,
                None => bail!("--cc “{asked}”: {} has no email on file", p.fields.name),
            },
            None => crate::domain::email::recipient_from(asked).map_err(|_| {
                anyhow::anyhow!(
                    "--cc “{asked}” is neither an email address nor a person of the network"
                )
            })?,
        };
        if !cc
            .iter()
            .any(|c| c.email.eq_ignore_ascii_case(&recipient.email))
        {
            cc.push(recipient);
        }
    }
    let request = DraftsRequest {
        template: store.email_template(name)?,
        audience,
        year: args.year,
        cc,
        folder: args.output.to_path_buf(),
        today: crate::domain::today(),
        dry_run: args.dry_run,
        only: None,
    };
    let made = write_drafts(&mut store, &request)?;
    let prepared = &made.prepared;
    let mut out = String::new();
    for one in prepared {
        let to: Vec<&str> = one.draft.to.iter().map(|r| r.email.as_str()).collect();
        let to = if to.is_empty() {
            "no address on file".to_owned()
        } else {
            to.join(", ")
        };
        let _ = writeln!(
            out,
            "{} — to {to} — “{}”",
            one.path.display(),
            one.draft.subject
        );
    }
    let verb = if args.dry_run {
        "Would write"
    } else {
        "Wrote and logged"
    };
    const SAID: usize = 10;
    for (district, why) in made.skipped.iter().take(SAID) {
        let _ = writeln!(out, "Left out {district}: {why}");
    }
    if made.skipped.len() > SAID {
        let _ = writeln!(
            out,
            "…and {} more left out likewise.",
            made.skipped.len() - SAID
        );
    }
    if prepared.is_empty() && !made.skipped.is_empty() {
        bail!(
            "{out}No draft could be made: “{}” does not fit the districts of --to {}.",
            name.label(),
            args.to
        );
    }
    let _ = write!(
        out,
        "{verb} {} into {}",
        crate::domain::count(prepared.len(), "draft", "drafts"),
        args.output.display()
    );
    Ok(out)
}

/// What `email-template` does to the template.
pub(super) enum Reword {
    Show,
    To {
        subject: Option<String>,
        body_file: Option<std::path::PathBuf>,
    },
    Reset,
}

/// A text file bigger than this is not a message's text.
const MAX_BODY_FILE_BYTES: u64 = 1024 * 1024;

fn template_name(key: &str) -> anyhow::Result<TemplateName> {
    TemplateName::from_key(key).ok_or_else(|| {
        anyhow::anyhow!("There is no template “{key}”: `iln-roster drafts --list` names them.")
    })
}

fn read_body(path: &Path) -> anyhow::Result<String> {
    let size = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("Could not read {}: {}", path.display(), io_words(&e)))?
        .len();
    if size > MAX_BODY_FILE_BYTES {
        bail!(
            "{} is {} KB: a message's text is a short text file.",
            path.display(),
            size / 1024
        );
    }
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("Could not read {}: {}", path.display(), io_words(&e)))?;
    let text = crate::io::text::decode(&bytes).map_err(|error| match error {
        crate::io::text::TextError::Empty => anyhow::anyhow!("{} is empty.", path.display()),
        crate::io::text::TextError::Binary => {
            anyhow::anyhow!("{} is not a text file.", path.display())
        }
    })?;
    Ok(text.replace("\r\n", "\n").trim_end().to_owned())
}

fn shown(template: &EmailTemplate) -> String {
    let placeholders: Vec<String> = PLACEHOLDERS
        .iter()
        .map(|(name, _)| format!("{{{name}}}"))
        .collect();
    format!(
        "Subject: {}\n\n{}\n\nPlaceholders: {}",
        template.subject,
        template.body,
        placeholders.join(" ")
    )
}

/// `email-template`: shows a template, rewords it, or gives it back the
/// app's own text (one change, in History; Undo takes it back).
pub(super) fn email_template(
    db: &Path,
    key: &str,
    change: Reword,
    dry_run: bool,
) -> anyhow::Result<String> {
    let name = template_name(key)?;
    if let Reword::Show = change {
        let template = match crate::store::Store::open_read_only(db) {
            Ok(store) => store.email_template(name)?,
            Err(crate::store::OpenError::NoRoster { .. }) => name.standard(),
            Err(error) => return Err(error.into()),
        };
        return Ok(shown(&template));
    }
    let (mut store, _scratch) = super::records::open_existing(db, dry_run)?;
    let mut template = store.email_template(name)?;
    match change {
        Reword::Show => {}
        Reword::Reset => template = name.standard(),
        Reword::To { subject, body_file } => {
            if let Some(subject) = subject {
                template.subject = subject.trim().to_owned();
            }
            if let Some(path) = body_file {
                template.body = read_body(&path)?;
            }
        }
    }
    if let Err(problem) = template.check() {
        bail!("{problem} Nothing was kept.");
    }
    store.save_email_template(&template)?;
    let what = match (dry_run, template == name.standard()) {
        (false, true) => format!("“{}” is the app's own text", name.label()),
        (false, false) => format!("Kept the wording of “{}”", name.label()),
        (true, true) => format!(
            "Would give “{}” the app's own text (dry run: nothing kept)",
            name.label()
        ),
        (true, false) => format!(
            "Would keep this wording of “{}” (dry run: nothing kept)",
            name.label()
        ),
    };
    Ok(format!("{what}.\n\n{}", shown(&template)))
}
