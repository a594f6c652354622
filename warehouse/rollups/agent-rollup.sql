-- Per agent (or only $agent_id) over the local days [$from_day, $to_day], or per day of them
-- ($per_day), from the agents' day rollup (migrations/0034): what sql/agents.sql and sql/agent-days.sql
-- compute from the facts, unfiltered or within one team ($scope_teams), which then counts a ticket
-- once per agent in that team rather than in any. Sums of the days; the distinct tickets are the rows
-- whose previous day is before the range (or the day); the medians from the tickets, on the instants
-- sql/agent-facts.sql anchors them on. A prefix: per_agent_day (day: the range's first when not per day).
WITH summed AS (
  SELECT agent_id, CASE WHEN $per_day THEN day ELSE $from_day::DATE END AS day,
         arg_max(team_id, (last_at, team_id)) AS team,  -- as agents.sql: the team of the latest fact
         sum(resolved)::BIGINT AS resolved, sum(replies)::BIGINT AS replies, sum(handle_seconds) AS handle,
         sum(ratings)::BIGINT AS ratings, sum(satisfied) AS satisfied, sum(first_resolved) AS first_resolved, sum(reopened) AS reopened
  FROM agent_days d
  WHERE day BETWEEN $from_day::DATE AND $to_day::DATE AND coalesce(agent_id = $agent_id, true) AND {{scope:d}}
  GROUP BY ALL
),
distinct_tickets AS (
  SELECT agent_id, CASE WHEN $per_day THEN day ELSE $from_day::DATE END AS day,
         sum(tickets) FILTER (WHERE kind = 'assigned')::BIGINT AS assigned, sum(tickets) FILTER (WHERE kind = 'handled') AS handled
  FROM agent_day_tickets d
  WHERE day BETWEEN $from_day::DATE AND $to_day::DATE AND coalesce(agent_id = $agent_id, true) AND {{scope:d}}
    AND coalesce(CASE WHEN $scope_teams IS NULL THEN previous_day ELSE previous_team_day END < CASE WHEN $per_day THEN d.day ELSE $from_day::DATE END, true)
  GROUP BY ALL
),
first_responses AS (
  SELECT agent_id, day, median_of(frt) AS frt_median
  FROM (SELECT first_response_agent_id AS agent_id, first_response_team_id AS team_id, CASE WHEN $per_day THEN {{local:created_at}}::DATE ELSE $from_day::DATE END AS day,
               CASE WHEN $business THEN first_response_business_seconds ELSE first_response_seconds END AS frt
        FROM tickets WHERE first_response_agent_id IS NOT NULL AND created_at >= $start AND created_at < $end) f
  WHERE coalesce(agent_id = $agent_id, true) AND {{scope:f}}
  GROUP BY ALL
),
resolutions AS (
  SELECT agent_id, CASE WHEN $per_day THEN {{local:resolved_at}}::DATE ELSE $from_day::DATE END AS day,
         median_of(CASE WHEN $business THEN resolution_business_seconds ELSE resolution_seconds END) AS resolution_median
  FROM tickets t
  WHERE agent_id IS NOT NULL AND resolved_at >= $start AND resolved_at < $end AND coalesce(agent_id = $agent_id, true) AND {{scope:t}}
  GROUP BY ALL
),
per_agent_day AS (
  SELECT agent_id, day, team, coalesce(assigned, 0) AS assigned, resolved, replies, coalesce(handle, 0) AS handle_seconds,
         handle / nullif(handled, 0) AS aht_seconds, frt_median, resolution_median,
         satisfied / nullif(ratings, 0) AS csat, ratings, reopened / nullif(first_resolved, 0) AS reopen_rate
  FROM summed LEFT JOIN distinct_tickets USING (agent_id, day) LEFT JOIN first_responses USING (agent_id, day) LEFT JOIN resolutions USING (agent_id, day)
)
