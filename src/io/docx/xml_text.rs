//! What the readers and the filler share: element names without their
//! prefix, attribute values, and text with its entity references resolved.

use quick_xml::events::{BytesRef, BytesStart, BytesText};

/// An element's name without its prefix: `w:t` → `t`.
pub fn local(start: &BytesStart<'_>) -> Vec<u8> {
    start.local_name().as_ref().to_vec()
}

/// The value of the attribute whose name without prefix is `name`.
pub fn attribute(start: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    start.attributes().flatten().find_map(|attribute| {
        (attribute.key.local_name().as_ref() == name).then(|| {
            let raw = String::from_utf8_lossy(&attribute.value);
            quick_xml::escape::unescape(&raw)
                .map(|value| value.into_owned())
                .unwrap_or_else(|_| raw.into_owned())
        })
    })
}

/// A text event's characters (quick-xml gives entity references apart).
pub fn text(text: &BytesText<'_>) -> String {
    text.xml_content()
        .map(|t| t.into_owned())
        .unwrap_or_default()
}

/// An entity reference's character: `&amp;` → `&`, `&#x2612;` → `☒`.
pub fn reference(reference: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return c.to_string();
    }
    match reference.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_owned()
}
