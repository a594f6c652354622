-- Keeps the agents' day rollup (migrations/0034, 0037) for the tickets {{tickets}} selects, after their
-- derivation; every ticket when built whole. A ticket's agent facts are its own (sql/agent-facts.sql
-- reads only its events, its replies and its row), and so is each of its rows here but agent_days and
-- agent_day_tickets, which sum the tickets: its shares and ticket days are rewritten, the distinct-ticket
-- counts change by what its ticket days were and are, and agent_days sums again the shares of each
-- (day, agent, team) whose shares changed. Work in proportion to the tickets, not to the days they touch.

-- every fact of the tickets: sql/agent-facts.sql over them alone (copies of their rows for a small
-- scope), all time (agent-rollup-tickets.ts)
CREATE OR REPLACE TEMP TABLE _agent_facts AS
{{metric:agent-facts}}
SELECT timezone($zone, fact_at)::DATE AS day, agent_id, team_id, ticket_id, fact_at, kind, is_assignment, handle, rating, reopened FROM facts
WHERE {{tickets}};

-- in agent_ticket_shares' column order (the union below matches by position)
CREATE OR REPLACE TEMP TABLE _agent_shares AS
SELECT day, agent_id, team_id, ticket_id, max(fact_at) AS last_at,
       count(*) FILTER (WHERE kind = 'resolved') AS resolved, count(*) FILTER (WHERE kind = 'reply') AS replies,
       sum(handle) AS handle_seconds, count(rating) AS ratings, count(*) FILTER (WHERE satisfied(rating)) AS satisfied,
       count(*) FILTER (WHERE kind = 'first_resolved') AS first_resolved, count(*) FILTER (WHERE reopened) AS reopened
FROM _agent_facts
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE _agent_old_shares AS
SELECT * FROM agent_ticket_shares WHERE {{tickets}};

-- most of a batch's tickets keep most of their shares (their earlier days): a share on one side only
-- changed (each side has one per day, agent, team and ticket; a hash, not EXCEPT's sort)
CREATE OR REPLACE TEMP TABLE _agent_changed AS
SELECT DISTINCT day, agent_id, team_id
FROM (SELECT * FROM (FROM _agent_old_shares UNION ALL FROM _agent_shares) GROUP BY ALL HAVING count(*) = 1);

DELETE FROM agent_ticket_shares WHERE {{tickets}};
INSERT INTO agent_ticket_shares BY NAME FROM _agent_shares ORDER BY day;

-- the changed rows, summed again from every ticket's share: no difference of doubles left over, the
-- latest fact of those left, and no row once no ticket has a fact there
DELETE FROM agent_days d USING _agent_changed c
WHERE d.day = c.day AND d.agent_id = c.agent_id AND d.team_id IS NOT DISTINCT FROM c.team_id;
INSERT INTO agent_days BY NAME
SELECT day, agent_id, team_id, max(last_at) AS last_at, sum(resolved) AS resolved, sum(replies) AS replies,
       sum(handle_seconds) AS handle_seconds, sum(ratings) AS ratings, sum(satisfied) AS satisfied,
       sum(first_resolved) AS first_resolved, sum(reopened) AS reopened
FROM agent_ticket_shares s SEMI JOIN _agent_changed c
  ON s.day = c.day AND s.agent_id = c.agent_id AND s.team_id IS NOT DISTINCT FROM c.team_id
GROUP BY ALL
ORDER BY day;

CREATE OR REPLACE TEMP TABLE _agent_ticket_days AS
SELECT DISTINCT day, agent_id, ticket_id, team_id, 'assigned' AS kind FROM _agent_facts WHERE is_assignment
UNION ALL
SELECT DISTINCT day, agent_id, ticket_id, team_id, 'handled' FROM _agent_facts WHERE handle IS NOT NULL;

-- agent_day_tickets' counts of the tickets' ticket days as they were (taken away) and are (added): a
-- row's previous days are its own ticket's, agent's and kind's; only a ticket with several such rows
-- needs the lag (most have one: a hash, not a sort)
CREATE OR REPLACE TEMP TABLE _agent_day_tickets_change AS
WITH both_sides AS (
  SELECT -1 AS change, day, agent_id, ticket_id, team_id, kind FROM agent_ticket_days WHERE {{tickets}}
  UNION ALL
  SELECT 1, day, agent_id, ticket_id, team_id, kind FROM _agent_ticket_days
),
several AS (SELECT change, agent_id, ticket_id, kind FROM both_sides GROUP BY ALL HAVING count(*) > 1),
ordered AS (
  SELECT change, day, agent_id, team_id, kind,
         lag(day) OVER (PARTITION BY change, agent_id, ticket_id, kind ORDER BY day, team_id) AS previous_day,
         lag(day) OVER (PARTITION BY change, agent_id, ticket_id, kind, team_id ORDER BY day) AS previous_team_day
  FROM both_sides SEMI JOIN several USING (change, agent_id, ticket_id, kind)
  UNION ALL
  SELECT change, day, agent_id, team_id, kind, NULL, NULL FROM both_sides ANTI JOIN several USING (change, agent_id, ticket_id, kind)
)
SELECT day, agent_id, team_id, kind, previous_day, previous_team_day, sum(change) AS tickets
FROM ordered
GROUP BY ALL
HAVING sum(change) <> 0;

CREATE OR REPLACE TEMP TABLE _agent_day_tickets_kept AS
SELECT day, agent_id, team_id, kind, previous_day, previous_team_day, sum(tickets) AS tickets
FROM (SELECT d.* FROM agent_day_tickets d SEMI JOIN _agent_day_tickets_change c
        ON d.day = c.day AND d.agent_id = c.agent_id AND d.team_id IS NOT DISTINCT FROM c.team_id AND d.kind = c.kind
       AND d.previous_day IS NOT DISTINCT FROM c.previous_day AND d.previous_team_day IS NOT DISTINCT FROM c.previous_team_day
      UNION ALL BY NAME FROM _agent_day_tickets_change)
GROUP BY ALL
HAVING sum(tickets) > 0;

DELETE FROM agent_day_tickets d USING _agent_day_tickets_change c
WHERE d.day = c.day AND d.agent_id = c.agent_id AND d.team_id IS NOT DISTINCT FROM c.team_id AND d.kind = c.kind
  AND d.previous_day IS NOT DISTINCT FROM c.previous_day AND d.previous_team_day IS NOT DISTINCT FROM c.previous_team_day;
INSERT INTO agent_day_tickets BY NAME FROM _agent_day_tickets_kept ORDER BY day;

DELETE FROM agent_ticket_days WHERE {{tickets}};
INSERT INTO agent_ticket_days BY NAME FROM _agent_ticket_days ORDER BY day;

DROP TABLE _agent_facts;
DROP TABLE _agent_shares;
DROP TABLE _agent_old_shares;
DROP TABLE _agent_changed;
DROP TABLE _agent_ticket_days;
DROP TABLE _agent_day_tickets_change;
DROP TABLE _agent_day_tickets_kept;
