-- ILN Roster schema, version 9: files kept with the records they prove.

-- A file's bytes, once per content. Not in the change history: a document
-- names its content by checksum, so undoing a removal finds the bytes
-- again (they stay until the user lets removed files go).
CREATE TABLE document_content (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    bytes   BLOB NOT NULL
) STRICT;

-- A kept file, on exactly one record: a district, a letter or a grant
-- application. Removing the record removes its documents (and an undo
-- brings them back with it).
CREATE TABLE document (
    id             INTEGER PRIMARY KEY,
    district_id    INTEGER REFERENCES district (id) ON DELETE CASCADE,
    membership_id  INTEGER REFERENCES membership (id) ON DELETE CASCADE,
    grant_id       INTEGER REFERENCES grant_application (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (name <> '' AND length(name) <= 255),
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL CHECK (size >= 0),
    sha256         TEXT NOT NULL REFERENCES document_content (sha256) ON DELETE RESTRICT,
    added_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    added_by       TEXT NOT NULL DEFAULT '',
    CHECK ((district_id IS NOT NULL) + (membership_id IS NOT NULL) + (grant_id IS NOT NULL) = 1)
) STRICT;

CREATE INDEX document_district ON document (district_id) WHERE district_id IS NOT NULL;
CREATE INDEX document_membership ON document (membership_id) WHERE membership_id IS NOT NULL;
CREATE INDEX document_grant ON document (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX document_content_of ON document (sha256);
