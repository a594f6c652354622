-- The business calendar a mapping or `deskpulse ingest --calendar` declared for the tickets of a
-- batch (issue 16): one row per ticket for the source's default (team_id null) and one per team the
-- mapping names. Derivation picks, for a ticket's final team: the declared team row, the config's
-- team calendar, the declared default, then the config's default_calendar.
CREATE TABLE ticket_calendars (
  ticket_id   VARCHAR NOT NULL,
  team_id     VARCHAR,            -- null: every team of the ticket without its own calendar
  calendar_id VARCHAR NOT NULL
);
