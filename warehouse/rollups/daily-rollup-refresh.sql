-- Recomputes the daily rollup (migrations/0030) of the local days (zone $zone) listed in the temp
-- table _rollup_days(day), from the tickets and agent replies as they are now: a pure function of
-- those facts, so arrival order and batching never matter. Each figure is the one sql/kpis.sql
-- computes over the tickets, per day; the days' tickets are found by their instants' bounds first.
DELETE FROM daily_counts WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM daily_durations WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM daily_rules WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM daily_quantiles WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM monthly_durations WHERE month IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days);

CREATE OR REPLACE TEMP TABLE _rollup_bounds AS
SELECT timezone($zone, min(day)::TIMESTAMP) AS lo, timezone($zone, (max(day) + 1)::TIMESTAMP) AS hi FROM _rollup_days;

-- Each ticket with an instant on one of the days, its instants as local days (null: not on one of them).
-- No instant is after the ticket's last event: that bound alone reaches the scan, which then skips the
-- row groups of tickets done before the days (a 10k-event batch into 1.2 M tickets read all of them).
CREATE OR REPLACE TEMP TABLE _rollup_tickets AS
WITH near AS (
  SELECT t.*, {{done_at:t}} AS done_at FROM tickets t, _rollup_bounds b
  WHERE t.last_event_at >= b.lo AND ((t.created_at >= b.lo AND t.created_at < b.hi) OR (t.resolved_at >= b.lo AND t.resolved_at < b.hi)
     OR (t.first_resolved_at >= b.lo AND t.first_resolved_at < b.hi) OR (t.rated_at >= b.lo AND t.rated_at < b.hi)
     OR ({{done_at:t}} >= b.lo AND {{done_at:t}} < b.hi))
), days AS (
  SELECT n.*, sla_policy_of(n.priority, n.team_id) AS policy,
         timezone($zone, created_at)::DATE AS c_day, timezone($zone, resolved_at)::DATE AS r_day,
         timezone($zone, first_resolved_at)::DATE AS f_day,
         CASE WHEN rating IS NOT NULL THEN timezone($zone, rated_at)::DATE END AS s_day,
         timezone($zone, done_at)::DATE AS d_day
  FROM near n
)
SELECT CASE WHEN c_day IN (SELECT day FROM _rollup_days) THEN c_day END AS created_day,
       CASE WHEN r_day IN (SELECT day FROM _rollup_days) THEN r_day END AS resolved_day,
       CASE WHEN f_day IN (SELECT day FROM _rollup_days) THEN f_day END AS first_resolved_day,
       CASE WHEN s_day IN (SELECT day FROM _rollup_days) THEN s_day END AS rated_day,
       CASE WHEN d_day IN (SELECT day FROM _rollup_days) THEN d_day END AS done_day,
       first_response_rule AS rule, first_response_rule IS NOT NULL AS frt_measured, first_response_at IS NOT NULL AS answered,
       first_response_seconds, first_response_business_seconds, resolution_seconds, resolution_business_seconds,
       transfer_count > 0 AS transferred, escalated, reopen_count > 0 AS reopened,
       -- one agent reply rests on a source that records replies: else not measured (as sql/kpis.sql)
       CASE WHEN first_response_rule = 'reply' THEN agent_reply_count = 1 AND reopen_count = 0 END AS one_touch,
       rating,
       -- the verdicts of the SLA clocks that have stopped, as sql/kpis.sql judges them (measure-macros.sql);
       -- a clock still running is judged at the time asked (sql/rollup-running-sla.sql)
       CASE WHEN first_response_at IS NOT NULL THEN sla_met(sla_state(CASE WHEN first_response_rule IS NOT NULL THEN policy.frt_target END, true,
         sla_elapsed(policy.clock, true, first_response_seconds, first_response_business_seconds, NULL))) END AS sla_frt,
       CASE WHEN done_at IS NOT NULL THEN sla_met(sla_state(policy.resolution_target, true,
         sla_elapsed(policy.clock, true, resolution_seconds, resolution_business_seconds, NULL))) END AS sla_resolution
FROM days;

