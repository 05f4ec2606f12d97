//! The Letter of Commitment as a Word document: written from the app's
//! template, filled as Word fills it (and as LibreOffice saves it), read
//! back field for field; custom templates and their placeholders.

use std::path::Path;
use std::process::Command;

mod common;

use common::letters::{Answers, adair, fill_as_word};
use iln_roster::domain::{ActionArea, BigIdea, SchoolYear};
use iln_roster::io::docx::{self, Package};
use iln_roster::io::letter_document::{
    LetterFound, LetterTag, LetterTemplate, ReadHow, read_letter,
};

fn assert_answers(found: &LetterFound) {
    assert_eq!(
        found.superintendent.as_deref(),
        Some("Pat Doe <pat.doe@adair.kyschools.us>")
    );
    assert_eq!(
        found.points_of_contact,
        [
            "Lee Smith <lee.smith@adair.kyschools.us>",
            "Dana Ruiz <dana.ruiz@adair.kyschools.us>"
        ]
    );
    assert_eq!(found.plans.as_deref(), Some(Answers::PLANS));
    assert_eq!(found.learning_goal.as_deref(), Some(Answers::GOAL));
    assert_eq!(
        found.big_ideas,
        Some([BigIdea::VibrantLearning].into()),
        "big ideas"
    );
    assert_eq!(
        found.action_areas,
        Some([ActionArea::PortraitOfALearner, ActionArea::LocalAssessment].into())
    );
    assert_eq!(found.district_signatory.as_deref(), Some("Pat Doe"));
    assert!(
        found
            .district_signed_on
            .as_deref()
            .is_some_and(|d| d == "2027-05-03" || d == "5/3/2027"),
        "{:?}",
        found.district_signed_on
    );
    assert_eq!(found.kde_signatory, None);
    assert_eq!(found.kde_signed_on, None);
}

