-- Ticket derivation: recomputes tickets, ticket_status_spans, agent_replies and agent_assignments for the tickets
-- listed in the temp table _derive_scope(ticket_id, tk), tk a dense integer key in ticket_id
-- order, from their events only. Every ordering is by (occurred_at, source_seq, type rank,
-- event_id): at one instant the source's own order first (events.source_seq: a minute-resolution
-- export puts resolve, reopen and re-resolve in one minute), the type rank where the source gives
-- none; so the result never depends on arrival order. Speed: events are read once (needed columns
-- only) and sorted once; every running value is a window over that one sort, and later steps key on
-- the integer tk. Rows are written in tk order: a later re-derivation's DELETE then skips, by their
-- min/max, the row groups of other tickets instead of reading every ticket_id of the table.

-- The status a prefix of events leaves the ticket in: the last explicit status, except that an
-- assignment since opens a ticket that is new as created, and agent work since (an assignment,
-- transfer to an agent, escalation or agent reply) opens a resolved or closed one: a reopen (design.md).
-- 'queued' is the source's own status_changed to new: the ticket waits in new, whoever's name is on it.
CREATE OR REPLACE TEMP MACRO status_of(last_set, assigned_since, worked_since) AS
  CASE WHEN last_set = 'queued' THEN 'new'
       WHEN coalesce(last_set, 'new') = 'new' AND assigned_since THEN 'open'
       WHEN last_set IN ('resolved', 'closed') AND worked_since THEN 'open'
       ELSE coalesce(last_set, 'new') END;

-- The events of the scope, with what the running values below need of each. A table for a small
-- scope, a view for a large one ({{scoped}}, derive-tickets.ts).
CREATE OR REPLACE TEMP {{scoped}} _derive_scoped AS
  SELECT s.tk, e.event_id, e.type, e.occurred_at, e.source_seq, e.actor, e.agent_id, e.team_id, e.channel, e.problem_type,
         e.problem_subtype, e.product, e.region, e.priority, e.customer_id,
         -- a rating of one dimension (speed, quality, ...) is not the ticket's overall rating (migrations/0029)
         CASE WHEN e.rating_dimension IS NULL THEN e.rating END AS rating, e.comment, e.handle_seconds,
         -- an assignment that changes agent or team is a transfer (design.md), unless the event's source
         -- declared what a transfer is and sent each as `transferred` (ingest_runs.transfer_rule)
         e.type = 'assigned' AND ir.transfer_rule IS NULL AS may_reassign,
         event_type_rank(e.type) AS type_rank,  -- migrations/0017
         CASE e.type WHEN 'created' THEN 'new' WHEN 'status_changed' THEN CASE e.status WHEN 'new' THEN 'queued' ELSE e.status END
                     WHEN 'resolved' THEN 'resolved' WHEN 'reopened' THEN 'open' WHEN 'closed' THEN 'closed' END AS set_status,
         -- false at an explicit status, true at an assignment / at agent work: their last values say
         -- whether one came after the last explicit status
         CASE WHEN set_status IS NOT NULL THEN false WHEN e.type = 'assigned' THEN true END AS assigned_mark,
         CASE WHEN set_status IS NOT NULL THEN false
              -- a transfer to a team alone (a group move naming no person) is no one's work yet
              WHEN e.type IN ('assigned', 'escalated') OR (e.type = 'transferred' AND e.agent_id IS NOT NULL)
                   OR (e.type = 'replied' AND e.actor = 'agent') THEN true END AS work_mark,
         fs.rule AS source_rule
  FROM events e JOIN _derive_scope s ON s.ticket_id = e.ticket_id
  -- what the event's source counts as first response (migrations/0016; none: it measures none)
  LEFT JOIN ingest_runs ir ON ir.run_id = e.run_id
  LEFT JOIN first_response_sources fs ON fs.mapping = coalesce(ir.mapping, '');

