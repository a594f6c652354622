-- A rollback writes an earlier version's text back as a new version: which one it restored, so
-- the history says "rollback to version N" instead of repeating that version's model.
ALTER TABLE dispatch_rule_versions ADD COLUMN restores_version BIGINT;
