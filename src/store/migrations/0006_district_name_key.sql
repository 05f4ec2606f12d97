-- ILN Roster schema, version 6: a district's name is unique by one key,
-- made by the app (domain::district::name_key): case, runs of spaces and
-- typographic apostrophes do not count. The key replaces the index that
-- only ignored case. The migration's hook fills the key (tidying names,
-- and renaming any that were the same name twice), then makes it unique.

ALTER TABLE district ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
DROP INDEX district_name_unique;
