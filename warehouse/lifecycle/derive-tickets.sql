-- Ticket derivation: recomputes tickets, ticket_status_spans and agent_replies for the tickets
-- listed in the temp table _derive_scope(ticket_id), from their events only. Every ordering is
-- by (occurred_at, type rank, event_id), so the result never depends on arrival order.

-- Open seconds of a calendar before instant t, given the ASOF-matched open interval (or none).
CREATE OR REPLACE TEMP MACRO open_seconds_until(before_s, start_at, end_at, t) AS
  coalesce(before_s + greatest(0, least(epoch(t) - epoch(start_at), epoch(end_at) - epoch(start_at))), 0);

CREATE OR REPLACE TEMP TABLE _derive_events AS
SELECT e.*,
       row_number() OVER (PARTITION BY e.ticket_id
                          ORDER BY e.occurred_at,
                                   list_position(['created','assigned','transferred','escalated','updated','commented','replied','resolved','reopened','status_changed','rated','closed'], e.type),
                                   e.event_id) AS seq
FROM events e SEMI JOIN _derive_scope s ON s.ticket_id = e.ticket_id;

-- The status each event leaves the ticket in (assigned opens a new ticket; nothing else moves it).
CREATE OR REPLACE TEMP TABLE _derive_status AS
WITH explicit AS (
  SELECT *,
         CASE type WHEN 'created' THEN 'new' WHEN 'status_changed' THEN status WHEN 'resolved' THEN 'resolved'
                   WHEN 'reopened' THEN 'open' WHEN 'closed' THEN 'closed' END AS set_status
  FROM _derive_events
), before AS (
  SELECT *,
         last_value(set_status IGNORE NULLS) OVER (PARTITION BY ticket_id ORDER BY seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS status_before
  FROM explicit
), moved AS (
  SELECT *,
         coalesce(set_status, CASE WHEN type = 'assigned' AND coalesce(status_before, 'new') = 'new' THEN 'open' END) AS moved_to
  FROM before
)
SELECT ticket_id, seq, occurred_at, team_id, agent_id, type,
       coalesce(last_value(moved_to IGNORE NULLS) OVER (PARTITION BY ticket_id ORDER BY seq
         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW), 'new') AS status_after
FROM moved;

CREATE OR REPLACE TEMP TABLE _derive_tickets AS
WITH assignments AS (
  SELECT ticket_id, seq,
         row_number() OVER w AS n,
         agent_id IS DISTINCT FROM lag(agent_id) OVER w OR team_id IS DISTINCT FROM lag(team_id) OVER w AS changed
  FROM _derive_events WHERE type = 'assigned'
  WINDOW w AS (PARTITION BY ticket_id ORDER BY seq)
), reassignments AS (
  SELECT ticket_id, count(*) FILTER (WHERE n > 1 AND changed) AS reassigned FROM assignments GROUP BY ticket_id
), base AS (
  SELECT ticket_id,
         coalesce(min(occurred_at) FILTER (WHERE type = 'created'), min(occurred_at)) AS created_at,
         bool_or(type = 'created') AS has_created_event,
         min(occurred_at) FILTER (WHERE type = 'assigned') AS first_assigned_at,
         min(occurred_at) FILTER (WHERE type = 'resolved') AS first_resolved_at,
         max(seq) FILTER (WHERE type = 'resolved') AS last_resolved_seq,
         max(seq) FILTER (WHERE type = 'reopened') AS last_reopened_seq,
         max(seq) FILTER (WHERE type = 'closed') AS last_closed_seq,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'resolved') AS last_resolved_at,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'closed') AS last_closed_at,
         max(occurred_at) AS last_event_at,
         arg_max(team_id, seq) FILTER (WHERE team_id IS NOT NULL) AS team_id,
         arg_max(agent_id, seq) FILTER (WHERE agent_id IS NOT NULL AND type IN ('created', 'assigned', 'transferred')) AS agent_id,
         coalesce(arg_min(team_id, seq) FILTER (WHERE team_id IS NOT NULL AND type = 'created'),
                  arg_min(team_id, seq) FILTER (WHERE team_id IS NOT NULL)) AS created_team_id,
         arg_min(channel, seq) FILTER (WHERE channel IS NOT NULL) AS channel,
         arg_max(problem_type, seq) FILTER (WHERE problem_type IS NOT NULL) AS problem_type,
         arg_max(problem_subtype, seq) FILTER (WHERE problem_subtype IS NOT NULL) AS problem_subtype,
         arg_max(product, seq) FILTER (WHERE product IS NOT NULL) AS product,
         arg_max(region, seq) FILTER (WHERE region IS NOT NULL) AS region,
         coalesce(arg_max(priority, seq) FILTER (WHERE priority IS NOT NULL), 'normal') AS priority,
         arg_min(customer_id, seq) FILTER (WHERE customer_id IS NOT NULL) AS customer_id,
         count(*) FILTER (WHERE type = 'reopened') AS reopen_count,
         count(*) FILTER (WHERE type = 'transferred') AS transferred_count,
         bool_or(type = 'escalated') AS escalated,
         count(*) FILTER (WHERE type = 'replied' AND actor = 'agent') AS agent_reply_count,
         arg_max(rating, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL) AS rating,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL) AS rated_at,
         arg_max({'comment': comment}, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL).comment AS rating_comment,  -- a struct: a last rating without comment still wins
         coalesce(sum(handle_seconds), 0) AS handle_seconds,
         count(*) AS event_count
  FROM _derive_events GROUP BY ticket_id
), responses AS (
  SELECT e.ticket_id, min(e.occurred_at) AS first_response_at
  FROM _derive_events e JOIN base b USING (ticket_id)
  WHERE e.type = 'replied' AND e.actor = 'agent' AND e.occurred_at >= b.created_at
  GROUP BY e.ticket_id
), status_now AS (
  SELECT ticket_id, arg_max(status_after, seq) AS status FROM _derive_status GROUP BY ticket_id
)
SELECT b.ticket_id, b.created_at, b.has_created_event, b.first_assigned_at, r.first_response_at, b.first_resolved_at,
       CASE WHEN b.last_resolved_seq > coalesce(b.last_reopened_seq, 0) THEN b.last_resolved_at END AS resolved_at,
       CASE WHEN b.last_closed_seq > coalesce(b.last_reopened_seq, 0) THEN b.last_closed_at END AS closed_at,
       b.last_event_at, s.status, b.team_id, b.agent_id, b.created_team_id, b.channel, b.problem_type, b.problem_subtype,
       b.product, b.region, b.priority, b.customer_id, b.reopen_count,
       b.transferred_count + coalesce(ra.reassigned, 0) AS transfer_count,
       b.escalated, b.agent_reply_count, b.rating, b.rated_at, b.rating_comment, b.handle_seconds,
       coalesce(t.calendar_id, (SELECT value FROM settings WHERE key = 'default_calendar'), 'default') AS calendar_id,
       b.event_count
