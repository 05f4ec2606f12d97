-- ILN Roster schema, version 8: no change of shape. Independent districts
-- get the county they are in, which the bundled district list did not
-- give: the migration's hook fills a blank county from the list (by KDE
-- number), where the app now places each independent district by its
-- location in Kentucky's county outlines.
SELECT 1;
