-- The Overview's KPIs that the daily rollup (migrations/0030) answers, over the local days
-- [$from_day, $to_day]: counts summed, means as sums over counts, rates as counts over counts (each
-- the figure sql/kpis.sql computes over the tickets), quantiles from the summed DDSketch buckets
-- (dd_quantiles, measure-macros.sql: within 1% of the exact ones). $business picks the durations' clock. SLA rates:
-- the stopped clocks' verdicts kept per day and the running clocks breached by now
-- ($sla_frt_running_breached, $sla_resolution_running_breached: sql/rollup-running-sla.sql).
WITH counts AS (
  SELECT sum(created)::BIGINT AS volume, sum(unanswered)::BIGINT AS unanswered, sum(frt_unmeasured)::BIGINT AS frt_unmeasured,
         sum(transferred) AS transferred, sum(escalated) AS escalated,
         CASE WHEN $business THEN sum(frt_business_sum) / nullif(sum(frt_business_n), 0) ELSE sum(frt_sum) / nullif(sum(frt_n), 0) END AS frt_mean,
         sum(resolved)::BIGINT AS resolved, sum(resolved_rated) AS resolved_rated,
         CASE WHEN $business THEN sum(resolution_business_sum) / nullif(sum(resolution_business_n), 0)
              ELSE sum(resolution_sum) / nullif(sum(resolution_n), 0) END AS resolution_mean,
         sum(first_resolved) AS first_resolved, sum(reopened) AS reopened,
         sum(one_touch_measured) AS one_touch_measured, sum(one_touch) AS one_touch,
         sum(rated) AS rated, sum(satisfied) AS satisfied, sum(rating_sum) AS rating_sum,
         sum(replies)::BIGINT AS replies,
         sum(sla_frt_met) AS sla_frt_met, sum(sla_frt_breached) + $sla_frt_running_breached AS sla_frt_breached,
         sum(sla_resolution_met) AS sla_resolution_met, sum(sla_resolution_breached) + $sla_resolution_running_breached AS sla_resolution_breached
  FROM daily_counts WHERE day >= $from_day::DATE AND day <= $to_day::DATE
), buckets AS (
  SELECT measure, sign, bucket, sum(n) AS n
  FROM daily_durations WHERE day >= $from_day::DATE AND day <= $to_day::DATE AND business = $business
  GROUP BY ALL
), q AS (
  SELECT any_value(quantiles[1]) FILTER (WHERE measure = 'frt') AS frt_median, any_value(quantiles[2]) FILTER (WHERE measure = 'frt') AS frt_p90,
         any_value(quantiles[1]) FILTER (WHERE measure = 'resolution') AS resolution_median,
         any_value(quantiles[2]) FILTER (WHERE measure = 'resolution') AS resolution_p90,
         any_value(quantiles[1]) FILTER (WHERE measure = 'reply') AS reply_median, any_value(quantiles[2]) FILTER (WHERE measure = 'reply') AS reply_p90
  FROM dd_quantiles(buckets, [0.5, 0.9])
)
SELECT c.volume, c.unanswered, c.frt_unmeasured,
       q.frt_median, q.frt_p90, c.frt_mean,
       c.sla_frt_met / nullif(c.sla_frt_met + c.sla_frt_breached, 0) AS sla_frt,
       c.sla_resolution_met / nullif(c.sla_resolution_met + c.sla_resolution_breached, 0) AS sla_resolution,
       c.transferred / nullif(c.volume, 0) AS transfer_rate,
       c.escalated / nullif(c.volume, 0) AS escalation_rate,
       c.resolved, q.resolution_median, q.resolution_p90, c.resolution_mean,
       c.resolved_rated / nullif(c.resolved, 0) AS rating_response_rate,
       c.reopened / nullif(c.first_resolved, 0) AS reopen_rate,
       c.one_touch / nullif(c.one_touch_measured, 0) AS one_touch_rate,
       c.satisfied / nullif(c.rated, 0) AS csat,
       c.rating_sum / nullif(c.rated, 0) AS rating_mean,
       c.replies, q.reply_median, q.reply_p90
FROM counts c LEFT JOIN q ON true