#[test]
fn a_written_letter_names_its_district_and_year_and_is_pre_filled() {
    let letter = LetterTemplate::standard().write_letter(&adair()).unwrap();
    let package = Package::read(&letter).unwrap();
    let text = docx::text_of(package.document_xml().unwrap()).unwrap();
    for expected in [
        "KY ILN Letter of Commitment 2027-2028 School Year",
        "District: Adair County",
        "Pat Doe, pat.doe@adair.kyschools.us",
        "Lee Smith, Chief Academic Officer, lee.smith@adair.kyschools.us; Kim O’Neal, kim@adair.kyschools.us",
        "Last year (2026-2027) your district",
        "Every graduate leaves with a defended portfolio.",
        "between the Kentucky Department of Education and Adair County, effective for the 2027-2028 school year",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    assert!(!text.contains('{'), "a placeholder left: {text}");
    // Returned untouched, it holds the roster's people and no answers.
    let found = read_letter(&letter, "Adair County.docx").unwrap();
    assert_eq!(found.how, Some(ReadHow::Fields));
    assert_eq!(found.kde_number.as_deref(), Some("001"));
    assert_eq!(found.district.as_deref(), Some("Adair County"));
    assert_eq!(found.year, SchoolYear::starting(2027));
    assert_eq!(found.reflections, None);
    assert_eq!(found.big_ideas, Some(Default::default()));
    assert_eq!(found.district_signed_on, None);
}

#[test]
fn a_letter_filled_as_word_fills_it_reads_back_field_for_field() {
    let letter = LetterTemplate::standard().write_letter(&adair()).unwrap();
    let filled = fill_as_word(&letter);
    let found = read_letter(&filled, "Adair County signed.docx").unwrap();
    assert_eq!(found.how, Some(ReadHow::Fields));
    assert_eq!(found.reflections.as_deref(), Some(Answers::REFLECTIONS));
    assert_answers(&found);
}

/// LibreOffice, when the machine has it (CI installs it).
fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|program| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn convert(program: &str, file: &Path, to: &str, out: &Path) -> Vec<u8> {
    let profile = out.join("profile");
    let status = Command::new(program)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let stem = file.file_stem().unwrap().to_string_lossy();
    let extension = to.split(':').next().unwrap();
    std::fs::read(out.join(format!("{stem}.{extension}"))).unwrap()
}

#[test]
fn a_letter_saved_by_libreoffice_and_its_pdf_read_back() {
    let Some(program) = soffice() else {
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed here; `.ci/run` installs it so CI runs this test."
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("written.docx");
    let letter = LetterTemplate::standard().write_letter(&adair()).unwrap();
    std::fs::write(&written, &letter).unwrap();

    // The written letter opens without a repair: LibreOffice reads it
    // whole, and its PDF has the letter's text.
    let out = dir.path().join("pdf");
    let pdf = convert(program, &written, "pdf", &out);
    let text = iln_roster::io::pdf_text::pdf_text(&pdf).unwrap();
    for expected in [
        "Letter of Commitment",
        "Adair County",
        "2027-2028",
        "Required Signatories",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF:\n{text}"
        );
    }

    // Filled, then saved again by LibreOffice as Word.
    let filled = dir.path().join("filled.docx");
    std::fs::write(&filled, fill_as_word(&letter)).unwrap();
    let resaved = convert(
        program,
        &filled,
        "docx:MS Word 2007 XML",
        &dir.path().join("docx"),
    );
    if let Ok(dump) = std::env::var("LETTER_DUMP") {
        std::fs::write(format!("{dump}/resaved.docx"), &resaved).unwrap();
        std::fs::write(format!("{dump}/filled.docx"), fill_as_word(&letter)).unwrap();
    }
    let found = read_letter(&resaved, "filled.docx").unwrap();
    assert_eq!(
        found.kde_number.as_deref(),
        Some("001"),
        "custom properties kept"
    );
    assert_answers(&found);
    // Both lines of the reflections, whatever became of the break.
    let squeezed = |t: &str| t.split_whitespace().collect::<String>();
    assert_eq!(
        found.reflections.as_deref().map(squeezed),
        Some(squeezed(Answers::REFLECTIONS))
    );

    // And its PDF, read by the letter's headings.
    let pdf = convert(program, &filled, "pdf", &dir.path().join("filled-pdf"));
    let found = read_letter(&pdf, "filled.pdf").unwrap();
    assert_eq!(found.how, Some(ReadHow::Headings));
    assert_eq!(found.district.as_deref(), Some("Adair County"));
    assert_eq!(found.year, SchoolYear::starting(2027));
    assert_answers(&found);
}

#[test]
fn a_custom_template_fills_its_placeholders_and_reports_what_is_missing() {
    // A one-paragraph template, as KDE might write it in Word: no {year},
    // a misspelt placeholder, and no fields.
    let standard = LetterTemplate::standard();
    let mut package = Package::read(&standard.to_docx().unwrap()).unwrap();
    package.set_part(
        docx::DOCUMENT_PART,
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Dear {superintendent} of {dis</w:t></w:r><w:r><w:b/><w:t>trict}, {superintendant}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>"#.to_vec(),
    );
    let template = LetterTemplate::read(&package.write().unwrap(), "KDE 2027.docx").unwrap();
    let report = template.report();
    assert_eq!(report.found, ["district", "superintendent"]);
    assert_eq!(report.missing_essential, ["year"]);
    // A placeholder in a page header counts, and is filled there.
    let mut with_header = package.clone();
    with_header.set_part(
        "word/header1.xml",
        br#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>{district} - {year}</w:t></w:r></w:p></w:hdr>"#.to_vec(),
    );
    let headed = LetterTemplate::read(&with_header.write().unwrap(), "KDE.docx").unwrap();
    assert!(headed.report().missing_essential.is_empty());
    let letter = Package::read(&headed.write_letter(&adair()).unwrap()).unwrap();
    let header = std::str::from_utf8(letter.part("word/header1.xml").unwrap()).unwrap();
    assert_eq!(docx::text_of(header).unwrap(), "Adair County - 2027-2028\n");
    assert_eq!(report.unknown, ["superintendant"]);
    assert_eq!(report.fields, 0);
    let lines = report.lines().join("\n");
    assert!(lines.contains("Missing {year}"), "{lines}");
    assert!(
        lines.contains("Not known, left as written: {superintendant}"),
        "{lines}"
    );
    assert!(
        lines.contains("No fields for the district to fill"),
        "{lines}"
    );

    let letter = template.write_letter(&adair()).unwrap();
    let package = Package::read(&letter).unwrap();
    let text = docx::text_of(package.document_xml().unwrap()).unwrap();
    assert_eq!(text, "Dear Pat Doe of Adair County, {superintendant}\n");
    // The district and year still travel inside the file.
    let properties = docx::custom_properties(&package).unwrap();
    assert!(properties.contains(&("ILN school year".to_owned(), "2027-2028".to_owned())));
}

#[test]
fn the_app_s_template_has_every_field_and_placeholder() {
    let report = LetterTemplate::standard().report();
    assert!(
        report.missing_fields.is_empty(),
        "{:?}",
        report.missing_fields
    );
    assert!(report.missing_essential.is_empty());
    assert!(report.unknown.is_empty(), "{:?}", report.unknown);
    assert_eq!(report.fields, LetterTag::all().len());
}

/// A letter as a district's word processor may leave it: a field twice, a
/// field inside another, a box ticked in one copy and not the other.
#[test]
fn a_field_twice_or_inside_another_is_read_as_the_district_wrote_it() {
    let control = |tag: &str, text: &str| {
        format!(
            r#"<w:sdt><w:sdtPr><w:tag w:val="{tag}"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>"#
        )
    };
    let checkbox = |tag: &str, ticked: bool| {
        format!(
            r#"<w:p><w:sdt><w:sdtPr><w:tag w:val="{tag}"/><w14:checkbox><w14:checked w14:val="{}"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>x</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
            u8::from(ticked)
        )
    };
    let nested = format!(
        r#"<w:sdt><w:sdtPr><w:tag w:val="iln.plans"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Portfolios.</w:t></w:r></w:p>{}</w:sdtContent></w:sdt>"#,
        control("iln.learning_goal", "How might we?")
    );
    let body = [
        control("iln.reflections", "First part."),
        control("iln.reflections", "Second part."),
        nested,
        checkbox("iln.idea.vibrant_learning", true),
        checkbox("iln.idea.vibrant_learning", false),
    ]
    .concat();
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"><w:body>{body}</w:body></w:document>"#
    );
    let letter = Package::from_parts([
        ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
        (docx::DOCUMENT_PART.to_owned(), document.into_bytes()),
    ])
    .write()
    .unwrap();
    let found = read_letter(&letter, "letter.docx").unwrap();
    assert_eq!(
        found.reflections.as_deref(),
        Some("First part.\nSecond part.")
    );
    assert_eq!(found.plans.as_deref(), Some("Portfolios."));
    assert_eq!(found.learning_goal.as_deref(), Some("How might we?"));
    assert_eq!(found.big_ideas, Some([BigIdea::VibrantLearning].into()));
}