FROM base b
JOIN status_now s USING (ticket_id)
LEFT JOIN responses r USING (ticket_id)
LEFT JOIN reassignments ra USING (ticket_id)
LEFT JOIN teams t ON t.team_id = b.team_id;

-- Business time: B(t) = open seconds of the calendar before instant t, found with one ASOF join;
-- a business duration is B(end) - B(start).
CREATE OR REPLACE TEMP TABLE _derive_instants AS
SELECT i.ticket_id, i.k, i.t,
       open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.t) AS b
FROM (
  SELECT ticket_id, calendar_id, k, t FROM _derive_tickets
  UNPIVOT (t FOR k IN (created_at, first_response_at, resolved_at, first_resolved_at))
) i
ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = i.calendar_id AND i.t >= c.start_at;

DELETE FROM tickets WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO tickets BY NAME
WITH b AS (
  SELECT ticket_id,
         max(b) FILTER (WHERE k = 'created_at') AS b_created,
         max(b) FILTER (WHERE k = 'first_response_at') AS b_response,
         max(b) FILTER (WHERE k = 'resolved_at') AS b_resolved,
         max(b) FILTER (WHERE k = 'first_resolved_at') AS b_first_resolved
  FROM _derive_instants GROUP BY ticket_id
)
SELECT t.*,
       epoch(t.first_response_at) - epoch(t.created_at) AS first_response_seconds,
       b.b_response - b.b_created AS first_response_business_seconds,
       epoch(t.resolved_at) - epoch(t.created_at) AS resolution_seconds,
       b.b_resolved - b.b_created AS resolution_business_seconds,
       epoch(t.first_resolved_at) - epoch(t.created_at) AS first_resolution_seconds,
       b.b_first_resolved - b.b_created AS first_resolution_business_seconds
