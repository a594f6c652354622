-- The core KPIs (catalog.ts) over the range [$start, $end), grouped by {{key}}.
-- Every ticket gives one fact per instant of it inside the range (created, last resolved, first
-- resolved, rated) and every agent reply one more; each KPI aggregates the facts of its own kind,
-- so each is anchored on its own instant (volume by creation, resolution by resolution, ...), and
-- {{key}} groups a fact by its instant (fact_at) or its ticket's dimension value (dim_value).
-- Durations: $business picks business or calendar seconds; SLA uses the policy's own clock.
WITH base AS MATERIALIZED (
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
         sla_policy_of(t.priority, t.team_id) AS policy,  -- its SLA targets and clock (measure-macros.sql)
         t.first_response_seconds, t.first_response_business_seconds,
         t.resolution_seconds, t.resolution_business_seconds
  FROM tickets t
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
  SELECT ticket_id, calendar_id, created_at, policy.clock AS clock
  FROM base
  WHERE created_at >= $start AND created_at < $end
    AND (policy.frt_target IS NOT NULL AND frt_measured AND NOT answered OR policy.resolution_target IS NOT NULL AND open_now)
),
elapsed AS (
  SELECT r.ticket_id,
         in_policy_clock(r.clock, epoch($now::TIMESTAMPTZ) - epoch(r.created_at),
                         n.open_seconds - open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, r.created_at)) AS running_seconds
  FROM running r
  LEFT JOIN open_seconds_at($now::TIMESTAMPTZ) n USING (calendar_id)
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = r.calendar_id AND r.created_at >= c.start_at
),
created AS (
  SELECT b.created_at AS fact_at, b.dim_value, b.answered, b.frt_measured, b.frt, b.transferred, b.was_escalated,
         -- the SLA judgement (measure-macros.sql): an unanswered or open ticket past its target is a breach
         sla_met(sla_state(CASE WHEN b.frt_measured THEN b.policy.frt_target END, b.answered,
                           sla_elapsed(b.policy.clock, b.answered, b.first_response_seconds, b.first_response_business_seconds, e.running_seconds))) AS frt_met,
         sla_met(sla_state(b.policy.resolution_target, NOT b.open_now,
                           sla_elapsed(b.policy.clock, NOT b.open_now, b.resolution_seconds, b.resolution_business_seconds, e.running_seconds))) AS resolution_met
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
           median_p90(frt) AS frt_q,
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
           median_p90(resolution) AS resolution_q,
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
         csat(rating) AS csat,  -- the CSAT macro (migrations/0029)
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
           median_p90(reply_wait) AS reply_q
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
