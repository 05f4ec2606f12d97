-- ILN Roster schema, version 10: who was contacted, when. Each draft the
-- app makes is logged on its district.

CREATE TABLE contact_log (
    id          INTEGER PRIMARY KEY,
    district_id INTEGER NOT NULL REFERENCES district (id) ON DELETE CASCADE,
    -- The day the draft was made (the user's calendar day).
    sent_on     TEXT NOT NULL,
    -- The template's key: renewal-invitation, missing-letter, ...
    template    TEXT NOT NULL CHECK (template <> ''),
    -- "Name <email>; Name <email>", as addressed.
    recipients  TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX contact_log_district ON contact_log (district_id, sent_on);