-- Every event of the scope in ticket order, with the state after it. All windows share one sort:
-- w ends at the event, wp just before it, wall spans the ticket.
CREATE OR REPLACE TEMP TABLE _derive_events AS
WITH running AS (
  SELECT * EXCLUDE (source_seq, type_rank, set_status, assigned_mark, work_mark, source_rule),
         row_number() OVER w AS seq,
         status_of(last_value(set_status IGNORE NULLS) OVER w, last_value(assigned_mark IGNORE NULLS) OVER w,
                   last_value(work_mark IGNORE NULLS) OVER w) AS status_after,
         status_of(last_value(set_status IGNORE NULLS) OVER wp, last_value(assigned_mark IGNORE NULLS) OVER wp,
                   last_value(work_mark IGNORE NULLS) OVER wp) AS status_before,
         -- the last event at its instant: the status it leaves is the one the ticket holds from then on
         lead(occurred_at) OVER w IS DISTINCT FROM occurred_at AS ends_instant,
         last_value(CASE WHEN type = 'assigned' THEN {'agent_id': agent_id, 'team_id': team_id} END IGNORE NULLS) OVER wp AS prev_assignment,
         last_value(team_id IGNORE NULLS) OVER w AS team_now,
         last_value(agent_id IGNORE NULLS) OVER w AS agent_now,
         -- only read at agent replies, which are no customer message themselves
         last_value(CASE WHEN actor = 'customer' AND type IN ('replied', 'commented') THEN occurred_at END IGNORE NULLS) OVER w AS customer_at,
         coalesce(min(occurred_at) FILTER (WHERE type = 'created') OVER wall, min(occurred_at) OVER wall) AS created_at,
         last_value(team_id IGNORE NULLS) OVER wall AS final_team_id,
         -- a ticket is measured by the rule of the first of its events whose source has one
         first_value(source_rule IGNORE NULLS) OVER wall AS first_response_rule
  FROM _derive_scoped
  -- NULLS FIRST: an event without a place in the source's order (a synthetic created) leads its instant
  WINDOW w AS (PARTITION BY tk ORDER BY occurred_at, source_seq NULLS FIRST, type_rank, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
         wp AS (PARTITION BY tk ORDER BY occurred_at, source_seq NULLS FIRST, type_rank, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
         wall AS (PARTITION BY tk ORDER BY occurred_at, source_seq NULLS FIRST, type_rank, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT r.* EXCLUDE (status_before, prev_assignment, final_team_id),
       -- a resolved or closed ticket back in a working status without a reopened event: agent work
       -- or a status change reopened it
       r.type <> 'reopened' AND r.status_before IN ('resolved', 'closed') AND r.status_after IN ('new', 'open', 'pending', 'on_hold') AS reopens,
       r.may_reassign AND r.prev_assignment IS NOT NULL
         AND (r.prev_assignment.agent_id IS DISTINCT FROM r.agent_id OR r.prev_assignment.team_id IS DISTINCT FROM r.team_id) AS reassigned,
       -- a candidate first response under the ticket's rule (first-response-rule.ts): its first one is the response
       r.occurred_at >= r.created_at AND CASE split_part(r.first_response_rule, ':', 1)
         WHEN 'reply' THEN r.type = 'replied' AND r.actor = 'agent'
         WHEN 'assignment' THEN r.type IN ('assigned', 'transferred') AND r.agent_id IS NOT NULL
         WHEN 'status' THEN r.type <> 'created' AND list_contains(string_split(split_part(r.first_response_rule, ':', 2), '|'), r.status_after)
         WHEN 'event' THEN r.type = split_part(r.first_response_rule, ':', 2) AND r.actor IS DISTINCT FROM 'customer'
         ELSE false END AS responds,
       ticket_calendar(dt.calendar_id, t.calendar_id, dd.calendar_id) AS calendar_id  -- migrations/0020
FROM running r LEFT JOIN teams t ON t.team_id = r.final_team_id
LEFT JOIN (SELECT s.tk, c.team_id, c.calendar_id FROM ticket_calendars c JOIN _derive_scope s USING (ticket_id) WHERE c.team_id IS NOT NULL) dt
  ON dt.tk = r.tk AND dt.team_id = r.final_team_id
LEFT JOIN (SELECT s.tk, c.calendar_id FROM ticket_calendars c JOIN _derive_scope s USING (ticket_id) WHERE c.team_id IS NULL) dd ON dd.tk = r.tk;

-- Status spans: the status a ticket holds from an instant on is the one its last event at that
-- instant leaves; a new span starts at each instant where that differs from the one before. A
-- status passed through within one instant (created and assigned together, resolve-reopen-resolve
-- in one minute) is held for no time and gets no span: time in New counts only tickets that waited
-- in New. The business time at each start is looked up once and the end's is the next start's.
-- Kept for the tickets (time in each status) and written to ticket_status_spans after them.
CREATE OR REPLACE TEMP TABLE _derive_spans AS
WITH instants AS (
  SELECT tk, seq, status_after, team_now, agent_now, occurred_at, calendar_id,
         lag(status_after) OVER (PARTITION BY tk ORDER BY seq) AS status_held_before
  FROM _derive_events WHERE ends_instant
), starts AS (
  SELECT e.tk, e.seq, e.status_after AS status, e.team_now AS team_id, e.agent_now AS agent_id, e.occurred_at AS started_at,
         open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, e.occurred_at) AS b_started
  FROM (FROM instants WHERE status_after IS DISTINCT FROM status_held_before) e
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = e.calendar_id AND e.occurred_at >= c.start_at
), spans AS (
  SELECT *, lead(started_at) OVER w AS ended_at, lead(b_started) OVER w AS b_ended
  FROM starts WINDOW w AS (PARTITION BY tk ORDER BY seq)
)
SELECT tk, seq, status, team_id, agent_id, started_at, ended_at,
       epoch(ended_at) - epoch(started_at) AS seconds,
       b_ended - b_started AS business_seconds
FROM spans;

DELETE FROM tickets WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO tickets BY NAME
WITH base AS MATERIALIZED (
  SELECT tk,
         any_value(created_at) AS created_at,
         bool_or(type = 'created') AS has_created_event,
         min(occurred_at) FILTER (WHERE type = 'assigned') AS first_assigned_at,
         any_value(first_response_rule) AS first_response_rule,
         min(occurred_at) FILTER (WHERE responds) AS first_response_at,
         -- who responded: a reply's sender, else the agent holding the ticket then
         arg_min(CASE WHEN type = 'replied' THEN agent_id ELSE agent_now END, seq) FILTER (WHERE responds) AS first_response_agent_id,
         arg_min(team_now, seq) FILTER (WHERE responds) AS first_response_team_id,
         min(occurred_at) FILTER (WHERE type = 'resolved') AS first_resolved_at,
         max(seq) FILTER (WHERE type = 'resolved') AS last_resolved_seq,
         max(seq) FILTER (WHERE type = 'reopened' OR reopens) AS last_reopened_seq,
         max(seq) FILTER (WHERE type = 'closed') AS last_closed_seq,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'resolved') AS last_resolved_at,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'closed') AS last_closed_at,
         max(occurred_at) AS last_event_at,
         arg_max(status_after, seq) AS status,
         arg_max(team_now, seq) AS team_id,
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
         count(*) FILTER (WHERE type = 'reopened' OR reopens) AS reopen_count,
         count(*) FILTER (WHERE type = 'transferred' OR reassigned) AS transfer_count,
         bool_or(type = 'escalated') AS escalated,
         count(*) FILTER (WHERE type = 'replied' AND actor = 'agent') AS agent_reply_count,
         arg_max(rating, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL) AS rating,
         arg_max(occurred_at, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL) AS rated_at,
         arg_max({'comment': comment}, seq) FILTER (WHERE type = 'rated' AND rating IS NOT NULL).comment AS rating_comment,  -- a struct: a last rating without comment still wins
         coalesce(sum(handle_seconds), 0) AS handle_seconds,
         any_value(calendar_id) AS calendar_id,
         count(*) AS event_count
  FROM _derive_events GROUP BY tk
), ticket AS MATERIALIZED (
  SELECT b.* EXCLUDE (last_resolved_seq, last_reopened_seq, last_closed_seq, last_resolved_at, last_closed_at),
         CASE WHEN b.last_resolved_seq > coalesce(b.last_reopened_seq, 0) THEN b.last_resolved_at END AS resolved_at,
         CASE WHEN b.last_closed_seq > coalesce(b.last_reopened_seq, 0) THEN b.last_closed_at END AS closed_at
  FROM base b
), in_status AS (
  -- Time in each working status: its finished spans, summed (null: never in it, or still in it);
  -- columns new_seconds, new_business_seconds, open_seconds, ...
  PIVOT (FROM _derive_spans WHERE ended_at IS NOT NULL) ON status IN ('new', 'open', 'pending', 'on_hold')
  USING sum(seconds) AS seconds, sum(business_seconds) AS business_seconds GROUP BY tk
), business AS (
  -- Business time: B(t) = open seconds of the calendar before instant t, all four instants of
  -- every ticket in one ASOF join; a business duration is B(end) - B(start).
  SELECT i.tk,
         max(open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.t)) FILTER (WHERE i.k = 'created_at') AS b_created,
         max(open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.t)) FILTER (WHERE i.k = 'first_response_at') AS b_response,
         max(open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.t)) FILTER (WHERE i.k = 'resolved_at') AS b_resolved,
         max(open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, i.t)) FILTER (WHERE i.k = 'first_resolved_at') AS b_first_resolved
  FROM (
    SELECT tk, calendar_id, k, t FROM (SELECT tk, calendar_id, created_at, first_response_at, resolved_at, first_resolved_at FROM ticket)
    UNPIVOT (t FOR k IN (created_at, first_response_at, resolved_at, first_resolved_at))
  ) i
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = i.calendar_id AND i.t >= c.start_at
  GROUP BY i.tk
)
SELECT s.ticket_id, t.* EXCLUDE (tk), i.* EXCLUDE (tk),
       epoch(t.first_response_at) - epoch(t.created_at) AS first_response_seconds,
       b.b_response - b.b_created AS first_response_business_seconds,
       epoch(t.resolved_at) - epoch(t.created_at) AS resolution_seconds,
       b.b_resolved - b.b_created AS resolution_business_seconds,
       epoch(t.first_resolved_at) - epoch(t.created_at) AS first_resolution_seconds,
       b.b_first_resolved - b.b_created AS first_resolution_business_seconds
