-- Validation of canonical staging (_staged): every row gets either typed event columns or the
-- reasons it cannot be accepted (what, and what to do). The variable ingest_timezone declares the
-- zone of naive times (NULL: none declared). validate.ts fills the slots: what is defined (a view,
-- so that inserting the good rows is the one scan that computes the reasons; or a table), the rows
-- validated (_staged or some of its lines) and the two below.
-- A mapping's staging carries __seq, the event's place in the source's order (a slot the pipeline
-- fills with that column, or NULL for canonical sources, whose rank it takes from __line).
-- Rows whose event_id the warehouse already holds are re-sent events: left out before any checking,
-- so that re-ingesting a file costs one read and an anti-join. The held events it reads (a slot
-- filled by the pipeline) are all of them or, for a batch much smaller than the warehouse, only
-- those with a staged id, found with the staged ids as the hash table: 10 ms instead of 170 for a
-- 10k-event batch into 10 M events.
-- Allowed values are tested with list_contains, not NOT IN: DuckDB plans a long IN list as a join,
-- which stays in the plan when the reason is not read: counting the view or reading its ids and
-- times (the pipeline's pre-pass) paid for every test (counting 10.8 M rows: 2.2 s of CPU, now 0.04 s).
CREATE OR REPLACE TEMP {{checked}} AS
WITH fresh AS (
  SELECT s.* FROM {{staged}} s ANTI JOIN ({{held}}) e ON e.event_id = nullif(trim(s.event_id), '')
), cleaned AS (
  SELECT __line, __error, {{seq}},
         nullif(trim(event_id), '') AS event_id, nullif(trim(ticket_id), '') AS ticket_id,
         lower(nullif(trim(type), '')) AS type, nullif(trim(occurred_at), '') AS occurred_at,
         lower(nullif(trim(actor), '')) AS actor, nullif(trim(agent_id), '') AS agent_id,
         nullif(trim(team_id), '') AS team_id, lower(nullif(trim(channel), '')) AS channel,
         nullif(trim(problem_type), '') AS problem_type, nullif(trim(problem_subtype), '') AS problem_subtype,
         nullif(trim(product), '') AS product, nullif(trim(region), '') AS region,
         lower(nullif(trim(priority), '')) AS priority, nullif(trim(customer_id), '') AS customer_id,
         lower(nullif(trim(status), '')) AS status, nullif(trim(rating), '') AS rating,
         -- what a rating rates (speed, quality, ...): a key, lower case; empty or 'overall' is the overall rating
         nullif(nullif(lower(trim(rating_dimension)), ''), 'overall') AS rating_dimension,
         nullif(comment, '') AS comment, nullif(trim(handle_seconds), '') AS handle_seconds,
         nullif(trim(attrs), '') AS attrs
  FROM fresh
), typed AS (
  SELECT *,
         regexp_matches(occurred_at, '(Z|z|[+-]\d\d(:?\d\d)?)$') AS has_offset,
         CASE WHEN regexp_matches(occurred_at, '(Z|z|[+-]\d\d(:?\d\d)?)$') THEN TRY_CAST(occurred_at AS TIMESTAMPTZ)
              WHEN getvariable('ingest_timezone')::VARCHAR IS NOT NULL THEN timezone(getvariable('ingest_timezone')::VARCHAR, TRY_CAST(occurred_at AS TIMESTAMP)) END AS occurred_ts,
         TRY_CAST(rating AS DOUBLE) AS rating_num,
         TRY_CAST(handle_seconds AS DOUBLE) AS handle_num
  FROM cleaned
)
SELECT *,
  nullif(concat_ws('; ',
    __error,
    CASE WHEN event_id IS NULL THEN 'event_id is missing: every event needs its idempotency key' END,
    CASE WHEN ticket_id IS NULL THEN 'ticket_id is missing' END,
    CASE WHEN type IS NULL THEN 'type is missing'
         WHEN NOT list_contains(['created','assigned','replied','commented','status_changed','transferred','escalated','resolved','reopened','closed','rated','updated'], type)
         THEN format('unknown event type "{}"; use one of created, assigned, replied, commented, status_changed, transferred, escalated, resolved, reopened, closed, rated, updated', type) END,
    CASE WHEN occurred_at IS NULL THEN 'occurred_at is missing'
         WHEN NOT has_offset AND getvariable('ingest_timezone')::VARCHAR IS NULL AND TRY_CAST(occurred_at AS TIMESTAMP) IS NOT NULL
         THEN format('occurred_at "{}" has no time zone; add an offset (e.g. +08:00) or declare the source''s zone with --timezone', occurred_at)
         WHEN occurred_ts IS NULL THEN format('occurred_at "{}" is not an ISO 8601 timestamp', occurred_at) END,
    CASE WHEN NOT list_contains(['agent','customer','system'], actor) THEN format('actor "{}" must be agent, customer or system', actor)
         WHEN type = 'replied' AND actor IS NULL THEN 'actor is missing: a reply needs agent, customer or system' END,
    CASE WHEN agent_id IS NULL AND (type = 'assigned' OR (type = 'replied' AND actor = 'agent'))
         THEN format('agent_id is missing: required for {}', CASE WHEN type = 'replied' THEN 'an agent reply' ELSE type END)
         -- a transfer names its target: an agent, or a team (a group move that names no person)
         WHEN type = 'transferred' AND agent_id IS NULL AND team_id IS NULL
         THEN 'agent_id and team_id are missing: a transfer names the agent or the team it goes to' END,
    CASE WHEN NOT list_contains(['new','open','pending','on_hold','resolved','closed'], status) THEN format('status "{}" must be new, open, pending, on_hold, resolved or closed', status)
         WHEN type = 'status_changed' AND status IS NULL THEN 'status is missing: required for status_changed' END,
    CASE WHEN NOT list_contains(['low','normal','high','urgent'], priority) THEN format('priority "{}" must be low, normal, high or urgent', priority) END,
    CASE WHEN rating IS NOT NULL AND (rating_num IS NULL OR NOT list_contains([1,2,3,4,5], rating_num)) THEN format('rating {} must be an integer 1..5', rating)
         WHEN type = 'rated' AND rating IS NULL THEN 'rating is missing: required for rated' END,
    CASE WHEN rating_dimension IS NOT NULL AND type IS DISTINCT FROM 'rated'
         THEN format('rating_dimension "{}" belongs to rated events only; remove it from this {} event', rating_dimension, coalesce(type, 'untyped'))
         -- the length apart: RE2 compiles {1,40} of these Unicode classes into 40 copies of them, about
         -- 1.3 s each time a statement reads this view (every ingest, however small, paid it 2-3 times)
         WHEN NOT regexp_full_match(rating_dimension, '[\p{L}\p{N}_-]+') OR length(rating_dimension) > 40
         THEN format('rating_dimension "{}" must be a key of 1 to 40 letters, digits, _ or - (e.g. speed, quality, attitude); leave it empty for the overall rating', rating_dimension) END,
    CASE WHEN handle_seconds IS NOT NULL AND (handle_num IS NULL OR handle_num < 0) THEN format('handle_seconds "{}" must be a number of seconds >= 0', handle_seconds) END,
    CASE WHEN attrs IS NOT NULL AND NOT coalesce(json_valid(attrs), false) THEN 'attrs is not valid JSON' END
  ), '') AS reason
FROM typed;
