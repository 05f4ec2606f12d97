-- Change history: every write is one change set; triggers (made from the
-- schema when the database is opened, see store/history.rs) record each
-- row it touched, with the row before and after, as JSON.

CREATE TABLE change_set (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    -- 'change' (the user's), 'undo' or 'redo'
    kind      TEXT NOT NULL DEFAULT 'change' CHECK (kind IN ('change', 'undo', 'redo')),
    -- For an undo or redo: the change set it reverses.
    reverts   INTEGER REFERENCES change_set (id),
    -- 1 while its transaction is being written; triggers log into it.
    open      INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX change_set_one_open ON change_set (open) WHERE open = 1;
CREATE INDEX change_set_reverts ON change_set (reverts);

CREATE TABLE change_log (
    id            INTEGER PRIMARY KEY,
    change_set_id INTEGER NOT NULL REFERENCES change_set (id) ON DELETE CASCADE,
    table_name    TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    -- The row's primary key as a JSON object.
    row_key       TEXT NOT NULL,
    before        TEXT,
    after         TEXT
) STRICT;

CREATE INDEX change_log_set ON change_log (change_set_id);
CREATE INDEX change_log_record ON change_log (table_name, row_key);