FROM _derive_tickets t JOIN b USING (ticket_id);

-- Status spans: a new span wherever the status after an event differs from the one before.
CREATE OR REPLACE TEMP TABLE _derive_spans AS
WITH marked AS (
  SELECT s.*, d.calendar_id,
         last_value(s.team_id IGNORE NULLS) OVER w AS team_now,
         last_value(s.agent_id IGNORE NULLS) OVER w AS agent_now,
         s.status_after IS DISTINCT FROM lag(s.status_after) OVER (PARTITION BY s.ticket_id ORDER BY s.seq) AS starts
  FROM _derive_status s JOIN _derive_tickets d USING (ticket_id)
  WINDOW w AS (PARTITION BY s.ticket_id ORDER BY s.seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT ticket_id, calendar_id, status_after AS status, team_now AS team_id, agent_now AS agent_id,
       occurred_at AS started_at,
       lead(occurred_at) OVER (PARTITION BY ticket_id ORDER BY seq) AS ended_at
FROM marked WHERE starts;

DELETE FROM ticket_status_spans WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO ticket_status_spans BY NAME
SELECT s.ticket_id, s.status, s.team_id, s.agent_id, s.started_at, s.ended_at,
       epoch(s.ended_at) - epoch(s.started_at) AS seconds,
       CASE WHEN s.ended_at IS NOT NULL THEN
         open_seconds_until(ce.open_seconds_before, ce.start_at, ce.end_at, s.ended_at)
         - open_seconds_until(cs.open_seconds_before, cs.start_at, cs.end_at, s.started_at)
       END AS business_seconds
FROM _derive_spans s
ASOF LEFT JOIN calendar_open_intervals cs ON cs.calendar_id = s.calendar_id AND s.started_at >= cs.start_at
ASOF LEFT JOIN calendar_open_intervals ce ON ce.calendar_id = s.calendar_id AND s.ended_at >= ce.start_at;

-- Agent replies, each with the wait since the customer's last message before it (or creation).
CREATE OR REPLACE TEMP TABLE _derive_replies AS
WITH marked AS (
  SELECT e.* EXCLUDE (team_id), d.created_at, d.calendar_id,
         last_value(e.team_id IGNORE NULLS) OVER (PARTITION BY e.ticket_id ORDER BY e.seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS team_id,
         last_value(CASE WHEN e.actor = 'customer' AND e.type IN ('replied', 'commented') THEN e.occurred_at END IGNORE NULLS)
           OVER (PARTITION BY e.ticket_id ORDER BY e.seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS customer_at
  FROM _derive_events e JOIN _derive_tickets d USING (ticket_id)
)
SELECT ticket_id, event_id, agent_id, team_id, occurred_at AS replied_at, calendar_id, handle_seconds,
       greatest(coalesce(customer_at, created_at), created_at) AS waiting_since
FROM marked WHERE type = 'replied' AND actor = 'agent' AND occurred_at >= created_at;

DELETE FROM agent_replies WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO agent_replies BY NAME
SELECT r.ticket_id, r.event_id, r.agent_id, r.team_id, r.replied_at, r.waiting_since, r.handle_seconds,
       epoch(r.replied_at) - epoch(r.waiting_since) AS wait_seconds,
       open_seconds_until(ce.open_seconds_before, ce.start_at, ce.end_at, r.replied_at)
       - open_seconds_until(cs.open_seconds_before, cs.start_at, cs.end_at, r.waiting_since)
         AS wait_business_seconds
FROM _derive_replies r
ASOF LEFT JOIN calendar_open_intervals cs ON cs.calendar_id = r.calendar_id AND r.waiting_since >= cs.start_at
ASOF LEFT JOIN calendar_open_intervals ce ON ce.calendar_id = r.calendar_id AND r.replied_at >= ce.start_at;

DROP TABLE _derive_events; DROP TABLE _derive_status; DROP TABLE _derive_tickets;
DROP TABLE _derive_instants; DROP TABLE _derive_spans; DROP TABLE _derive_replies;
