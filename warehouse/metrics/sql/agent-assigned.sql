-- The tickets assigned to agent $agent_id by $end (a created, assigned or transferred event naming
-- the agent): agent-held.sql's, from the events. Continues agent-facts.sql.
, assigned_tickets AS (
  SELECT DISTINCT ticket_id FROM events
  WHERE agent_id = $agent_id AND type IN ('created', 'assigned', 'transferred') AND occurred_at < $end
)
