-- One agent's ($agent_id) tickets open at the end of each local day of [$start, $end) (days, held):
-- a hold runs from an assignment to the agent until the ticket's next assignment (to anyone) or until
-- it was finally resolved/closed. Continues agent-assigned.sql or rollups/agent-rollup.sql (per_day), both
-- with assigned_tickets: the tickets assigned to the agent by the range's end.
, agent_tickets AS (
  -- A ticket done before the range holds no day end in it.
  SELECT t.ticket_id, t.channel, t.problem_type, t.problem_subtype, t.priority, t.region, t.product, {{done_at:t}} AS done_at
  FROM tickets t
  WHERE t.ticket_id IN (SELECT ticket_id FROM assigned_tickets) AND coalesce({{done_at:t}} >= $start, true)
),
days AS (
  SELECT strftime(d, '%Y-%m-%d') AS day, timezone($tz, d + INTERVAL 1 DAY) AS day_end
  FROM range(timezone($tz, $start::TIMESTAMPTZ), timezone($tz, $end::TIMESTAMPTZ), INTERVAL 1 DAY) r(d)
),
holds AS (
  -- each assignment of those tickets, to anyone, in the team the ticket was in then (migrations/0038)
  SELECT a.ticket_id, a.assigned_at AS fact_at, a.agent_id, a.team_id, t.* EXCLUDE (ticket_id),
         lead(a.assigned_at) OVER (PARTITION BY a.ticket_id ORDER BY a.seq) AS until
  FROM agent_assignments a JOIN agent_tickets t USING (ticket_id)
  WHERE a.assigned_at < $end
),
held AS (
  -- two inequalities alone (the hold's end: the earlier of the next assignment and done, infinity
  -- while neither), which DuckDB joins without pairing every day with every earlier hold
  SELECT d.day, count(DISTINCT h.ticket_id) AS open_at_day_end
  FROM days d
  JOIN (SELECT *, coalesce(least(until, done_at), 'infinity'::TIMESTAMPTZ) AS held_until FROM holds) h
    ON h.fact_at < d.day_end AND h.held_until >= d.day_end
  WHERE h.agent_id = $agent_id AND {{conditions:h}}
  GROUP BY d.day
)
