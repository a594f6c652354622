-- What a mapped source counts as a transfer (issue 16): a snapshot mapping's assignment rule declares
-- it (transfer: team | person | either) and emits a `transferred` event for each change it counts and
-- an `assigned` for a new agent it does not (a person swap within the group, for transfer: team).
-- Derivation then counts the run's `transferred` events only; for events of runs without a declared
-- rule (canonical sources, event logs) an `assigned` that changes agent or team counts too (design.md).
-- Runs before this version have none: their mapped events never held a second `assigned`.
ALTER TABLE ingest_runs ADD COLUMN transfer_rule VARCHAR;   -- team | person | either; null: design.md's rule
-- The rank of an event type among events at one instant with no source order between them: the one
-- definition of the event order (occurred_at, source_seq NULLS FIRST, event_type_rank(type), event_id)
-- for derivation, the ticket timeline and the agent's day ends.
CREATE MACRO event_type_rank(type) AS
  CASE type WHEN 'created' THEN 1 WHEN 'assigned' THEN 2 WHEN 'transferred' THEN 3 WHEN 'escalated' THEN 4
            WHEN 'updated' THEN 5 WHEN 'commented' THEN 6 WHEN 'replied' THEN 7 WHEN 'resolved' THEN 8
            WHEN 'reopened' THEN 9 WHEN 'status_changed' THEN 10 WHEN 'rated' THEN 11 WHEN 'closed' THEN 12 END;
