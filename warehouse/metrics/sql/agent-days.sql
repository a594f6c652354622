-- One agent ($agent_id; the filter's agent list holds it too) per local day of [$start, $end):
-- continues agent-facts.sql (facts); agent-held.sql follows and agent-day-rows.sql ends it.
, per_day AS (
  SELECT strftime({{local:fact_at}}, '%Y-%m-%d') AS day,
         count(DISTINCT ticket_id) FILTER (WHERE is_assignment) AS assigned,
         count(*) FILTER (WHERE kind = 'resolved') AS resolved,
         count(*) FILTER (WHERE kind = 'reply') AS replies,
         coalesce(sum(handle), 0) AS handle_seconds,
         sum(handle) / nullif(count(DISTINCT ticket_id) FILTER (WHERE handle IS NOT NULL), 0) AS aht_seconds,
         median_of(frt) AS frt_median,
         median_of(resolution) AS resolution_median,
         csat(rating) AS csat,  -- the CSAT macro (migrations/0029)
         count(rating) AS ratings,
         avg(reopened::INTEGER) AS reopen_rate
  FROM facts
  WHERE agent_id = $agent_id
  GROUP BY ALL
)
