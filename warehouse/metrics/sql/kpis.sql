-- The core KPIs (catalog.ts) over the range [$start, $end), grouped by {{key}}.
-- Every ticket gives one fact per instant of it inside the range (created, last resolved, first
-- resolved, rated) and every agent reply one more; each KPI aggregates the facts of its own kind,
-- so each is anchored on its own instant (volume by creation, resolution by resolution, ...), and
-- {{key}} groups a fact by its instant (fact_at) or its ticket's dimension value (dim_value).
-- Durations: $business picks business or calendar seconds; SLA uses the policy's own clock.
WITH policy AS (
  SELECT priority, team_id,
         any_value(first_response_seconds) AS frt_target,
         any_value(resolution_seconds) AS resolution_target,
         any_value(clock) AS clock
  FROM sla_policies GROUP BY priority, team_id
),
base AS MATERIALIZED (
  SELECT t.ticket_id, t.created_at, t.resolved_at, t.first_resolved_at, t.rated_at, t.rating, t.calendar_id,
         {{dimension:t}} AS dim_value,
         t.first_response_at IS NOT NULL AS answered,
         -- its source measures first response (migrations/0016): else it is in no first response figure
         t.first_response_rule IS NOT NULL AS frt_measured,
         CASE WHEN $business THEN t.first_response_business_seconds ELSE t.first_response_seconds END AS frt,
         CASE WHEN $business THEN t.resolution_business_seconds ELSE t.resolution_seconds END AS resolution,
         t.transfer_count > 0 AS transferred,
         t.escalated AS was_escalated,
         t.reopen_count > 0 AS reopened,
         -- one agent reply rests on a source that records replies: else not measured (NULL, left out)
         CASE WHEN t.first_response_rule = 'reply' THEN t.agent_reply_count = 1 AND t.reopen_count = 0 END AS one_touch,
         {{done_at:t}} IS NULL AS open_now,
         -- A team's own policy for the priority replaces the general one whole (targets and clock).
         CASE WHEN ps.priority IS NULL THEN pg.frt_target ELSE ps.frt_target END AS frt_target,
         CASE WHEN ps.priority IS NULL THEN pg.resolution_target ELSE ps.resolution_target END AS resolution_target,
         CASE WHEN ps.priority IS NULL THEN pg.clock ELSE ps.clock END AS policy_clock,
         t.first_response_seconds, t.first_response_business_seconds,
         t.resolution_seconds, t.resolution_business_seconds
  FROM tickets t
  LEFT JOIN policy ps ON ps.priority = t.priority AND ps.team_id = t.team_id
  LEFT JOIN policy pg ON pg.priority = t.priority AND pg.team_id IS NULL
  WHERE ((t.created_at >= $start AND t.created_at < $end)
      OR (t.resolved_at >= $start AND t.resolved_at < $end)
      OR (t.first_resolved_at >= $start AND t.first_resolved_at < $end)
      OR (t.rated_at >= $start AND t.rated_at < $end))
    AND {{conditions:t}}
),
-- Tickets whose SLA clock still runs (unanswered, or not resolved): the time since creation until
-- $now in the policy's clock. Business time = open seconds before now (once per calendar,
-- migrations/0012) - open seconds before creation.
running AS (
  SELECT ticket_id, calendar_id, created_at, policy_clock
  FROM base
  WHERE created_at >= $start AND created_at < $end
    AND (frt_target IS NOT NULL AND frt_measured AND NOT answered OR resolution_target IS NOT NULL AND open_now)
),
elapsed AS (
  SELECT r.ticket_id,
         CASE WHEN r.policy_clock = 'business'
           THEN n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)
           ELSE epoch($now::TIMESTAMPTZ) - epoch(r.created_at)
         END AS running_seconds
  FROM running r
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
),
created AS (
  SELECT b.created_at AS fact_at, b.dim_value, b.answered, b.frt_measured, b.frt, b.transferred, b.was_escalated,
         CASE
           WHEN b.frt_target IS NULL OR NOT b.frt_measured THEN NULL
           WHEN b.answered THEN (CASE WHEN b.policy_clock = 'business' THEN b.first_response_business_seconds ELSE b.first_response_seconds END) <= b.frt_target
           WHEN e.running_seconds > b.frt_target THEN false  -- unanswered past the target: a breach
         END AS frt_met,
         CASE
           WHEN b.resolution_target IS NULL THEN NULL
           WHEN b.resolution_seconds IS NOT NULL THEN (CASE WHEN b.policy_clock = 'business' THEN b.resolution_business_seconds ELSE b.resolution_seconds END) <= b.resolution_target
           WHEN b.open_now AND e.running_seconds > b.resolution_target THEN false  -- still open past the target
         END AS resolution_met
  FROM base b LEFT JOIN elapsed e USING (ticket_id)
  WHERE b.created_at >= $start AND b.created_at < $end
),
-- One aggregate per kind of fact, each over its own rows only, with the columns it answers; a query
-- joins only those that answer the KPIs it asks for ({{joined_*}}: the others are never computed).
by_created AS (
  SELECT * EXCLUDE (frt_q), frt_q[1] AS frt_median, frt_q[2] AS frt_p90
  FROM (
    SELECT {{key}} AS key,
           count(*) AS volume,
           count(*) FILTER (WHERE frt_measured AND NOT answered) AS unanswered,
           count(*) FILTER (WHERE NOT frt_measured) AS frt_unmeasured,
           quantile_cont(frt, [0.5, 0.9]) AS frt_q,
           avg(frt) AS frt_mean,
           avg(frt_met::INTEGER) AS sla_frt,
           avg(resolution_met::INTEGER) AS sla_resolution,
           avg(transferred::INTEGER) AS transfer_rate,
           avg(was_escalated::INTEGER) AS escalation_rate
    FROM created GROUP BY ALL
  )
),
by_resolved AS (
  SELECT * EXCLUDE (resolution_q), resolution_q[1] AS resolution_median, resolution_q[2] AS resolution_p90
  FROM (
    SELECT {{key}} AS key,
           count(*) AS resolved,
           quantile_cont(resolution, [0.5, 0.9]) AS resolution_q,
           avg(resolution) AS resolution_mean,
           avg((rating IS NOT NULL)::INTEGER) AS rating_response_rate
    FROM (SELECT resolved_at AS fact_at, * FROM base WHERE resolved_at >= $start AND resolved_at < $end)
    GROUP BY ALL
  )
),
by_first_resolved AS (
  SELECT {{key}} AS key,
         avg(reopened::INTEGER) AS reopen_rate,
         avg(one_touch::INTEGER) AS one_touch_rate
  FROM (SELECT first_resolved_at AS fact_at, * FROM base WHERE first_resolved_at >= $start AND first_resolved_at < $end)
  GROUP BY ALL
),
by_rated AS (
  SELECT {{key}} AS key,
         avg((rating >= 4)::INTEGER) AS csat,
         avg(rating) AS rating_mean
  FROM (SELECT rated_at AS fact_at, * FROM base WHERE rated_at >= $start AND rated_at < $end AND rating IS NOT NULL)
  GROUP BY ALL
),
by_reply AS (
  -- A reply is filtered and grouped by the agent who sent it and the team that held the ticket then.
  SELECT * EXCLUDE (reply_q), reply_q[1] AS reply_median, reply_q[2] AS reply_p90
  FROM (
    SELECT {{key}} AS key,
           count(*) AS replies,
           quantile_cont(reply_wait, [0.5, 0.9]) AS reply_q
    FROM (
      SELECT x.replied_at AS fact_at, {{dimension:x}} AS dim_value, x.reply_wait
      FROM (
        SELECT r.replied_at, r.agent_id, r.team_id, {{ticket_columns}},
               CASE WHEN $business THEN r.wait_business_seconds ELSE r.wait_seconds END AS reply_wait
        FROM agent_replies r {{ticket_join}}
        WHERE r.replied_at >= $start AND r.replied_at < $end
      ) x
      WHERE {{conditions:x}}
    )
    GROUP BY ALL
  )
),
keys AS ({{joined_keys}})
SELECT {{key_label:k.key}} AS key, {{joined_columns}}
FROM keys k {{joined_from:k}}
