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
         sla_elapsed(policy.clock, true, resolution_seconds, resolution_business_seconds, NULL))) END AS sla_resolution,
       -- counted for every ticket (dimension null) and per value of the rollup's dimensions (migrations/0036)
       [{'dimension': NULL::VARCHAR, 'value': NULL::VARCHAR}, {'dimension': 'team', 'value': team_id}, {'dimension': 'channel', 'value': channel},
        {'dimension': 'priority', 'value': priority}, {'dimension': 'problem_type', 'value': problem_type}] AS keys
FROM days;

-- each ticket once per key: every ticket (dimension null) and each of its dimension values
CREATE OR REPLACE TEMP TABLE _rollup_keyed AS
SELECT * EXCLUDE (keys), unnest(keys, recursive := true) FROM _rollup_tickets;

-- a reply's team: the team that held its ticket then (as sql/kpis.sql); its other values: its ticket's
CREATE OR REPLACE TEMP TABLE _rollup_replies AS
SELECT * EXCLUDE (keys), unnest(keys, recursive := true)
FROM (
  SELECT timezone($zone, r.replied_at)::DATE AS day, r.wait_seconds, r.wait_business_seconds,
         [{'dimension': NULL::VARCHAR, 'value': NULL::VARCHAR}, {'dimension': 'team', 'value': r.team_id}, {'dimension': 'channel', 'value': t.channel},
          {'dimension': 'priority', 'value': t.priority}, {'dimension': 'problem_type', 'value': t.problem_type}] AS keys
  -- a reply's ticket has its last event after it: that bound skips the row groups of tickets done before
  FROM agent_replies r LEFT JOIN (FROM tickets WHERE last_event_at >= (SELECT lo FROM _rollup_bounds)) t USING (ticket_id), _rollup_bounds b
  WHERE r.replied_at >= b.lo AND r.replied_at < b.hi
)
WHERE day IN (SELECT day FROM _rollup_days);

-- per day and key (_rollup_keyed): every ticket's here, each dimension value's in rollup-dimensions-refresh.sql
CREATE OR REPLACE TEMP TABLE _rollup_counts AS
WITH created AS (
  SELECT created_day AS day, dimension, value, count(*) AS created,
         count(*) FILTER (WHERE frt_measured AND NOT answered) AS unanswered,
         count(*) FILTER (WHERE NOT frt_measured) AS frt_unmeasured,
         count(*) FILTER (WHERE transferred) AS transferred, count(*) FILTER (WHERE escalated) AS escalated,
         count(first_response_seconds) AS frt_n, sum(first_response_seconds) AS frt_sum,
         count(first_response_business_seconds) AS frt_business_n, sum(first_response_business_seconds) AS frt_business_sum,
         count(*) FILTER (WHERE sla_frt) AS sla_frt_met, count(*) FILTER (WHERE NOT sla_frt) AS sla_frt_breached,
         count(*) FILTER (WHERE sla_resolution) AS sla_resolution_met, count(*) FILTER (WHERE NOT sla_resolution) AS sla_resolution_breached
  FROM _rollup_keyed WHERE created_day IS NOT NULL GROUP BY 1, 2, 3
), resolved AS (
  SELECT resolved_day AS day, dimension, value, count(*) AS resolved, count(rating) AS resolved_rated,
         count(resolution_seconds) AS resolution_n, sum(resolution_seconds) AS resolution_sum,
         count(resolution_business_seconds) AS resolution_business_n, sum(resolution_business_seconds) AS resolution_business_sum
  FROM _rollup_keyed WHERE resolved_day IS NOT NULL GROUP BY 1, 2, 3
), first_resolved AS (
  SELECT first_resolved_day AS day, dimension, value, count(*) AS first_resolved, count(*) FILTER (WHERE reopened) AS reopened,
         count(one_touch) AS one_touch_measured, count(*) FILTER (WHERE one_touch) AS one_touch
  FROM _rollup_keyed WHERE first_resolved_day IS NOT NULL GROUP BY 1, 2, 3
), rated AS (
  SELECT rated_day AS day, dimension, value, count(*) AS rated, count(*) FILTER (WHERE satisfied(rating)) AS satisfied, sum(rating) AS rating_sum
  FROM _rollup_keyed WHERE rated_day IS NOT NULL GROUP BY 1, 2, 3
), done AS (
  SELECT done_day AS day, dimension, value, count(*) AS done FROM _rollup_keyed WHERE done_day IS NOT NULL GROUP BY 1, 2, 3
), replied AS (
  SELECT day, dimension, value, count(*) AS replies FROM _rollup_replies GROUP BY 1, 2, 3
)
-- a day and key without any fact has no row, however it was reached
SELECT day, dimension, value,
       coalesce(sum(created), 0) AS created, coalesce(sum(unanswered), 0) AS unanswered, coalesce(sum(frt_unmeasured), 0) AS frt_unmeasured,
       coalesce(sum(transferred), 0) AS transferred, coalesce(sum(escalated), 0) AS escalated,
       coalesce(sum(frt_n), 0) AS frt_n, sum(frt_sum) AS frt_sum, coalesce(sum(frt_business_n), 0) AS frt_business_n, sum(frt_business_sum) AS frt_business_sum,
       coalesce(sum(sla_frt_met), 0) AS sla_frt_met, coalesce(sum(sla_frt_breached), 0) AS sla_frt_breached,
       coalesce(sum(sla_resolution_met), 0) AS sla_resolution_met, coalesce(sum(sla_resolution_breached), 0) AS sla_resolution_breached,
       coalesce(sum(resolved), 0) AS resolved, coalesce(sum(resolved_rated), 0) AS resolved_rated,
       coalesce(sum(resolution_n), 0) AS resolution_n, sum(resolution_sum) AS resolution_sum,
       coalesce(sum(resolution_business_n), 0) AS resolution_business_n, sum(resolution_business_sum) AS resolution_business_sum,
       coalesce(sum(first_resolved), 0) AS first_resolved, coalesce(sum(reopened), 0) AS reopened,
       coalesce(sum(one_touch_measured), 0) AS one_touch_measured, coalesce(sum(one_touch), 0) AS one_touch,
       coalesce(sum(rated), 0) AS rated, coalesce(sum(satisfied), 0) AS satisfied, sum(rating_sum) AS rating_sum,
       coalesce(sum(replies), 0) AS replies, coalesce(sum(done), 0) AS done
