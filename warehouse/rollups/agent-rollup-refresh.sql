-- Recomputes the agents' day rollup (migrations/0034) of the local days (zone $zone) in the temp table
-- _rollup_days(day), after daily-rollup-refresh.sql: the facts are sql/agent-facts.sql's, unfiltered,
-- over the days' span ($start, $end), so the rollup counts what the facts count. A pure function of
-- each day's facts, except the previous days, read from agent_ticket_days: a ticket whose facts
-- change has every day of its facts refreshed (daysOf), so the rows after a changed day are too.
DELETE FROM agent_days WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM agent_ticket_days WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM agent_day_tickets WHERE day IN (SELECT day FROM _rollup_days);

CREATE OR REPLACE TEMP TABLE _agent_facts AS
{{metric:agent-facts}}
SELECT * FROM (SELECT timezone($zone, fact_at)::DATE AS day, * FROM facts) WHERE day IN (SELECT day FROM _rollup_days);

INSERT INTO agent_days BY NAME
SELECT day, agent_id, team_id, max(fact_at) AS last_at,
       count(*) FILTER (WHERE kind = 'resolved') AS resolved, count(*) FILTER (WHERE kind = 'reply') AS replies,
       sum(handle) AS handle_seconds, count(rating) AS ratings, count(*) FILTER (WHERE satisfied(rating)) AS satisfied,
       count(*) FILTER (WHERE kind = 'first_resolved') AS first_resolved, count(*) FILTER (WHERE reopened) AS reopened
FROM _agent_facts
GROUP BY ALL
ORDER BY day;

INSERT INTO agent_ticket_days BY NAME
SELECT DISTINCT day, agent_id, ticket_id, team_id, 'assigned' AS kind FROM _agent_facts WHERE is_assignment
UNION ALL
SELECT DISTINCT day, agent_id, ticket_id, team_id, 'handled' FROM _agent_facts WHERE handle IS NOT NULL
ORDER BY day;

-- every row of the agents' and tickets' refreshed days, each with the row before it (of any day)
INSERT INTO agent_day_tickets BY NAME
WITH pairs AS (SELECT DISTINCT agent_id, ticket_id FROM _agent_facts),
ordered AS (
  SELECT p.day, p.agent_id, p.team_id, p.kind,
         lag(p.day) OVER (PARTITION BY p.agent_id, p.ticket_id, p.kind ORDER BY p.day, p.team_id) AS previous_day,
         lag(p.day) OVER (PARTITION BY p.agent_id, p.ticket_id, p.kind, p.team_id ORDER BY p.day) AS previous_team_day
  FROM agent_ticket_days p SEMI JOIN pairs USING (agent_id, ticket_id)
  WHERE p.day <= (SELECT max(day) FROM _rollup_days)
)
SELECT day, agent_id, team_id, kind, previous_day, previous_team_day, count(*) AS tickets
FROM ordered WHERE day IN (SELECT day FROM _rollup_days)
GROUP BY ALL
ORDER BY day;

DROP TABLE _agent_facts;
