-- What a cold Overview from the daily rollup (0030, 0031) still read from the tickets, kept with it
-- (issue 19 §2; warehouse/rollups/daily-rollup.ts keeps all three with every derivation):
--
-- late_tickets replaces open_tickets: the tickets not answered (first response measured) or not done
-- within 14 days of their creation, or not yet, with what the running SLA clocks and the censored
-- counts need. A ticket censored at an instant was created after it, within 14 days before it, or
-- is late: so the censored counts read the tickets of those 14 days and this table, not the range's.
-- A pure function of the ticket (not of now), so batches in any order keep it the same.
CREATE TABLE late_tickets (
  ticket_id                       VARCHAR NOT NULL,
  created_at                      TIMESTAMPTZ NOT NULL,
  calendar_id                     VARCHAR,
  priority                        VARCHAR,
  team_id                         VARCHAR,
  first_response_rule             VARCHAR,
  first_response_at               TIMESTAMPTZ,
  done_at                         TIMESTAMPTZ,  -- metric-sql.ts doneAt
  first_response_seconds          DOUBLE,
  first_response_business_seconds DOUBLE,
  resolution_seconds              DOUBLE,
  resolution_business_seconds     DOUBLE
);
DROP TABLE open_tickets;

-- daily_durations summed per calendar month (month: its first day): a range reads its whole months
-- here and only its other days from daily_durations (a year: about 15x fewer bucket rows).
CREATE TABLE monthly_durations (
  month     DATE NOT NULL,
  measure   VARCHAR NOT NULL,
  business  BOOLEAN NOT NULL,
  sign      TINYINT NOT NULL,
  bucket    INTEGER NOT NULL,
  n         BIGINT NOT NULL
);

-- The tickets created per local day by the rule their first response is measured by (null: their
-- source measures none): the first response coverage (first-response-coverage.sql) of a range.
CREATE TABLE daily_rules (
  day      DATE NOT NULL,
  rule     VARCHAR,
  created  BIGINT NOT NULL
);

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM daily_counts;
DELETE FROM daily_durations;
DELETE FROM settings WHERE key = 'rollup_zone';

-- B(t) of every calendar at one instant t (0012) without the ASOF join, which sorted every interval
-- of every calendar for each call (about 20 ms of a cold Overview's CPU): the latest interval that
-- starts by t, one pass over the intervals, no sort; 0 before a calendar's first, as before.
CREATE OR REPLACE MACRO open_seconds_at(t) AS TABLE
  SELECT calendar_id,
         coalesce(arg_max(open_seconds_until(open_seconds_before, start_at, end_at, t::TIMESTAMPTZ), start_at) FILTER (WHERE start_at <= t::TIMESTAMPTZ), 0) AS open_seconds
  FROM calendar_open_intervals
  GROUP BY calendar_id;
