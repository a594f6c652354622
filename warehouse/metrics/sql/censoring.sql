-- The range's tickets as they stood at one instant of their life (catalog.ts: unanswered_age_median,
-- unanswered_age_max, unanswered_off_hours(_wall_age_max), frt_median_bound, open_created, open_age_median,
-- open_age_max, open_off_hours(_wall_age_max), resolution_median_bound, and unanswered at the previous
-- period's same age): the current period's at $now, the previous period's at
-- $previous_as_of, the same distance from its own start or end. A ticket not answered (or not
-- resolved) by then is censored: its duration is at least its age so far, in the asked clock, so a
-- median taking it at that age is a lower bound of the true one. In business time a ticket created
-- out of hours is 0 old until its calendar opens: those are counted apart ("off hours", with their
-- wall-clock age), so that no one reads "waiting 0s" as "just arrived".
-- With $rollup (the daily rollup answers both periods) only the censored tickets and those created
-- after the instant are kept: the bounds' other values are the rollup's buckets of the keys' days
-- ($current_from..$current_to, $previous_from..$previous_to: null when the previous period is not in
-- this query), corrected by those tickets (bounds within 1%, as the rollup's quantiles); the counts
-- and ages are the same.
-- The tickets read: all of the range's ([$start, $split) previous, [$split, $end) current); with $rollup
-- of each period only those created from $previous_read_from, $current_read_from on (14 days before
-- its instant) and, before, the late ones (late_tickets, migrations/0032): the others were answered
-- and done by then, their values in the rollup's buckets as they are.
WITH candidates AS (
  SELECT t.ticket_id, t.calendar_id, t.created_at, t.first_response_at, {{done_at:t}} AS done_at, t.first_response_rule,
         t.first_response_seconds, t.first_response_business_seconds, t.resolution_seconds, t.resolution_business_seconds
  FROM tickets t
  WHERE t.created_at >= $current_read_from AND t.created_at < $end AND {{conditions:t}}
  UNION ALL
  SELECT t.ticket_id, t.calendar_id, t.created_at, t.first_response_at, {{done_at:t}} AS done_at, t.first_response_rule,
         t.first_response_seconds, t.first_response_business_seconds, t.resolution_seconds, t.resolution_business_seconds
  FROM tickets t
  WHERE t.created_at >= $previous_read_from AND t.created_at < $split AND {{conditions:t}}
  UNION ALL
  SELECT ticket_id, calendar_id, created_at, first_response_at, done_at, first_response_rule,
         first_response_seconds, first_response_business_seconds, resolution_seconds, resolution_business_seconds
  FROM late_tickets
  WHERE $rollup AND (created_at >= $split AND created_at < least($current_read_from::TIMESTAMPTZ, $end::TIMESTAMPTZ)
                     OR created_at >= $start AND created_at < least($previous_read_from::TIMESTAMPTZ, $split::TIMESTAMPTZ))
),
seen AS (
  SELECT *,
         frt_measured AND NOT coalesce(first_response_at <= as_of, false) AS waiting,
         NOT coalesce(done_at <= as_of, false) AS open_then
  FROM (
    SELECT c.ticket_id, c.calendar_id, c.created_at, c.first_response_at, c.done_at,
           CASE WHEN c.created_at >= $split THEN 'current' ELSE 'previous' END AS key,
           CASE WHEN c.created_at >= $split THEN $now::TIMESTAMPTZ ELSE $previous_as_of::TIMESTAMPTZ END AS as_of,
           c.first_response_rule IS NOT NULL AS frt_measured,
           CASE WHEN $business THEN c.first_response_business_seconds ELSE c.first_response_seconds END AS frt,
           CASE WHEN $business THEN c.resolution_business_seconds ELSE c.resolution_seconds END AS resolution
    FROM candidates c
  )
  WHERE CASE WHEN $rollup THEN created_at >= as_of OR waiting OR open_then ELSE created_at < as_of END
),
-- B(as_of) per calendar for each period's instant (migrations/0012).
open_at AS (
  SELECT 'current' AS key, * FROM open_seconds_at($now::TIMESTAMPTZ)
  UNION ALL
  SELECT 'previous' AS key, * FROM open_seconds_at($previous_as_of::TIMESTAMPTZ)
),
-- Age so far of the censored tickets only (the ASOF join sorts all it is given).
aged AS (
  SELECT s.ticket_id,
         CASE WHEN $business
           THEN o.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, s.created_at)
           ELSE epoch(s.as_of) - epoch(s.created_at)
         END AS age,
         epoch(s.as_of) - epoch(s.created_at) AS wall_age
  FROM (FROM seen WHERE created_at < as_of AND (waiting OR open_then)) s
  LEFT JOIN open_at o ON o.key = s.key AND o.calendar_id = s.calendar_id
  ASOF LEFT JOIN open_intervals_for($start::TIMESTAMPTZ, $end::TIMESTAMPTZ) c ON c.calendar_id = s.calendar_id AND s.created_at >= c.start_at
),
facts AS (
  SELECT s.key, s.frt_measured, s.waiting, s.open_then, a.age, a.wall_age, s.frt, s.resolution, s.created_at < s.as_of AS counted,
         $business AND a.age = 0 AS off_hours,
         CASE WHEN s.waiting THEN a.age ELSE s.frt END AS frt_at_least,
         -- closed without a resolution: no resolution time, in neither figure
         CASE WHEN s.open_then THEN a.age ELSE s.resolution END AS resolution_at_least
  FROM seen s LEFT JOIN aged a USING (ticket_id)
),
-- $rollup: each bound's values as DDSketch buckets, their median by dd_quantiles (measure-macros.sql):
-- the rollup's by creation day with the read tickets' corrections: a value of one counted at its age
-- instead, or created after the instant, leaves; a censored one's age comes in.
bound_buckets AS (
  SELECT key, measure, sign, bucket, sum(n) AS n
  FROM (
    SELECT key, CASE measure WHEN 'frt' THEN 'frt' ELSE 'resolution' END AS measure, sign, bucket, n
    FROM (SELECT 'current' AS key, * FROM rollup_durations($current_from::DATE, $current_to::DATE)
          UNION ALL SELECT 'previous', * FROM rollup_durations($previous_from::DATE, $previous_to::DATE))
    WHERE $rollup AND business = $business AND measure IN ('frt', 'resolution_created')
    UNION ALL
    SELECT key, measure, dd_sign(x), dd_bucket(x), n
    FROM facts, LATERAL (VALUES ('frt', frt, -1), ('frt', CASE WHEN counted AND waiting THEN age END, 1),
                                ('resolution', resolution, -1), ('resolution', CASE WHEN counted AND open_then THEN age END, 1)) c(measure, x, n)
    WHERE $rollup AND x IS NOT NULL
      AND (n = 1 OR NOT counted OR CASE measure WHEN 'frt' THEN waiting ELSE open_then END)
  )
  GROUP BY ALL
  HAVING sum(n) <> 0
),
bound_of AS (
  SELECT key, any_value(quantiles[1]) FILTER (WHERE measure = 'frt') AS frt_median_bound,
         any_value(quantiles[1]) FILTER (WHERE measure = 'resolution') AS resolution_median_bound
  FROM dd_quantiles(bound_buckets, [0.5]) GROUP BY key
),
censored AS (
  SELECT key,
         count(*) FILTER (WHERE waiting) AS unanswered,
         median_of(CASE WHEN waiting THEN age END) AS unanswered_age_median,
         max(age) FILTER (WHERE waiting) AS unanswered_age_max,
         count(*) FILTER (WHERE waiting AND off_hours) AS unanswered_off_hours,
         max(wall_age) FILTER (WHERE waiting AND off_hours) AS unanswered_off_hours_wall_age_max,
         median_of(CASE WHEN frt_measured THEN frt_at_least END) AS frt_median_bound,
         count(*) FILTER (WHERE open_then) AS open_created,
         median_of(CASE WHEN open_then THEN age END) AS open_age_median,
         max(age) FILTER (WHERE open_then) AS open_age_max,
         count(*) FILTER (WHERE open_then AND off_hours) AS open_off_hours,
         max(wall_age) FILTER (WHERE open_then AND off_hours) AS open_off_hours_wall_age_max,
         median_of(resolution_at_least) AS resolution_median_bound
  FROM facts
  WHERE counted
  GROUP BY key
)
SELECT key, c.* EXCLUDE (key, frt_median_bound, resolution_median_bound),
       CASE WHEN $rollup THEN b.frt_median_bound ELSE c.frt_median_bound END AS frt_median_bound,
       CASE WHEN $rollup THEN b.resolution_median_bound ELSE c.resolution_median_bound END AS resolution_median_bound
FROM censored c FULL JOIN bound_of b USING (key)
