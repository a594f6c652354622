-- Agent facts in [$start, $end): the one place that says which agent and team each fact counts for.
-- A prefix (WITH ... facts): agents.sql and agent-days.sql continue it. Every fact carries the ticket's
-- dimensions with agent_id/team_id replaced by the fact's own, so the filters and the team scope
-- (the conditions slot) apply to who did the work where, not to who holds the ticket now:
--   assigned     a `created`, `assigned` or `transferred` event naming the agent (a transfer's target),
--                in the team the ticket was in at that moment; counted once per ticket
--   handle       handle_seconds of events naming the agent other than its replies (comments,
--                updates, escalations, transfers), plus the handle time of its replies
--   reply        an agent reply (agent_replies), team holding the ticket at the reply
--   frt          the first response, for the agent who sent it, anchored on ticket creation
--   resolved     the last resolution, for the ticket's current agent and team
--   first_resolved (reopened or not), rated (the last rating): likewise the ticket's current agent
WITH agent_events AS (
  SELECT ticket_id, occurred_at, agent_id, team_id, type, actor, handle_seconds
  FROM events
  WHERE occurred_at >= $start AND occurred_at < $end
    AND agent_id IS NOT NULL
    AND (type IN ('created', 'assigned', 'transferred') OR (handle_seconds IS NOT NULL AND NOT (type = 'replied' AND actor = 'agent')))
),
-- An event without a team happened in the team of the latest event before it that named one.
teamed_events AS ({{teamed:agent_events}}),
-- Event and reply facts take the ticket's other dimensions only when a filter needs them (the join is
-- most of their cost); first responses and ticket facts come from tickets anyway.
event_facts AS (
  SELECT e.ticket_id, e.occurred_at AS fact_at, e.agent_id, e.team_id, {{ticket_columns}},
         e.type IN ('created', 'assigned', 'transferred') AS is_assignment,
         CASE WHEN NOT (e.type = 'replied' AND e.actor = 'agent') THEN e.handle_seconds END AS handle
  FROM teamed_events e {{ticket_join}}
),
reply_facts AS (
  SELECT r.ticket_id, r.replied_at AS fact_at, r.agent_id, r.team_id, {{ticket_columns}},
         r.handle_seconds AS handle
  FROM agent_replies r {{ticket_join}}
  WHERE r.replied_at >= $start AND r.replied_at < $end
),
-- The ticket's first response, for the agent who sent it in the team that held the ticket then
-- (derivation keeps both on the ticket), anchored on the ticket's creation like the FRT KPI.
first_response_facts AS (
  SELECT t.ticket_id, t.created_at AS fact_at, t.first_response_agent_id AS agent_id, t.first_response_team_id AS team_id,
         t.channel, t.problem_type, t.problem_subtype, t.priority, t.region, t.product,
         CASE WHEN $business THEN t.first_response_business_seconds ELSE t.first_response_seconds END AS frt
  FROM tickets t
  WHERE t.first_response_agent_id IS NOT NULL AND t.created_at >= $start AND t.created_at < $end
),
ticket_facts AS MATERIALIZED (
  SELECT t.ticket_id, t.agent_id, t.team_id, t.channel, t.problem_type, t.problem_subtype, t.priority, t.region, t.product,
         t.resolved_at, t.first_resolved_at, t.rated_at, t.rating, t.reopen_count > 0 AS reopened,
         CASE WHEN $business THEN t.resolution_business_seconds ELSE t.resolution_seconds END AS resolution
  FROM tickets t
  WHERE t.agent_id IS NOT NULL
    AND ((t.resolved_at >= $start AND t.resolved_at < $end)
      OR (t.first_resolved_at >= $start AND t.first_resolved_at < $end)
      OR (t.rated_at >= $start AND t.rated_at < $end))
),
all_facts AS (
  SELECT ticket_id, fact_at, agent_id, team_id, channel, problem_type, problem_subtype, priority, region, product,
         'event' AS kind, is_assignment, handle
  FROM event_facts
  UNION ALL BY NAME
  SELECT *, 'reply' AS kind FROM reply_facts
  UNION ALL BY NAME
  SELECT *, 'frt' AS kind FROM first_response_facts
  UNION ALL BY NAME
  SELECT ticket_id, resolved_at AS fact_at, agent_id, team_id, channel, problem_type, problem_subtype, priority, region, product,
         'resolved' AS kind, resolution
  FROM ticket_facts WHERE resolved_at >= $start AND resolved_at < $end
  UNION ALL BY NAME
  SELECT ticket_id, first_resolved_at AS fact_at, agent_id, team_id, channel, problem_type, problem_subtype, priority, region, product,
         'first_resolved' AS kind, reopened
  FROM ticket_facts WHERE first_resolved_at >= $start AND first_resolved_at < $end
  UNION ALL BY NAME
  SELECT ticket_id, rated_at AS fact_at, agent_id, team_id, channel, problem_type, problem_subtype, priority, region, product,
         'rated' AS kind, rating
  FROM ticket_facts WHERE rated_at >= $start AND rated_at < $end AND rating IS NOT NULL
),
facts AS (
  SELECT * FROM all_facts x WHERE x.agent_id IS NOT NULL AND {{conditions:x}}
)
