//! E-mail drafts as the mail program receives them: each template filled
//! for a district (accents and apostrophes kept), written as an `.eml`
//! marked unsent and parsed back with a mail parser (headers, recipients,
//! body, attachment bytes), and as a percent-encoded `mailto:` link.

use mail_parser::{MessageParser, MimeHeaders as _};
use strum::VariantArray as _;

use iln_roster::domain::email::{Draft, Recipient, TemplateName};
use iln_roster::io::eml::{eml_bytes, fits_a_link, mailto};

/// Every placeholder's value for a demo district and grant.
fn value(name: &str) -> Option<String> {
    Some(
        match name {
            "district" => "Pike’s Côte County",
            "superintendent" => "Zoë O'Brien",
            "year" => "2027-2028",
            "last year" => "2026-2027",
            "days since invited" => "12",
            "attendance rate" => "67 %",
            "convening" => "Spring convening",
            "convening date" => "Thursday, April 8, 2027",
            "convening time" => "9:00 AM – 3:00 PM CT",
            "location" => "WKU’s Knicely Center, Bowling Green",
            "applicant" => "José Núñez",
            "destination" => "Iowa BIG",
            "amount requested" => "$1,250.00",
            "amount awarded" => "$1,100.00",
            "amount paid" => "$1,100.00",
            _ => return None,
        }
        .to_owned(),
    )
}

fn draft(name: TemplateName) -> Draft {
    let (subject, body) = name.standard().render(&value, "a demo district").unwrap();
    Draft {
        to: vec![Recipient {
            name: "Zoë O'Brien".into(),
            email: "zoe.obrien@pike.kyschools.us".into(),
        }],
        cc: vec![Recipient {
            name: "Rob Collins".into(),
            email: "robert.collins@education.ky.gov".into(),
        }],
        subject,
        body,
        attachments: Vec::new(),
    }
}

#[test]
fn every_template_fills_every_placeholder_for_a_district() {
    for name in TemplateName::VARIANTS {
        let draft = draft(*name);
        assert!(!draft.subject.contains('{'), "{name:?}: {}", draft.subject);
        assert!(!draft.body.contains('{'), "{name:?}: {}", draft.body);
    }
    let renewal = draft(TemplateName::RenewalInvitation);
    assert_eq!(
        renewal.subject,
        "KY ILN Letter of Commitment 2027-2028: Pike’s Côte County"
    );
    assert!(renewal.body.starts_with("Dear Zoë O'Brien,"));
}

#[test]
fn an_eml_draft_parses_back_whole_with_its_attachment() {
    let mut draft = draft(TemplateName::RenewalInvitation);
    let letter: Vec<u8> = (0..=255u8).cycle().take(5_000).collect();
    draft.attachments.push((
        "Pike’s Côte County - Letter of Commitment 2027-2028.docx".into(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into(),
        letter.clone(),
    ));
    let bytes = eml_bytes(&draft).unwrap();
    assert!(bytes.is_ascii(), "headers and body are MIME-encoded");
    let message = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(message.subject(), Some(draft.subject.as_str()));
    let to = message.to().unwrap().first().unwrap();
    assert_eq!(to.name(), Some("Zoë O'Brien"));
    assert_eq!(to.address(), Some("zoe.obrien@pike.kyschools.us"));
    assert_eq!(
        message.cc().unwrap().first().unwrap().address(),
        Some("robert.collins@education.ky.gov")
    );
    assert_eq!(
        message
            .body_text(0)
            .unwrap()
            .replace("\r\n", "\n")
            .trim_end(),
        draft.body.trim_end()
    );
    let attachment = message.attachments().next().unwrap();
    assert_eq!(
        attachment.attachment_name(),
        Some("Pike’s Côte County - Letter of Commitment 2027-2028.docx")
    );
    assert_eq!(attachment.contents(), letter.as_slice());
}

#[test]
fn a_mailto_link_is_percent_encoded_and_decodes_to_the_draft() {
    let draft = draft(TemplateName::PaymentSent);
    let link = mailto(&draft);
    assert!(link.starts_with(
        "mailto:zoe.obrien@pike.kyschools.us?cc=robert.collins@education.ky.gov&subject="
    ));
    assert!(link.is_ascii());
    assert!(!link.contains(' '));
    let query = link.split_once('?').unwrap().1;
    let field = |name: &str| {
        query
            .split('&')
            .find_map(|f| f.strip_prefix(&format!("{name}=")))
            .map(|v| {
                percent_encoding::percent_decode_str(v)
                    .decode_utf8()
                    .unwrap()
                    .into_owned()
            })
            .unwrap()
    };
    assert_eq!(field("subject"), draft.subject);
    assert_eq!(field("body").replace("\r\n", "\n"), draft.body);
    assert!(fits_a_link(&draft));
    let mut long = draft.clone();
    long.body = "é".repeat(2_000);
    assert!(!fits_a_link(&long), "a long message goes as an .eml");
}
