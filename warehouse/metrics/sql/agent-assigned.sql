-- The tickets assigned to agent $agent_id by $end (a created, assigned or transferred event naming
-- the agent, migrations/0038): agent-held.sql's. Continues agent-facts.sql.
, assigned_tickets AS (
  SELECT DISTINCT ticket_id FROM agent_assignments WHERE agent_id = $agent_id AND assigned_at < $end
)
