-- The agents' facts per local day of the rollup's zone (issue 19 §2), kept with the daily rollup by
-- warehouse/rollups/agent-rollup-tickets.sql: /api/agents and one agent's days sum them instead of
-- scanning the events. Which agent and team a fact counts for is sql/agent-facts.sql's, as there.

-- Per day, agent and the team of the facts: their counts and sums, and the latest fact's instant
-- (the agent's team over a range is the team of their latest fact).
CREATE TABLE agent_days (
  day             DATE NOT NULL,
  agent_id        VARCHAR NOT NULL,
  team_id         VARCHAR,
  last_at         TIMESTAMPTZ NOT NULL,
  resolved        BIGINT NOT NULL,
  replies         BIGINT NOT NULL,
  handle_seconds  DOUBLE,
  ratings         BIGINT NOT NULL,
  satisfied       BIGINT NOT NULL,
  first_resolved  BIGINT NOT NULL,
  reopened        BIGINT NOT NULL
);

-- The tickets each agent was assigned (kind 'assigned') or spent handle time on ('handled') per
-- day and team: one row per agent, ticket, day, team and kind. What the distinct counts below are
-- computed from when a day is refreshed.
CREATE TABLE agent_ticket_days (
  day        DATE NOT NULL,
  agent_id   VARCHAR NOT NULL,
  ticket_id  VARCHAR NOT NULL,
  team_id    VARCHAR,
  kind       VARCHAR NOT NULL
);

-- agent_ticket_days counted by the day of the same agent, ticket and kind before each row: in any
-- team (previous_day; a same-day row of an earlier team counts as that day) and in the row's team
-- (previous_team_day). The distinct tickets of a range [from, to] are the rows in it whose previous
-- day is before `from` (or none): exact, without the ticket ids.
CREATE TABLE agent_day_tickets (
  day                DATE NOT NULL,
  agent_id           VARCHAR NOT NULL,
  team_id            VARCHAR,
  kind               VARCHAR NOT NULL,
  previous_day       DATE,
  previous_team_day  DATE,
  tickets            BIGINT NOT NULL
);

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM settings WHERE key = 'rollup_zone';
