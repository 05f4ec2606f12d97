//! Drafts the mail program opens: an `.eml` file marked unsent
//! (`X-Unsent: 1`, which Outlook opens as a draft ready to send), MIME
//! encoded (UTF-8 body, encoded headers, attachments), or a `mailto:` link
//! for a short message without attachments.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::domain::email::{Draft, Recipient};

/// The longest `mailto:` link handed to the system: mail programs and
/// browsers cut longer ones, so a longer message goes as an `.eml`.
pub const MAILTO_LIMIT: usize = 1_800;

fn addresses(people: &[Recipient]) -> Address<'_> {
    Address::new_list(
        people
            .iter()
            .map(|p| {
                let name = Some(p.name.trim()).filter(|n| !n.is_empty());
                Address::new_address(name, p.email.as_str())
            })
            .collect(),
    )
}

/// The draft as an `.eml` file's bytes.
pub fn eml_bytes(draft: &Draft) -> std::io::Result<Vec<u8>> {
    let mut message = MessageBuilder::new()
        .header("X-Unsent", Raw::new("1"))
        .to(addresses(&draft.to))
        .subject(draft.subject.as_str())
        .text_body(draft.body.as_str());
    if !draft.cc.is_empty() {
        message = message.cc(addresses(&draft.cc));
    }
    for (name, media_type, bytes) in &draft.attachments {
        // Text the app writes (a calendar entry) is UTF-8, and says so: a
        // text part without a charset is read as ASCII.
        let mut content_type =
            mail_builder::headers::content_type::ContentType::new(media_type.as_str());
        if media_type.starts_with("text/") {
            content_type = content_type.attribute("charset", "utf-8");
        }
        message = message.attachment(content_type, name.as_str(), bytes.as_slice());
    }
    message.write_to_vec()
}

/// What RFC 6068 leaves unencoded in a `mailto:` value.
const MAILTO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The draft as a `mailto:` link (its attachments cannot go this way).
pub fn mailto(draft: &Draft) -> String {
    let list = |people: &[Recipient]| {
        people
            .iter()
            .map(|p| {
                utf8_percent_encode(&p.email, MAILTO)
                    .to_string()
                    .replace("%40", "@")
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut link = format!("mailto:{}", list(&draft.to));
    let mut fields = Vec::new();
    if !draft.cc.is_empty() {
        fields.push(format!("cc={}", list(&draft.cc)));
    }
    fields.push(format!(
        "subject={}",
        utf8_percent_encode(&draft.subject, MAILTO)
    ));
    // Line breaks as CRLF, as RFC 6068 asks.
    let body = draft.body.replace("\r\n", "\n").replace('\n', "\r\n");
    fields.push(format!("body={}", utf8_percent_encode(&body, MAILTO)));
    link.push('?');
    link.push_str(&fields.join("&"));
    link
}

/// Whether the draft may go as a `mailto:` link: short, nothing attached.
pub fn fits_a_link(draft: &Draft) -> bool {
    draft.attachments.is_empty() && mailto(draft).len() <= MAILTO_LIMIT
}
