-- ILN Roster schema, version 1: districts and their people, plus settings.
-- Shipped migrations are never edited; later versions add new files.

-- Marks the file as ours ('ILNR'), so another program's database is refused.
PRAGMA application_id = 1229737554;

CREATE TABLE district (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> '' AND name = trim(name)),
    kde_number    TEXT NOT NULL CHECK (kde_number GLOB '[0-9][0-9][0-9]'),
    nces_id       TEXT CHECK (nces_id GLOB '21[0-9][0-9][0-9][0-9][0-9]'),
    county        TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('county', 'independent')),
    cooperative   TEXT CHECK (cooperative IN ('CKEC', 'GRREC', 'KEDC', 'KVEC', 'NKCES', 'OVEC', 'SESC', 'WKEC')),
    email_domain  TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    archived_at   TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- Names are unique ignoring case; the app trims them before they get here.
CREATE UNIQUE INDEX district_name_unique ON district (name COLLATE NOCASE);
CREATE UNIQUE INDEX district_kde_number_unique ON district (kde_number);
CREATE UNIQUE INDEX district_nces_id_unique ON district (nces_id);
CREATE INDEX district_email_domain ON district (email_domain) WHERE email_domain <> '';

CREATE TABLE contact (
    id           INTEGER PRIMARY KEY,
    -- A district's people go with it; a district with history is archived, not deleted.
    district_id  INTEGER NOT NULL REFERENCES district (id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (name <> ''),
    title        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('superintendent', 'point_of_contact', 'other')),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX contact_district ON contact (district_id);
-- Participant reports are matched to people by email.
CREATE INDEX contact_email ON contact (email COLLATE NOCASE) WHERE email <> '';

-- Settings that belong to the data (thresholds, funds), not to one laptop.
CREATE TABLE setting (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
