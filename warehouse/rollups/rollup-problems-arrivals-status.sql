-- Recomputes daily_problems, daily_arrivals and the status durations (migrations/0035) of the local
-- days (zone $zone) listed in _rollup_days, from the tickets as they are now (a pure function of
-- them: arrival order and batching never matter). Runs after daily-rollup-refresh.sql (DAY_ROLLUPS).

-- A ticket is a repeat contact when the same customer's next ticket of the same type follows within
-- 7 days (problems.ts): a ticket created, changed or gone on a day changes that of the tickets of the
-- 7 days before it, up to 8 local days before it (a DST change), so those days are counted again too.
CREATE OR REPLACE TEMP TABLE _problem_days AS
SELECT DISTINCT day - r.k::INTEGER AS day FROM _rollup_days, range(0, 9) r(k);

CREATE OR REPLACE TEMP TABLE _problem_bounds AS
SELECT timezone($zone, min(day)::TIMESTAMP) AS lo, timezone($zone, (max(day) + 1)::TIMESTAMP) AS hi FROM _problem_days;

DELETE FROM daily_problems WHERE day IN (SELECT day FROM _problem_days);

-- as sql/problems.sql counts them over the tickets of a range
INSERT INTO daily_problems BY NAME
WITH created AS (
  SELECT t.ticket_id, t.created_at, t.customer_id, t.problem_type, t.problem_subtype, timezone($zone, t.created_at)::DATE AS day
  FROM tickets t, _problem_bounds b
  WHERE t.created_at >= b.lo AND t.created_at < b.hi
),
next_contact AS (
  FROM next_contacts((SELECT lo FROM _problem_bounds), (SELECT hi + INTERVAL 7 DAY FROM _problem_bounds))
),
first_resolved AS (
  SELECT timezone($zone, t.first_resolved_at)::DATE AS day, t.problem_type, t.problem_subtype, t.reopen_count
  FROM tickets t, _problem_bounds b
  WHERE t.first_resolved_at >= b.lo AND t.first_resolved_at < b.hi
)
SELECT day, problem_type, problem_subtype, sum(created)::BIGINT AS created, sum(repeat_measured)::BIGINT AS repeat_measured,
       sum(repeated)::BIGINT AS repeated, sum(first_resolved)::BIGINT AS first_resolved, sum(reopened)::BIGINT AS reopened
FROM (
  SELECT c.day, c.problem_type, c.problem_subtype, count(*) AS created,
         count(*) FILTER (WHERE c.customer_id IS NOT NULL AND c.problem_type IS NOT NULL) AS repeat_measured,
         count(*) FILTER (WHERE c.customer_id IS NOT NULL AND c.problem_type IS NOT NULL AND repeat_contact(c.created_at, n.next_at)) AS repeated,
         0 AS first_resolved, 0 AS reopened
  FROM created c LEFT JOIN next_contact n USING (ticket_id)
  GROUP BY ALL
  UNION ALL
  SELECT day, problem_type, problem_subtype, 0, 0, 0, count(reopen_count), count(*) FILTER (WHERE reopen_count > 0)
  FROM first_resolved
  GROUP BY ALL
)
WHERE day IN (SELECT day FROM _problem_days)
GROUP BY ALL
ORDER BY day;

CREATE OR REPLACE TEMP TABLE _created_tickets AS
SELECT timezone($zone, t.created_at)::DATE AS day, hour(timezone($zone, t.created_at))::TINYINT AS hour,
       new_seconds, open_seconds, pending_seconds, on_hold_seconds,
       new_business_seconds, open_business_seconds, pending_business_seconds, on_hold_business_seconds
FROM tickets t, (SELECT timezone($zone, min(day)::TIMESTAMP) AS lo, timezone($zone, (max(day) + 1)::TIMESTAMP) AS hi FROM _rollup_days) b
WHERE t.created_at >= b.lo AND t.created_at < b.hi;
DELETE FROM _created_tickets WHERE day NOT IN (SELECT day FROM _rollup_days);

DELETE FROM daily_arrivals WHERE day IN (SELECT day FROM _rollup_days);
INSERT INTO daily_arrivals BY NAME
SELECT day, hour, count(*) AS created FROM _created_tickets GROUP BY ALL ORDER BY day;

-- as sql/status-times.sql measures them (agent wait is pending: not kept twice)
DELETE FROM daily_status_durations WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM monthly_status_durations WHERE month IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days);
-- One GROUP BY per measure and clock: small keys (with the measure in the key it took 2.5x as long).
INSERT INTO daily_status_durations BY NAME
WITH measures AS NOT MATERIALIZED (
  SELECT day, new_seconds AS new, open_seconds AS open, pending_seconds AS pending, on_hold_seconds AS on_hold,
         CASE WHEN coalesce(new_seconds, open_seconds, on_hold_seconds) IS NOT NULL
              THEN coalesce(new_seconds, 0) + coalesce(open_seconds, 0) + coalesce(on_hold_seconds, 0) END AS requester_wait,
         new_business_seconds AS new_b, open_business_seconds AS open_b, pending_business_seconds AS pending_b, on_hold_business_seconds AS on_hold_b,
         CASE WHEN coalesce(new_business_seconds, open_business_seconds, on_hold_business_seconds) IS NOT NULL
              THEN coalesce(new_business_seconds, 0) + coalesce(open_business_seconds, 0) + coalesce(on_hold_business_seconds, 0) END AS requester_wait_b
  FROM _created_tickets
)
SELECT day, 'new' AS measure, false AS business, dd_sign(new) AS sign, dd_bucket(new) AS bucket, count(*) AS n, sum(new) AS seconds FROM measures WHERE new IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'open', false, dd_sign(open), dd_bucket(open), count(*), sum(open) FROM measures WHERE open IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'pending', false, dd_sign(pending), dd_bucket(pending), count(*), sum(pending) FROM measures WHERE pending IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'on_hold', false, dd_sign(on_hold), dd_bucket(on_hold), count(*), sum(on_hold) FROM measures WHERE on_hold IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'requester_wait', false, dd_sign(requester_wait), dd_bucket(requester_wait), count(*), sum(requester_wait) FROM measures WHERE requester_wait IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'new', true, dd_sign(new_b), dd_bucket(new_b), count(*), sum(new_b) FROM measures WHERE new_b IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'open', true, dd_sign(open_b), dd_bucket(open_b), count(*), sum(open_b) FROM measures WHERE open_b IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'pending', true, dd_sign(pending_b), dd_bucket(pending_b), count(*), sum(pending_b) FROM measures WHERE pending_b IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'on_hold', true, dd_sign(on_hold_b), dd_bucket(on_hold_b), count(*), sum(on_hold_b) FROM measures WHERE on_hold_b IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'requester_wait', true, dd_sign(requester_wait_b), dd_bucket(requester_wait_b), count(*), sum(requester_wait_b) FROM measures WHERE requester_wait_b IS NOT NULL GROUP BY 1, 4, 5
ORDER BY day;

INSERT INTO monthly_status_durations BY NAME
SELECT date_trunc('month', day)::DATE AS month, measure, business, sign, bucket, sum(n)::BIGINT AS n, sum(seconds) AS seconds
FROM daily_status_durations
WHERE day >= (SELECT date_trunc('month', min(day))::DATE FROM _rollup_days)
  AND date_trunc('month', day)::DATE IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days)
GROUP BY ALL
ORDER BY month;

DROP TABLE _problem_days;
DROP TABLE _problem_bounds;
DROP TABLE _created_tickets;
