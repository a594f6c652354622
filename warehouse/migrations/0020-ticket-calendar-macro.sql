-- The business calendar a ticket is timed on, the one definition of the order for derivation and
-- `deskpulse rederive`: the calendar declared for the ticket's team (a mapping's calendars.team), the
-- config's team calendar, the calendar declared for the ticket (calendar:, ingest --calendar), the
-- config's default_calendar.
CREATE MACRO ticket_calendar(declared_for_team, team_calendar, declared_for_ticket) AS
  coalesce(declared_for_team, team_calendar, declared_for_ticket,
           (SELECT value FROM settings WHERE key = 'default_calendar'), 'default');
