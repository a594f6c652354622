-- Who sent each ticket's first response, and the team that held the ticket then: the agent views
-- read it from the ticket instead of matching every reply against first_response_at. Derivation
-- writes both; tickets derived before this version get them from their replies here (two replies
-- at the same instant: the first by event id, as derivation orders them).
ALTER TABLE tickets ADD COLUMN first_response_agent_id VARCHAR;
ALTER TABLE tickets ADD COLUMN first_response_team_id VARCHAR;
UPDATE tickets SET first_response_agent_id = f.agent_id, first_response_team_id = f.team_id
FROM (SELECT r.ticket_id, arg_min(r.agent_id, r.event_id) AS agent_id, arg_min(r.team_id, r.event_id) AS team_id
      FROM agent_replies r JOIN tickets t ON t.ticket_id = r.ticket_id AND t.first_response_at = r.replied_at
      GROUP BY r.ticket_id) f
WHERE tickets.ticket_id = f.ticket_id;