FROM ticket t JOIN business b USING (tk) JOIN _derive_scope s USING (tk) LEFT JOIN in_status i USING (tk)
ORDER BY tk;

DELETE FROM ticket_status_spans WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO ticket_status_spans BY NAME
SELECT s.ticket_id, p.status, p.team_id, p.agent_id, p.started_at, p.ended_at, p.seconds, p.business_seconds
FROM _derive_spans p JOIN _derive_scope s USING (tk)
ORDER BY tk, p.seq;

-- Agent replies, each with the wait since the customer's last message before it (or creation).
DELETE FROM agent_replies WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO agent_replies BY NAME
WITH replies AS (
  SELECT tk, event_id, agent_id, team_now AS team_id, occurred_at AS replied_at, calendar_id, handle_seconds,
         greatest(coalesce(customer_at, created_at), created_at) AS waiting_since
  FROM _derive_events WHERE type = 'replied' AND actor = 'agent' AND occurred_at >= created_at
)
SELECT s.ticket_id, r.event_id, r.agent_id, r.team_id, r.replied_at, r.waiting_since, r.handle_seconds,
       epoch(r.replied_at) - epoch(r.waiting_since) AS wait_seconds,
       open_seconds_until(ce.open_seconds_before, ce.start_at, ce.end_at, r.replied_at)
       - open_seconds_until(cs.open_seconds_before, cs.start_at, cs.end_at, r.waiting_since)
         AS wait_business_seconds
