-- ILN Roster schema, version 7: time in the meeting, and the reports
-- recorded. A district's line keeps the most minutes any of its people
-- spent in the meeting, each person's line their own (NULL when the
-- attendance was not read from a report, or the report did not say).

ALTER TABLE attendance ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0);
ALTER TABLE attendance_person ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0);

-- Each participant report recorded for a convening, so that the same
-- report brought in again is recognised: its fingerprint is taken from
-- the people in it and their minutes.
CREATE TABLE attendance_report (
    id            INTEGER PRIMARY KEY,
    convening_id  INTEGER NOT NULL REFERENCES convening (id) ON DELETE CASCADE,
    fingerprint   TEXT NOT NULL,
    file_name     TEXT NOT NULL DEFAULT '',
    people        INTEGER NOT NULL CHECK (people >= 0),
    recorded_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX attendance_report_convening ON attendance_report (convening_id, fingerprint);
