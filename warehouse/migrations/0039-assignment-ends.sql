-- rederive: each assignment's end (migrations/0038), written by derivation (lifecycle/derive-tickets.sql):
-- the ticket's next assignment, to anyone, or its done instant if earlier (null: held still). One
-- agent's held tickets per day (metrics/sql/agent-held.sql) read that agent's rows alone, where they
-- read every assignment of the agent's tickets and those tickets (one agent's year at 10.8 M events:
-- 150 ms, most of it those two scans).
ALTER TABLE agent_assignments ADD COLUMN ends_at TIMESTAMPTZ;
