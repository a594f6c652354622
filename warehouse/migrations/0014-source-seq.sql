-- rederive: every ticket is derived again after this migration (warehouse/database.ts reads this line).
-- The source's own order of events at one instant (issue 16): a minute-resolution export puts
-- resolve, reopen and re-resolve in one minute, and only the source knows their order. Derivation
-- orders by (occurred_at, source_seq, type rank, event_id). Events written before have none and
-- keep the type-rank order. The same version derives status spans by instant (no zero-length
-- spans), reopens a resolved ticket that gets agent work, and keeps a ticket the source holds in
-- new: hence the re-derivation.
ALTER TABLE events ADD COLUMN source_seq DOUBLE;
