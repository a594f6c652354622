-- B(t): the open seconds of a calendar before instant t, given the calendar_open_intervals row an
-- ASOF join matched for t (or none). A business duration is B(end) - B(start). One definition for
-- ticket derivation and for the metrics that measure a still running SLA clock.
CREATE MACRO open_seconds_until(before_s, start_at, end_at, t) AS
  coalesce(before_s + greatest(0, least(epoch(t) - epoch(start_at), epoch(end_at) - epoch(start_at))), 0);