FROM replies r
JOIN _derive_scope s USING (tk)
ASOF LEFT JOIN calendar_open_intervals cs ON cs.calendar_id = r.calendar_id AND r.waiting_since >= cs.start_at
ASOF LEFT JOIN calendar_open_intervals ce ON ce.calendar_id = r.calendar_id AND r.replied_at >= ce.start_at
ORDER BY tk, r.replied_at;

-- Assignments to an agent, in the team the ticket was in then (migrations/0038), each with its end
-- (0039): the ticket's next assignment or, if earlier, its done instant (the ticket just written: its last
-- event is after the scope's first, a bound that skips the row groups of tickets done before).
DELETE FROM agent_assignments WHERE ticket_id IN (SELECT ticket_id FROM _derive_scope);
INSERT INTO agent_assignments BY NAME
SELECT s.ticket_id, e.seq, e.occurred_at AS assigned_at, e.agent_id, e.team_now AS team_id,
       least(lead(e.occurred_at) OVER (PARTITION BY e.tk ORDER BY e.seq), {{done_at:t}}) AS ends_at
FROM _derive_events e JOIN _derive_scope s USING (tk)
JOIN (FROM tickets WHERE last_event_at >= (SELECT min(occurred_at) FROM _derive_events)) t ON t.ticket_id = s.ticket_id
WHERE e.type IN ('created', 'assigned', 'transferred') AND e.agent_id IS NOT NULL
ORDER BY e.tk, e.seq;

DROP TABLE _derive_events;
DROP TABLE _derive_spans;
DROP {{scoped}} _derive_scoped;