CREATE OR REPLACE TEMP TABLE _rollup_replies AS
FROM (
  SELECT timezone($zone, r.replied_at)::DATE AS day, r.wait_seconds, r.wait_business_seconds
  FROM agent_replies r, _rollup_bounds b
  WHERE r.replied_at >= b.lo AND r.replied_at < b.hi
)
WHERE day IN (SELECT day FROM _rollup_days);

INSERT INTO daily_counts BY NAME
WITH created AS (
  SELECT created_day AS day, count(*) AS created,
         count(*) FILTER (WHERE frt_measured AND NOT answered) AS unanswered,
         count(*) FILTER (WHERE NOT frt_measured) AS frt_unmeasured,
         count(*) FILTER (WHERE transferred) AS transferred, count(*) FILTER (WHERE escalated) AS escalated,
         count(first_response_seconds) AS frt_n, sum(first_response_seconds) AS frt_sum,
         count(first_response_business_seconds) AS frt_business_n, sum(first_response_business_seconds) AS frt_business_sum,
         count(*) FILTER (WHERE sla_frt) AS sla_frt_met, count(*) FILTER (WHERE NOT sla_frt) AS sla_frt_breached,
         count(*) FILTER (WHERE sla_resolution) AS sla_resolution_met, count(*) FILTER (WHERE NOT sla_resolution) AS sla_resolution_breached
  FROM _rollup_tickets WHERE created_day IS NOT NULL GROUP BY 1
), resolved AS (
  SELECT resolved_day AS day, count(*) AS resolved, count(rating) AS resolved_rated,
         count(resolution_seconds) AS resolution_n, sum(resolution_seconds) AS resolution_sum,
         count(resolution_business_seconds) AS resolution_business_n, sum(resolution_business_seconds) AS resolution_business_sum
  FROM _rollup_tickets WHERE resolved_day IS NOT NULL GROUP BY 1
), first_resolved AS (
  SELECT first_resolved_day AS day, count(*) AS first_resolved, count(*) FILTER (WHERE reopened) AS reopened,
         count(one_touch) AS one_touch_measured, count(*) FILTER (WHERE one_touch) AS one_touch
  FROM _rollup_tickets WHERE first_resolved_day IS NOT NULL GROUP BY 1
), rated AS (
  SELECT rated_day AS day, count(*) AS rated, count(*) FILTER (WHERE satisfied(rating)) AS satisfied, sum(rating) AS rating_sum
  FROM _rollup_tickets WHERE rated_day IS NOT NULL GROUP BY 1
), done AS (
  SELECT done_day AS day, count(*) AS done FROM _rollup_tickets WHERE done_day IS NOT NULL GROUP BY 1
), replied AS (
  SELECT day, count(*) AS replies FROM _rollup_replies GROUP BY 1
)
SELECT d.day,
       coalesce(c.created, 0) AS created, coalesce(c.unanswered, 0) AS unanswered, coalesce(c.frt_unmeasured, 0) AS frt_unmeasured,
       coalesce(c.transferred, 0) AS transferred, coalesce(c.escalated, 0) AS escalated,
       coalesce(c.frt_n, 0) AS frt_n, c.frt_sum, coalesce(c.frt_business_n, 0) AS frt_business_n, c.frt_business_sum,
       coalesce(c.sla_frt_met, 0) AS sla_frt_met, coalesce(c.sla_frt_breached, 0) AS sla_frt_breached,
       coalesce(c.sla_resolution_met, 0) AS sla_resolution_met, coalesce(c.sla_resolution_breached, 0) AS sla_resolution_breached,
       coalesce(r.resolved, 0) AS resolved, coalesce(r.resolved_rated, 0) AS resolved_rated,
       coalesce(r.resolution_n, 0) AS resolution_n, r.resolution_sum,
       coalesce(r.resolution_business_n, 0) AS resolution_business_n, r.resolution_business_sum,
       coalesce(f.first_resolved, 0) AS first_resolved, coalesce(f.reopened, 0) AS reopened,
       coalesce(f.one_touch_measured, 0) AS one_touch_measured, coalesce(f.one_touch, 0) AS one_touch,
       coalesce(s.rated, 0) AS rated, coalesce(s.satisfied, 0) AS satisfied, s.rating_sum,
       coalesce(p.replies, 0) AS replies, coalesce(o.done, 0) AS done
