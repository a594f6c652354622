-- The daily rollup of the Overview's KPIs that can be summed (issue 19 §2), per local day of the
-- desk's zone (settings.rollup_zone; warehouse/rollups/daily-rollup.ts builds it when the config's
-- zone is new and keeps it with every derivation, for the days the derived tickets fall on before
-- and after). Empty until then: the Overview answers from the tickets until the zone is set.
-- A day has a row when some fact falls on it: tickets created, resolved, first resolved or rated
-- (overall rating) then, or agent replies sent then. Counts and sums are exact.
CREATE TABLE daily_counts (
  day                      DATE NOT NULL,
  created                  BIGINT NOT NULL,  -- tickets created that day
  unanswered               BIGINT NOT NULL,  -- of them: measured for first response, not answered
  frt_unmeasured           BIGINT NOT NULL,  -- of them: their source measures no first response
  transferred              BIGINT NOT NULL,
  escalated                BIGINT NOT NULL,
  frt_n                    BIGINT NOT NULL,  -- first responses measured (calendar, business seconds)
  frt_sum                  DOUBLE,
  frt_business_n           BIGINT NOT NULL,
  frt_business_sum         DOUBLE,
  resolved                 BIGINT NOT NULL,  -- tickets last resolved that day
  resolved_rated           BIGINT NOT NULL,  -- of them: with a rating
  resolution_n             BIGINT NOT NULL,
  resolution_sum           DOUBLE,
  resolution_business_n    BIGINT NOT NULL,
  resolution_business_sum  DOUBLE,
  first_resolved           BIGINT NOT NULL,  -- tickets first resolved that day
  reopened                 BIGINT NOT NULL,  -- of them: reopened since
  one_touch_measured       BIGINT NOT NULL,  -- of them: from a source that records replies
  one_touch                BIGINT NOT NULL,
  rated                    BIGINT NOT NULL,  -- overall ratings given that day (the ticket's last)
  satisfied                BIGINT NOT NULL,
  rating_sum               DOUBLE,
  replies                  BIGINT NOT NULL   -- agent replies sent that day
);

-- Durations as mergeable log-bucket histograms (DDSketch, relative error <= 1%: measure-macros.sql,
-- dd_bucket and dd_quantiles): how many of the day's durations of `measure` fall in each bucket.
-- measure: frt (by creation day), resolution (by resolution day), reply (the reply's wait, by its
-- day); business: business seconds, else calendar seconds; sign -1, 0 (zero) or 1.
CREATE TABLE daily_durations (
  day       DATE NOT NULL,
  measure   VARCHAR NOT NULL,
  business  BOOLEAN NOT NULL,
  sign      TINYINT NOT NULL,
  bucket    INTEGER NOT NULL,
  n         BIGINT NOT NULL
);
