-- ILN Roster schema, version 4: Travel Fund Grant applications and the
-- fund of each school year. Money is whole cents.

CREATE TABLE grant_application (
    id                   INTEGER PRIMARY KEY,
    -- A district with applications has history: archived, never deleted.
    district_id          INTEGER NOT NULL REFERENCES district (id) ON DELETE RESTRICT,
    school_year          INTEGER NOT NULL CHECK (school_year BETWEEN 1990 AND 2200),
    status               TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'under_review', 'awarded',
                                                         'declined', 'withdrawn', 'paid', 'closed')),
    applicant_id         INTEGER REFERENCES contact (id) ON DELETE RESTRICT,
    purpose              TEXT NOT NULL CHECK (purpose IN ('model_site_visit', 'conference')),
    destination          TEXT NOT NULL CHECK (destination <> ''),
    city                 TEXT NOT NULL DEFAULT '',
    state                TEXT NOT NULL DEFAULT '',
    travel_start         TEXT NOT NULL,
    travel_end           TEXT NOT NULL CHECK (travel_end >= travel_start),
    travelers            INTEGER NOT NULL CHECK (travelers >= 1),
    traveler_names       TEXT NOT NULL DEFAULT '',
    requested_cents      INTEGER NOT NULL CHECK (requested_cents > 0),
    awarded_cents        INTEGER CHECK (awarded_cents >= 0 AND awarded_cents <= requested_cents),
    paid_cents           INTEGER CHECK (paid_cents >= 0),
    received_on          TEXT,
    decided_on           TEXT,
    paid_on              TEXT,
    decline_reason       TEXT NOT NULL DEFAULT '',
    report_on            TEXT,
    report_convening_id  INTEGER REFERENCES convening (id) ON DELETE SET NULL,
    override_reason      TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK (status NOT IN ('awarded', 'paid', 'closed') OR awarded_cents IS NOT NULL),
    CHECK (status NOT IN ('paid', 'closed') OR (paid_cents IS NOT NULL AND paid_on IS NOT NULL)),
    CHECK (status <> 'closed' OR report_on IS NOT NULL)
) STRICT;

CREATE INDEX grant_application_year ON grant_application (school_year, status);
CREATE INDEX grant_application_district ON grant_application (district_id);

-- Each status an application has had, oldest first.
CREATE TABLE grant_status_change (
    id           INTEGER PRIMARY KEY,
    grant_id     INTEGER NOT NULL REFERENCES grant_application (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    changed_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX grant_status_change_grant ON grant_status_change (grant_id);

CREATE TABLE grant_fund (
    school_year   INTEGER PRIMARY KEY CHECK (school_year BETWEEN 1990 AND 2200),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents >= 0)
) STRICT;
