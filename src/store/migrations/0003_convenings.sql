-- ILN Roster schema, version 3: convenings and who attended them.

CREATE TABLE convening (
    id          INTEGER PRIMARY KEY,
    held_on     TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title       TEXT NOT NULL CHECK (title <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('virtual', 'in_person', 'study_tour',
                                              'presentation_of_learning', 'workshop', 'other')),
    location    TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX convening_held_on ON convening (held_on);

-- One line per district on a convening's attendance sheet.
CREATE TABLE attendance (
    convening_id  INTEGER NOT NULL REFERENCES convening (id) ON DELETE CASCADE,
    -- A district with attendance has history: archived, never deleted.
    district_id   INTEGER NOT NULL REFERENCES district (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL CHECK (status IN ('attended', 'absent', 'excused')),
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (convening_id, district_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX attendance_district ON attendance (district_id);

-- Which of the district's contacts came.
CREATE TABLE attendance_person (
    convening_id  INTEGER NOT NULL,
    district_id   INTEGER NOT NULL,
    contact_id    INTEGER NOT NULL REFERENCES contact (id) ON DELETE RESTRICT,
    PRIMARY KEY (convening_id, contact_id),
    FOREIGN KEY (convening_id, district_id)
        REFERENCES attendance (convening_id, district_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

CREATE INDEX attendance_person_contact ON attendance_person (contact_id);
