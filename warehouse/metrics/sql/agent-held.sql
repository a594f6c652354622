-- One agent's ($agent_id) tickets open at the end of each local day of [$start, $end) (days, held):
-- a hold runs from an assignment to the agent until the ticket's next assignment (to anyone) or until
-- it was finally resolved/closed. Continues agent-assigned.sql or rollups/agent-rollup.sql (per_day), both
-- with assigned_tickets: the tickets assigned to the agent by the range's end.
, agent_tickets AS (
  -- A ticket done before the range holds no day end in it.
  SELECT t.ticket_id FROM tickets t
  WHERE t.ticket_id IN (SELECT ticket_id FROM assigned_tickets) AND coalesce({{done_at:t}} >= $start, true)
),
days AS (
  SELECT strftime(d, '%Y-%m-%d') AS day, timezone($tz, d + INTERVAL 1 DAY) AS day_end
  FROM range(timezone($tz, $start::TIMESTAMPTZ), timezone($tz, $end::TIMESTAMPTZ), INTERVAL 1 DAY) r(d)
),
agent_assignments AS MATERIALIZED (
  SELECT ticket_id, event_id, type, source_seq, occurred_at, agent_id, team_id FROM events
  WHERE type IN ('created', 'assigned', 'transferred') AND agent_id IS NOT NULL AND occurred_at < $end
    AND ticket_id IN (SELECT ticket_id FROM agent_tickets)
),
-- An assignment without a team stays in the team the ticket was in, as for every agent fact.
teamed AS ({{teamed:agent_assignments}}),
assignments AS (
  SELECT e.ticket_id, e.event_id, e.type, e.source_seq, e.occurred_at AS fact_at, e.agent_id, e.team_id,
         t.channel, t.problem_type, t.problem_subtype, t.priority, t.region, t.product, {{done_at:t}} AS done_at
  FROM teamed e JOIN tickets t ON t.ticket_id = e.ticket_id
),
holds AS (
  -- in the order derivation follows (migrations/0017): at one instant the source's own order first
  SELECT *, lead(fact_at) OVER (PARTITION BY ticket_id ORDER BY fact_at, source_seq NULLS FIRST, event_type_rank(type), event_id) AS until
  FROM assignments
),
held AS (
  SELECT d.day, count(DISTINCT h.ticket_id) AS open_at_day_end
  FROM days d
  JOIN holds h ON h.fact_at < d.day_end AND (h.until IS NULL OR h.until >= d.day_end) AND (h.done_at IS NULL OR h.done_at >= d.day_end)
  WHERE h.agent_id = $agent_id AND {{conditions:h}}
  GROUP BY d.day
)
