-- ILN Roster schema, version 2: each school year's Letters of Commitment.

CREATE TABLE membership (
    id                  INTEGER PRIMARY KEY,
    -- A district with letters has history: it is archived, never deleted.
    district_id         INTEGER NOT NULL REFERENCES district (id) ON DELETE RESTRICT,
    -- The calendar year the school year starts in: 2025 is 2025-2026.
    school_year         INTEGER NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
    status              TEXT NOT NULL CHECK (status IN ('invited', 'received', 'active', 'terminated')),
    invited_on          TEXT,
    received_on         TEXT,
    superintendent_id   INTEGER REFERENCES contact (id) ON DELETE RESTRICT,
    reflections         TEXT NOT NULL DEFAULT '',
    plans               TEXT NOT NULL DEFAULT '',
    learning_goal       TEXT NOT NULL DEFAULT '',
    idea_vibrant_learning          INTEGER NOT NULL DEFAULT 0 CHECK (idea_vibrant_learning IN (0, 1)),
    idea_assessment_innovation     INTEGER NOT NULL DEFAULT 0 CHECK (idea_assessment_innovation IN (0, 1)),
    idea_community_collaboration   INTEGER NOT NULL DEFAULT 0 CHECK (idea_community_collaboration IN (0, 1)),
    area_portrait_of_a_learner     INTEGER NOT NULL DEFAULT 0 CHECK (area_portrait_of_a_learner IN (0, 1)),
    area_local_assessment          INTEGER NOT NULL DEFAULT 0 CHECK (area_local_assessment IN (0, 1)),
    area_funding_personalization   INTEGER NOT NULL DEFAULT 0 CHECK (area_funding_personalization IN (0, 1)),
    area_graduation_flexibility    INTEGER NOT NULL DEFAULT 0 CHECK (area_graduation_flexibility IN (0, 1)),
    area_credentialing_learning    INTEGER NOT NULL DEFAULT 0 CHECK (area_credentialing_learning IN (0, 1)),
    area_teacher_certification     INTEGER NOT NULL DEFAULT 0 CHECK (area_teacher_certification IN (0, 1)),
    district_signatory  TEXT NOT NULL DEFAULT '',
    district_signed_on  TEXT,
    kde_signatory       TEXT NOT NULL DEFAULT '',
    kde_signed_on       TEXT,
    terminated_on       TEXT,
    terminated_by       TEXT CHECK (terminated_by IN ('district', 'kde')),
    termination_reason  TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (district_id, school_year),
    -- The app checks these first; the database refuses them too.
    CHECK (status = 'invited' OR received_on IS NOT NULL),
    CHECK (status IN ('invited', 'received') OR (
        district_signatory <> '' AND district_signed_on IS NOT NULL
        AND kde_signatory <> '' AND kde_signed_on IS NOT NULL)),
    CHECK (status <> 'terminated' OR (
        terminated_on IS NOT NULL AND terminated_by IS NOT NULL AND termination_reason <> ''))
) STRICT;

CREATE INDEX membership_year_status ON membership (school_year, status);

-- The points of contact named on a letter, in the order given.
CREATE TABLE membership_contact (
    membership_id  INTEGER NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contact (id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL,
    PRIMARY KEY (membership_id, contact_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX membership_contact_contact ON membership_contact (contact_id);

-- Each status a letter has had, oldest first.
CREATE TABLE membership_status_change (
    id             INTEGER PRIMARY KEY,
    membership_id  INTEGER NOT NULL REFERENCES membership (id) ON DELETE CASCADE,
    from_status    TEXT CHECK (from_status IN ('invited', 'received', 'active', 'terminated')),
    to_status      TEXT NOT NULL CHECK (to_status IN ('invited', 'received', 'active', 'terminated')),
    changed_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX membership_status_change_membership ON membership_status_change (membership_id);
