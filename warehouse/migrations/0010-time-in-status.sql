-- Time each ticket spent in each working status (its finished spans, summed; null: never in it or
-- still in it), in calendar and business seconds: status times read the tickets instead of
-- grouping every span. Derivation writes them; tickets derived before this version get them here.
ALTER TABLE tickets ADD COLUMN new_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN new_business_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN open_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN open_business_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN pending_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN pending_business_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN on_hold_seconds DOUBLE;
ALTER TABLE tickets ADD COLUMN on_hold_business_seconds DOUBLE;
UPDATE tickets SET new_seconds = f.new_seconds, new_business_seconds = f.new_business_seconds,
       open_seconds = f.open_seconds, open_business_seconds = f.open_business_seconds,
       pending_seconds = f.pending_seconds, pending_business_seconds = f.pending_business_seconds,
       on_hold_seconds = f.on_hold_seconds, on_hold_business_seconds = f.on_hold_business_seconds
FROM (PIVOT (FROM ticket_status_spans WHERE ended_at IS NOT NULL) ON status IN ('new', 'open', 'pending', 'on_hold')
      USING sum(seconds) AS seconds, sum(business_seconds) AS business_seconds GROUP BY ticket_id) f
WHERE tickets.ticket_id = f.ticket_id;
