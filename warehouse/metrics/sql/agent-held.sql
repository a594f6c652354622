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
  SELECT strftime(d, '%Y-%m-%d') AS day, d::DATE AS date
  FROM range(timezone($tz, $start::TIMESTAMPTZ), timezone($tz, $end::TIMESTAMPTZ), INTERVAL 1 DAY) r(d)
),
holds AS (
  -- each assignment of those tickets, to anyone, in the team the ticket was in then (migrations/0038)
  SELECT a.ticket_id, a.assigned_at AS fact_at, a.agent_id, a.team_id, t.* EXCLUDE (ticket_id),
         lead(a.assigned_at) OVER (PARTITION BY a.ticket_id ORDER BY a.seq) AS until
  FROM agent_assignments a JOIN agent_tickets t USING (ticket_id)
  WHERE a.assigned_at < $end
),
-- A hold is open at the end of each local day from the one it starts on to the one before the local day
-- it ends on (its end: the earlier of the next assignment and done). Those days counted by a running
-- sum of +1 where holds start and -1 after they end, over the range's days (a hold started before the
-- range counts from its first day). A ticket's holds by one agent never overlap: the count is of tickets.
held_days AS (
  SELECT timezone($tz, h.fact_at)::DATE AS first_day,
         timezone($tz, least(h.until, h.done_at))::DATE - 1 AS last_day  -- null: open still
  FROM holds h
  WHERE h.agent_id = $agent_id AND {{conditions:h}}
),
held_changes AS (
  SELECT first_day AS date, 1 AS change FROM held_days WHERE coalesce(last_day >= first_day, true)
  UNION ALL
  SELECT last_day + 1, -1 FROM held_days WHERE last_day >= first_day
),
held AS (
  SELECT d.day, (sum(coalesce(c.change, 0)) OVER (ORDER BY d.date))::BIGINT AS open_at_day_end
  FROM days d LEFT JOIN (SELECT greatest(date, (SELECT min(date) FROM days)) AS date, sum(change) AS change
                         FROM held_changes GROUP BY 1) c USING (date)
)
