// What charts mark on their time axes and draw across them: the range's promotion days (the config's,
// which the forecaster and the problem growth also read) and holidays (of the calendars of the
// filter's teams, else of every calendar), and the config's KPI targets. All from the warehouse's copy
// of the config (sync-config.ts), so every screen and the models see the same dates.
import type { DuckDBConnection } from '@duckdb/node-api';
import { METRICS, type MetricKey } from './catalog.ts';
import { filterParams, valueListConditions, type MetricFilter } from './filter.ts';
import { queryRows } from './metric-sql.ts';
import type { Label } from './table.ts';

export interface CalendarMarker {
  /** Local date, YYYY-MM-DD. */
  date: string;
  kind: 'promotion' | 'holiday';
  /** The promotion's name in the config, or null. */
  name: string | null;
  /** For holidays: the calendars closed that day. */
  calendars: string[];
}

export interface KpiTarget { metric: MetricKey; value: number; label: Label }

export interface Annotations { markers: CalendarMarker[]; targets: KpiTarget[] }

async function setting<T>(db: DuckDBConnection, key: string, empty: T): Promise<T> {
  const rows = await queryRows(db, 'SELECT value FROM settings WHERE key = $key', { key });
  return typeof rows[0]?.value === 'string' ? (JSON.parse(rows[0].value) as T) : empty;
}

/** The calendars whose holidays count: those of the teams asked for (within the caller's scope), else every one. */
async function holidayCalendars(db: DuckDBConnection, filter: MetricFilter): Promise<Map<string, string[]>> {
  // The team filter and the scope as every metric binds and tests them (filter.ts); with neither,
  // also the calendars no team uses.
  const { team, scope_teams } = filterParams(filter);
  const rows = await queryRows(db, `SELECT c.calendar_id, CAST(c.definition AS VARCHAR) AS definition FROM calendars c
    WHERE ($team IS NULL AND $scope_teams IS NULL)
       OR c.calendar_id IN (SELECT calendar_id FROM teams WHERE ${valueListConditions([['team', 'team_id'], ['scope_teams', 'team_id']])})
    ORDER BY c.calendar_id`, { team: team ?? null, scope_teams: scope_teams ?? null });
  return new Map(rows.map((r) => [String(r.calendar_id), (JSON.parse(String(r.definition)) as { holidays?: string[] }).holidays ?? []]));
}

export async function annotations(db: DuckDBConnection, filter: MetricFilter): Promise<Annotations> {
  const within = (day: string) => day >= filter.from && day <= filter.to;
  const names = await setting<Record<string, string>>(db, 'promotion_names', {});
  const promotions = (await setting<string[]>(db, 'promotions', [])).filter(within)
    .map((date): CalendarMarker => ({ date, kind: 'promotion', name: names[date] ?? null, calendars: [] }));
  const closed = new Map<string, string[]>();
  for (const [calendar, days] of await holidayCalendars(db, filter)) {
    for (const day of days.filter(within)) closed.set(day, [...(closed.get(day) ?? []), calendar]);
  }
  const holidays = [...closed].map(([date, calendars]): CalendarMarker => ({ date, kind: 'holiday', name: null, calendars }));
  const targets = Object.entries(await setting<Record<string, number>>(db, 'targets', {})).flatMap(([metric, value]) => {
    const definition = METRICS.find((d) => d.key === metric);
    return definition ? [{ metric: metric as MetricKey, value, label: definition.label }] : [];
  });
  return { markers: [...promotions, ...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)), targets };
}
