-- The KPIs that the daily rollup (migrations/0030-0033) answers, per keyed group of days: $groups, a
-- JSON list of {key, from_day, to_day}, each the local days [from_day, to_day] of the rollup's zone
-- $tz: the Overview's two periods, a series' buckets. The instants [$span_start, $span_end) hold
-- every group's days. Counts summed, means as sums over counts, rates as counts
-- over counts (each the figure sql/kpis.sql computes over the tickets), quantiles from the summed
-- DDSketch buckets (dd_quantiles, measure-macros.sql: within 1% of the exact ones). $business picks
-- the durations' clock. SLA rates: the stopped clocks' verdicts kept per day and the clocks still
-- running at $now breached already. Besides, each group's backlog at the end of its last day
-- (created less done up to it: sql/backlog.sql's figure) and its tickets by first response rule
-- (`rules`: coverage).
-- Per value too: the counts' slot is daily_counts with a null value, or the rows of one dimension of
-- dimension_daily_counts (migrations/0036), the late value's slot a late ticket's value of it, and the
-- durations' slot its buckets per value: one row per group and value (breakdown.ts).
WITH periods AS (
  SELECT unnest(from_json($groups::JSON, '[{"key":"VARCHAR","from_day":"DATE","to_day":"DATE"}]'),
                recursive := true)
),
-- The clocks still running among each group's tickets, judged as sql/kpis.sql judges them
-- (measure-macros.sql); one within its target is not judged yet. Only the late tickets are read
-- (late_tickets, migrations/0032: they hold every unanswered or open one).
running AS (
  SELECT p.key, t.value, t.calendar_id, t.created_at, t.policy.clock AS clock,
         CASE WHEN t.first_response_rule IS NOT NULL AND t.first_response_at IS NULL THEN t.policy.frt_target END AS frt_target,
         CASE WHEN t.done_at IS NULL THEN t.policy.resolution_target END AS resolution_target
  FROM (SELECT *, sla_policy_of(priority, team_id) AS policy, {{late_value}} AS value FROM late_tickets l WHERE first_response_at IS NULL OR done_at IS NULL) t
  JOIN periods p ON timezone($tz, t.created_at)::DATE BETWEEN p.from_day AND p.to_day
),
running_breached AS (
  SELECT key, value, count(*) FILTER (WHERE NOT sla_met(sla_state(frt_target, false, running_seconds))) AS sla_frt,
         count(*) FILTER (WHERE NOT sla_met(sla_state(resolution_target, false, running_seconds))) AS sla_resolution
  FROM (
    SELECT r.key, r.value, r.frt_target, r.resolution_target,
           in_policy_clock(r.clock, epoch($now::TIMESTAMPTZ) - epoch(r.created_at),
                           n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)) AS running_seconds
    FROM (FROM running WHERE frt_target IS NOT NULL OR resolution_target IS NOT NULL) r
    LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
    ASOF LEFT JOIN open_intervals_for($span_start::TIMESTAMPTZ, $span_end::TIMESTAMPTZ) c
      ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
  )
  GROUP BY key, value
),
counts AS (
  SELECT p.key, d.value, sum(created)::BIGINT AS volume, sum(unanswered)::BIGINT AS unanswered, sum(frt_unmeasured)::BIGINT AS frt_unmeasured,
         sum(transferred) AS transferred, sum(escalated) AS escalated,
         CASE WHEN $business THEN sum(frt_business_sum) / nullif(sum(frt_business_n), 0) ELSE sum(frt_sum) / nullif(sum(frt_n), 0) END AS frt_mean,
         sum(resolved)::BIGINT AS resolved, sum(resolved_rated) AS resolved_rated,
         CASE WHEN $business THEN sum(resolution_business_sum) / nullif(sum(resolution_business_n), 0)
              ELSE sum(resolution_sum) / nullif(sum(resolution_n), 0) END AS resolution_mean,
         sum(first_resolved) AS first_resolved, sum(reopened) AS reopened,
         sum(one_touch_measured) AS one_touch_measured, sum(one_touch) AS one_touch,
         sum(rated) AS rated, sum(satisfied) AS satisfied, sum(rating_sum) AS rating_sum,
         sum(replies)::BIGINT AS replies,
         sum(sla_frt_met) AS sla_frt_met, sum(sla_frt_breached) AS sla_frt_breached,
         sum(sla_resolution_met) AS sla_resolution_met, sum(sla_resolution_breached) AS sla_resolution_breached,
         sum(created + resolved + first_resolved + rated + replies)::BIGINT AS facts  -- the facts on the days: a value sql/kpis.sql has a row of
  FROM periods p JOIN {{counts}} d ON d.day >= p.from_day AND d.day <= p.to_day
  GROUP BY p.key, d.value
), backlog AS (
  -- every group (value null: no day up to it) and each value of a day up to it
  SELECT p.key, d.value, coalesce(sum(created) - sum(done), 0)::BIGINT AS backlog
  FROM periods p LEFT JOIN {{counts}} d ON d.day <= p.to_day
  GROUP BY p.key, d.value
), rules AS (
  SELECT key, list({'rule': rule, 'tickets': tickets}) AS rules
  FROM (SELECT p.key, r.rule, sum(r.created)::BIGINT AS tickets FROM periods p JOIN daily_rules r ON r.day >= p.from_day AND r.day <= p.to_day GROUP BY ALL)
  GROUP BY key
),
-- a group's duration buckets (the slot: rollup_durations of each group of more than one
-- day under its key, measure-macros.sql); a group of one day reads its kept median and p90 instead
-- (daily_quantiles, migrations/0033)
buckets AS (
  SELECT key, value, measure, sign, bucket, sum(n)::BIGINT AS n
  FROM ({{group_durations}})
  WHERE business = $business AND measure IN ('frt', 'resolution', 'reply')
  GROUP BY ALL
), quantiles AS (
  SELECT key, value, measure, quantiles FROM dd_quantiles(buckets, [0.5, 0.9])
  UNION ALL
  SELECT p.key, NULL, s.measure, s.quantiles FROM periods p JOIN daily_quantiles s ON s.day = p.from_day
  WHERE p.from_day = p.to_day AND s.business = $business AND $day_quantiles
), q AS (
  SELECT key, value, any_value(quantiles[1]) FILTER (WHERE measure = 'frt') AS frt_median, any_value(quantiles[2]) FILTER (WHERE measure = 'frt') AS frt_p90,
         any_value(quantiles[1]) FILTER (WHERE measure = 'resolution') AS resolution_median,
         any_value(quantiles[2]) FILTER (WHERE measure = 'resolution') AS resolution_p90,
         any_value(quantiles[1]) FILTER (WHERE measure = 'reply') AS reply_median, any_value(quantiles[2]) FILTER (WHERE measure = 'reply') AS reply_p90
  FROM quantiles
  GROUP BY key, value
), with_running AS (
  SELECT c.*, c.sla_frt_breached + coalesce(b.sla_frt, 0) AS frt_breached, c.sla_resolution_breached + coalesce(b.sla_resolution, 0) AS resolution_breached
  FROM counts c LEFT JOIN running_breached b ON b.key = c.key AND b.value IS NOT DISTINCT FROM c.value
)
SELECT k.key, k.value, c.facts, c.volume, c.unanswered, c.frt_unmeasured,
       q.frt_median, q.frt_p90, c.frt_mean,
       c.sla_frt_met / nullif(c.sla_frt_met + c.frt_breached, 0) AS sla_frt,
       c.sla_resolution_met / nullif(c.sla_resolution_met + c.resolution_breached, 0) AS sla_resolution,
       c.transferred / nullif(c.volume, 0) AS transfer_rate,
       c.escalated / nullif(c.volume, 0) AS escalation_rate,
       c.resolved, q.resolution_median, q.resolution_p90, c.resolution_mean,
       c.resolved_rated / nullif(c.resolved, 0) AS rating_response_rate,
       c.reopened / nullif(c.first_resolved, 0) AS reopen_rate,
       c.one_touch / nullif(c.one_touch_measured, 0) AS one_touch_rate,
       c.satisfied / nullif(c.rated, 0) AS csat,
       c.rating_sum / nullif(c.rated, 0) AS rating_mean,
       c.replies, q.reply_median, q.reply_p90,
       k.backlog, r.rules
FROM backlog k LEFT JOIN with_running c ON c.key = k.key AND c.value IS NOT DISTINCT FROM k.value
LEFT JOIN q ON q.key = k.key AND q.value IS NOT DISTINCT FROM k.value LEFT JOIN rules r ON r.key = k.key
