-- ILN Roster schema, version 11: the people of the network who are not
-- in a district (KDE staff, cooperative staff, national partners), a
-- convening's place in a calendar, and the e-mail templates as reworded.

CREATE TABLE network_person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    title         TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('kde_staff', 'cooperative_staff',
                                                'national_partner', 'other')),
    -- Copied on the drafts the app makes, unless the user says otherwise.
    cc_on_drafts  INTEGER NOT NULL DEFAULT 0 CHECK (cc_on_drafts IN (0, 1)),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- A convening without a start time stays an all-day event on its date.
ALTER TABLE convening ADD COLUMN starts_at TEXT
    CHECK (starts_at IS NULL OR starts_at GLOB '[0-2][0-9]:[0-5][0-9]');
ALTER TABLE convening ADD COLUMN ends_at TEXT
    CHECK (ends_at IS NULL OR (starts_at IS NOT NULL AND ends_at GLOB '[0-2][0-9]:[0-5][0-9]'
                               AND ends_at > starts_at));
-- Kentucky has two: the east on Eastern time, the west on Central.
ALTER TABLE convening ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'eastern'
    CHECK (time_zone IN ('eastern', 'central'));
-- What the invitation says (the notes stay the consultant's own).
ALTER TABLE convening ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE convening ADD COLUMN organiser_id INTEGER
    REFERENCES network_person (id) ON DELETE SET NULL;
-- The calendar entry's identity: the UID never changes, so a changed
-- convening updates the same entry; the sequence counts its changes.
ALTER TABLE convening ADD COLUMN calendar_uid TEXT NOT NULL DEFAULT '';
ALTER TABLE convening ADD COLUMN calendar_sequence INTEGER NOT NULL DEFAULT 0
    CHECK (calendar_sequence >= 0);

UPDATE convening SET calendar_uid = lower(hex(randomblob(16)));

CREATE INDEX convening_organiser ON convening (organiser_id);

-- The e-mail templates the consultant has reworded; a template not here is
-- the app's own text.
CREATE TABLE email_template (
    name        TEXT PRIMARY KEY CHECK (name <> ''),
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
