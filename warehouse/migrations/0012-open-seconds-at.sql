-- B(t) of every calendar at one instant t (open_seconds_until over the interval an ASOF join finds
-- for t): for measures that run many tickets' clocks to the same instant, such as SLA clocks at
-- now, which then take B(t) - B(created) per ticket instead of looking B(t) up per ticket.
CREATE MACRO open_seconds_at(t) AS TABLE
  SELECT k.calendar_id, open_seconds_until(c.open_seconds_before, c.start_at, c.end_at, k.at) AS open_seconds
  FROM (SELECT DISTINCT calendar_id, t::TIMESTAMPTZ AS at FROM calendar_open_intervals) k
  ASOF LEFT JOIN calendar_open_intervals c ON c.calendar_id = k.calendar_id AND k.at >= c.start_at;
