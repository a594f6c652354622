-- rederive: agent_assignments, written by derivation (lifecycle/derive-tickets.sql) for every ticket.
-- Each assignment of a ticket to an agent (a created, assigned or transferred event naming one) in
-- the team the ticket was in then, numbered in the ticket's event order (seq): one agent's held and
-- assigned tickets (metrics/sql/agent-held.sql, agent-assigned.sql, agent-tickets.sql) read these
-- about 1.5 rows a ticket instead of every event (issue 19 §2: one agent's year read 10.8 M events).
CREATE TABLE agent_assignments (
  ticket_id   VARCHAR NOT NULL,
  seq         BIGINT NOT NULL,
  assigned_at TIMESTAMPTZ NOT NULL,
  agent_id    VARCHAR NOT NULL,
  team_id     VARCHAR
);
