//! `drafts`: e-mail drafts from a template for a list of districts.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::bail;
use strum::VariantArray as _;

use crate::domain::email::{Recipient, TemplateName};
use crate::domain::{ConveningId, GrantId, SchoolYear};
use crate::export::drafts::{Audience, DraftsRequest, write_drafts};

/// Every template's name and subject.
pub(super) fn list() -> String {
    TemplateName::VARIANTS
        .iter()
        .map(|name| {
            format!(
                "{:<22} {} — “{}”",
                name.key(),
                name.label(),
                name.standard().subject
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `drafts` is told.
pub(super) struct DraftsArgs<'a> {
    pub template: &'a str,
    pub to: &'a str,
    pub year: SchoolYear,
    pub cc: &'a [String],
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
    let Some(name) = TemplateName::from_key(args.template) else {
        bail!(
            "There is no template “{}”: `iln-roster drafts --list` names them.",
            args.template
        );
    };
    let audience = audience(args.to)?;
    let cc = args
        .cc
        .iter()
        .map(|email| {
            if email_address::EmailAddress::is_valid(email.trim()) {
                Ok(Recipient {
                    name: String::new(),
                    email: email.trim().to_owned(),
                })
            } else {
                Err(anyhow::anyhow!("--cc “{email}” is not an email address"))
            }
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let (mut store, _scratch) = super::records::open_existing(db, args.dry_run)?;
    let request = DraftsRequest {
        template: name.standard(),
        audience,
        year: args.year,
        cc,
        folder: args.output.to_path_buf(),
        today: crate::domain::today(),
        dry_run: args.dry_run,
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
    for (district, why) in &made.skipped {
        let _ = writeln!(out, "Left out {district}: {why}");
    }
    let _ = write!(
        out,
        "{verb} {} into {}",
        crate::domain::count(prepared.len(), "draft", "drafts"),
        args.output.display()
    );
    Ok(out)
}
