-- The daily rollup (0030) also keeps what the Overview's SLA rates and backlog need (issue 19 §2):
-- per local day, the tickets done then (backlog = created - done up to a day) and, of the tickets
-- created then, the SLA verdicts of the clocks that have stopped (answered, done): those never change.
-- The clocks still running depend on now and are judged when asked, over the open tickets only.
-- daily_durations gains the measure resolution_created (resolutions by their ticket's creation day):
-- the censored resolution median bound of sql/censoring.sql.
-- The rollup is rebuilt at the next open (keepDailyRollup: no zone kept), so every day has them (never
-- null: DuckDB adds no column with a constraint).
ALTER TABLE daily_counts ADD COLUMN done BIGINT DEFAULT 0;                -- tickets done that day (metric-sql.ts doneAt)
ALTER TABLE daily_counts ADD COLUMN sla_frt_met BIGINT DEFAULT 0;         -- created that day: first response clock stopped, met
ALTER TABLE daily_counts ADD COLUMN sla_frt_breached BIGINT DEFAULT 0;    -- ... stopped, breached
ALTER TABLE daily_counts ADD COLUMN sla_resolution_met BIGINT DEFAULT 0;  -- created that day: done, resolution met
ALTER TABLE daily_counts ADD COLUMN sla_resolution_breached BIGINT DEFAULT 0;
-- The tickets whose SLA clocks may still run (first response measured and not given, or not done),
-- with what judging them needs: what the running clocks and nothing else read (a few thousand rows
-- where the tickets are a million). Kept with the rollup (daily-rollup.ts) for the derived tickets.
CREATE TABLE open_tickets (
  ticket_id           VARCHAR NOT NULL,
  created_at          TIMESTAMPTZ NOT NULL,
  calendar_id         VARCHAR,
  priority            VARCHAR,
  team_id             VARCHAR,
  first_response_rule VARCHAR,
  first_response_at   TIMESTAMPTZ,
  done_at             TIMESTAMPTZ      -- metric-sql.ts doneAt
);
DELETE FROM daily_counts;
DELETE FROM daily_durations;
DELETE FROM settings WHERE key = 'rollup_zone';
