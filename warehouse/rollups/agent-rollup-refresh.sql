-- Recomputes the agents' day rollup (migrations/0034) of the local days (zone $zone) in the temp table
-- _rollup_days(day), after daily-rollup-refresh.sql: the facts are sql/agent-facts.sql's, unfiltered,
-- over the days' span ($start, $end), so the rollup counts what the facts count. A pure function of
-- each day's facts, except the previous days, read from agent_ticket_days: a ticket whose facts
-- change has every day of its facts refreshed (daysOf), so the rows after a changed day are too.
DELETE FROM agent_days WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM agent_ticket_days WHERE day IN (SELECT day FROM _rollup_days);
DELETE FROM agent_day_tickets WHERE day IN (SELECT day FROM _rollup_days);

-- only the columns kept (the facts' ticket dimensions are null unfiltered)
CREATE OR REPLACE TEMP TABLE _agent_facts AS
{{metric:agent-facts}}
SELECT * FROM (SELECT timezone($zone, fact_at)::DATE AS day, agent_id, team_id, ticket_id, fact_at, kind, is_assignment, handle, rating, reopened FROM facts)
WHERE day IN (SELECT day FROM _rollup_days);

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
SELECT DISTINCT day, agent_id, ticket_id, team_id, 'handled' FROM _agent_facts WHERE handle IS NOT NULL;

-- every row of the refreshed days with the row before it (of any day): before those days, each
-- agent's, ticket's, kind's and team's last day is all the lag needs (a GROUP BY rather than a sort),
-- and only an agent's ticket of several rows needs the lag (most have one: a hash, not a sort)
INSERT INTO agent_day_tickets BY NAME
WITH span AS (SELECT min(day) AS first_day, max(day) AS last_day FROM _rollup_days),
refreshed AS (SELECT p.* FROM agent_ticket_days p, span WHERE p.day BETWEEN span.first_day AND span.last_day),
earlier AS (
  SELECT p.agent_id, p.ticket_id, p.team_id, p.kind, max(p.day) AS day
  FROM agent_ticket_days p, span
  WHERE p.day < span.first_day AND (p.agent_id, p.ticket_id) IN (SELECT (agent_id, ticket_id) FROM refreshed)
  GROUP BY ALL
),
candidates AS (SELECT agent_id, ticket_id, team_id, kind, day FROM refreshed UNION ALL SELECT * FROM earlier),
several AS (SELECT agent_id, ticket_id, kind FROM candidates GROUP BY ALL HAVING count(*) > 1),
ordered AS (
  SELECT day, agent_id, team_id, kind,
         lag(day) OVER (PARTITION BY agent_id, ticket_id, kind ORDER BY day, team_id) AS previous_day,
         lag(day) OVER (PARTITION BY agent_id, ticket_id, kind, team_id ORDER BY day) AS previous_team_day
  FROM candidates SEMI JOIN several USING (agent_id, ticket_id, kind)
  UNION ALL
  SELECT day, agent_id, team_id, kind, NULL, NULL FROM candidates ANTI JOIN several USING (agent_id, ticket_id, kind)
)
SELECT day, agent_id, team_id, kind, previous_day, previous_team_day, count(*) AS tickets
FROM ordered WHERE day IN (SELECT day FROM _rollup_days)
GROUP BY ALL
ORDER BY day;

DROP TABLE _agent_facts;