FROM (SELECT DISTINCT day FROM _rollup_days) d
LEFT JOIN created c USING (day) LEFT JOIN resolved r USING (day) LEFT JOIN first_resolved f USING (day)
LEFT JOIN rated s USING (day) LEFT JOIN replied p USING (day) LEFT JOIN done o USING (day)
-- a day without any fact has no row, however it was reached
WHERE c.day IS NOT NULL OR r.day IS NOT NULL OR f.day IS NOT NULL OR s.day IS NOT NULL OR p.day IS NOT NULL OR o.day IS NOT NULL
ORDER BY d.day;

INSERT INTO daily_rules BY NAME
SELECT created_day AS day, rule, count(*) AS created FROM _rollup_tickets WHERE created_day IS NOT NULL GROUP BY ALL ORDER BY day;

-- One GROUP BY per measure and clock: small keys (a VARCHAR measure in the key took twice as long).
INSERT INTO daily_durations BY NAME
WITH durations AS NOT MATERIALIZED (
  SELECT created_day AS day, first_response_seconds AS frt, first_response_business_seconds AS frt_b,
         NULL::DOUBLE AS resolution, NULL::DOUBLE AS resolution_b,
         resolution_seconds AS resolution_c, resolution_business_seconds AS resolution_cb
  FROM _rollup_tickets WHERE created_day IS NOT NULL
  UNION ALL
  SELECT resolved_day, NULL, NULL, resolution_seconds, resolution_business_seconds, NULL, NULL
  FROM _rollup_tickets WHERE resolved_day IS NOT NULL
)
SELECT day, 'frt' AS measure, false AS business, dd_sign(frt) AS sign, dd_bucket(frt) AS bucket, count(*) AS n FROM durations WHERE frt IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'frt', true, dd_sign(frt_b), dd_bucket(frt_b), count(*) FROM durations WHERE frt_b IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'resolution', false, dd_sign(resolution), dd_bucket(resolution), count(*) FROM durations WHERE resolution IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'resolution', true, dd_sign(resolution_b), dd_bucket(resolution_b), count(*) FROM durations WHERE resolution_b IS NOT NULL GROUP BY 1, 4, 5
-- resolutions by their ticket's creation day: the censored resolution median bound (sql/censoring.sql)
UNION ALL SELECT day, 'resolution_created', false, dd_sign(resolution_c), dd_bucket(resolution_c), count(*) FROM durations WHERE resolution_c IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'resolution_created', true, dd_sign(resolution_cb), dd_bucket(resolution_cb), count(*) FROM durations WHERE resolution_cb IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'reply', false, dd_sign(wait_seconds), dd_bucket(wait_seconds), count(*) FROM _rollup_replies WHERE wait_seconds IS NOT NULL GROUP BY 1, 4, 5
UNION ALL SELECT day, 'reply', true, dd_sign(wait_business_seconds), dd_bucket(wait_business_seconds), count(*) FROM _rollup_replies WHERE wait_business_seconds IS NOT NULL GROUP BY 1, 4, 5
-- by day: a range of days reads only its row groups
ORDER BY day;

-- each day's median and p90 (migrations/0033): a day series reads them instead of the day's buckets
INSERT INTO daily_quantiles BY NAME
WITH buckets AS (
  SELECT day, measure, business, sign, bucket, n FROM daily_durations
  WHERE day IN (SELECT day FROM _rollup_days) AND measure IN ('frt', 'resolution', 'reply')
)
SELECT * FROM dd_quantiles(buckets, [0.5, 0.9]) ORDER BY day;

-- the months of those days summed again (migrations/0032), from their days' buckets
INSERT INTO monthly_durations BY NAME
SELECT date_trunc('month', day)::DATE AS month, measure, business, sign, bucket, sum(n)::BIGINT AS n
FROM daily_durations
WHERE day >= (SELECT date_trunc('month', min(day))::DATE FROM _rollup_days)
  AND date_trunc('month', day)::DATE IN (SELECT date_trunc('month', day)::DATE FROM _rollup_days)
GROUP BY ALL
ORDER BY month;

DROP TABLE _rollup_bounds;
DROP TABLE _rollup_tickets;
DROP TABLE _rollup_replies;
