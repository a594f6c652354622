-- Each ticket's share of agent_days (migrations/0034): per local day of the rollup's zone, agent, team
-- and ticket, the counts and sums of that ticket's agent facts. A derivation rewrites its tickets'
-- shares and sums again the agent_days rows whose shares changed (rollups/agent-rollup-tickets.sql),
-- instead of recomputing for every agent each day its tickets touch (issue 19 §1). The shares are
-- kept because a ticket's facts before its derivation cannot be computed again then: its new events
-- are already appended, replaced ones removed.
CREATE TABLE agent_ticket_shares (
  day             DATE NOT NULL,
  agent_id        VARCHAR NOT NULL,
  team_id         VARCHAR,
  ticket_id       VARCHAR NOT NULL,
  last_at         TIMESTAMPTZ NOT NULL,
  resolved        BIGINT NOT NULL,
  replies         BIGINT NOT NULL,
  handle_seconds  DOUBLE,
  ratings         BIGINT NOT NULL,
  satisfied       BIGINT NOT NULL,
  first_resolved  BIGINT NOT NULL,
  reopened        BIGINT NOT NULL
);

-- built whole at the next open (keepDailyRollup: no zone kept)
DELETE FROM settings WHERE key = 'rollup_zone';
