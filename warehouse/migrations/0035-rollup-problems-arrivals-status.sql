-- What /api/problems, /api/problems/subtypes, /api/heatmap and /api/status-times sum, per local day
-- of the daily rollup's zone (0030; issue 19 §2), kept with it by derivation (rollups/daily-rollup.ts,
-- rollup-problems-arrivals-status.sql). Counts and sums exact; status time quantiles as DDSketch
-- buckets (measure-macros.sql dd_bucket: within 1%).

-- Per (day, problem type, subtype): the tickets created that day, of them those with a customer and a
-- type (repeat contact measured) and those the same customer followed with a ticket of the same type
-- within 7 days (problems.ts), and the tickets first resolved that day, of them those reopened since.
CREATE TABLE daily_problems (
  day              DATE NOT NULL,
  problem_type     VARCHAR,
  problem_subtype  VARCHAR,
  created          BIGINT NOT NULL,
  repeat_measured  BIGINT NOT NULL,
  repeated         BIGINT NOT NULL,
  first_resolved   BIGINT NOT NULL,  -- with a reopen count
  reopened         BIGINT NOT NULL
);

-- The tickets created per local day and local hour (0-23): the arrival heat map (weekday x hour).
CREATE TABLE daily_arrivals (
  day      DATE NOT NULL,
  hour     TINYINT NOT NULL,
  created  BIGINT NOT NULL
);

-- The time the tickets created that day spent in each working status (finished spans, sql/status-times.sql):
-- measure new, open, pending, on_hold or requester_wait (agent wait is pending); business: business
-- seconds, else calendar; per DDSketch bucket the count n and the exact sum of its seconds (means).
CREATE TABLE daily_status_durations (
  day       DATE NOT NULL,
  measure   VARCHAR NOT NULL,
  business  BOOLEAN NOT NULL,
  sign      TINYINT NOT NULL,
  bucket    INTEGER NOT NULL,
  n         BIGINT NOT NULL,
  seconds   DOUBLE NOT NULL
);
-- The same summed per calendar month (month: its first day): a year reads 12 months of these
-- (about 40x fewer rows than its days) and only its other days from daily_status_durations.
CREATE TABLE monthly_status_durations (
  month     DATE NOT NULL,
  measure   VARCHAR NOT NULL,
  business  BOOLEAN NOT NULL,
  sign      TINYINT NOT NULL,
  bucket    INTEGER NOT NULL,
  n         BIGINT NOT NULL,
  seconds   DOUBLE NOT NULL
);

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM settings WHERE key = 'rollup_zone';
