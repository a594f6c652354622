// What every rule evaluation gets besides the rule: the warehouse connection, the instant it is
// evaluated at (tests and the bench replay pass past ones) and the calendar facts of the config.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeskPulseConfig } from '../../warehouse/config.ts';

export interface RuleContext {
  db: DuckDBConnection;
  now: Date;
  timezone: string;
  /** Local days (YYYY-MM-DD) of promotions and of the default calendar's holidays. */
  promotions: Set<string>;
  holidays: Set<string>;
}

export function ruleContext(db: DuckDBConnection, config: DeskPulseConfig, now: Date): RuleContext {
  const calendar = config.calendars.find((c) => c.id === config.default_calendar);
  return { db, now, timezone: config.timezone, promotions: new Set(config.promotions.map((p) => p.date)), holidays: new Set(calendar?.holidays ?? []) };
}
