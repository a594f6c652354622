-- rederive: every ticket is derived again after this migration (warehouse/database.ts reads this line).
-- What each source counts as a ticket's first response (issue 16): the first agent reply where the
-- source records replies, or what its mapping declares (first_response:). A source without a row
-- here does not measure first response: its tickets get no first response time and are left out of
-- the first response metrics ("not available"), instead of counting as unanswered breaches.
CREATE TABLE first_response_sources (
  mapping     VARCHAR PRIMARY KEY,  -- ingest_runs.mapping; '' for canonical events
  rule        VARCHAR NOT NULL,     -- reply | assignment | status:S1|S2 | event:TYPE (warehouse/lifecycle/first-response-rule.ts)
  declared    BOOLEAN NOT NULL,     -- true: declared by the mapping; false: the source's own agent replies
  recorded_at TIMESTAMPTZ NOT NULL
);
-- Sources ingested before this version measure first response if they sent agent replies.
INSERT INTO first_response_sources
SELECT DISTINCT coalesce(r.mapping, ''), 'reply', false, now()
FROM events e JOIN ingest_runs r USING (run_id)
WHERE e.type = 'replied' AND e.actor = 'agent';
-- The rule a ticket's first response was measured by (its source's); null: not measured.
ALTER TABLE tickets ADD COLUMN first_response_rule VARCHAR;