FROM (FROM created UNION ALL BY NAME FROM resolved UNION ALL BY NAME FROM first_resolved UNION ALL BY NAME FROM rated
      UNION ALL BY NAME FROM replied UNION ALL BY NAME FROM done)
GROUP BY ALL;

INSERT INTO daily_counts BY NAME
SELECT * EXCLUDE (dimension, value) FROM _rollup_counts WHERE dimension IS NULL ORDER BY day;

INSERT INTO daily_rules BY NAME
SELECT created_day AS day, rule, count(*) AS created FROM _rollup_tickets WHERE created_day IS NOT NULL GROUP BY ALL ORDER BY day;

-- One GROUP BY per measure and clock: small keys (a VARCHAR measure in the key took twice as long).
CREATE OR REPLACE TEMP TABLE _rollup_durations AS
WITH durations AS NOT MATERIALIZED (
  SELECT created_day AS day, dimension, value, first_response_seconds AS frt, first_response_business_seconds AS frt_b,
         NULL::DOUBLE AS resolution, NULL::DOUBLE AS resolution_b,
         -- (every ticket's only: no breakdown has the censored bound)
         CASE WHEN dimension IS NULL THEN resolution_seconds END AS resolution_c,
         CASE WHEN dimension IS NULL THEN resolution_business_seconds END AS resolution_cb
  FROM _rollup_keyed WHERE created_day IS NOT NULL
  UNION ALL
  SELECT resolved_day, dimension, value, NULL, NULL, resolution_seconds, resolution_business_seconds, NULL, NULL
  FROM _rollup_keyed WHERE resolved_day IS NOT NULL
)
SELECT day, dimension, value, 'frt' AS measure, false AS business, dd_sign(frt) AS sign, dd_bucket(frt) AS bucket, count(*) AS n FROM durations WHERE frt IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'frt', true, dd_sign(frt_b), dd_bucket(frt_b), count(*) FROM durations WHERE frt_b IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'resolution', false, dd_sign(resolution), dd_bucket(resolution), count(*) FROM durations WHERE resolution IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'resolution', true, dd_sign(resolution_b), dd_bucket(resolution_b), count(*) FROM durations WHERE resolution_b IS NOT NULL GROUP BY 1, 2, 3, 6, 7
-- resolutions by their ticket's creation day: the censored resolution median bound (sql/censoring.sql)
UNION ALL SELECT day, dimension, value, 'resolution_created', false, dd_sign(resolution_c), dd_bucket(resolution_c), count(*) FROM durations WHERE resolution_c IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'resolution_created', true, dd_sign(resolution_cb), dd_bucket(resolution_cb), count(*) FROM durations WHERE resolution_cb IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'reply', false, dd_sign(wait_seconds), dd_bucket(wait_seconds), count(*) FROM _rollup_replies WHERE wait_seconds IS NOT NULL GROUP BY 1, 2, 3, 6, 7
UNION ALL SELECT day, dimension, value, 'reply', true, dd_sign(wait_business_seconds), dd_bucket(wait_business_seconds), count(*) FROM _rollup_replies WHERE wait_business_seconds IS NOT NULL GROUP BY 1, 2, 3, 6, 7;

INSERT INTO daily_durations BY NAME
-- by day: a range of days reads only its row groups
SELECT * EXCLUDE (dimension, value) FROM _rollup_durations WHERE dimension IS NULL ORDER BY day;

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

-- _rollup_counts and _rollup_durations: read and dropped by rollup-dimensions-refresh.sql
DROP TABLE _rollup_bounds;
DROP TABLE _rollup_tickets;
DROP TABLE _rollup_keyed;
DROP TABLE _rollup_replies;
