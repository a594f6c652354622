// Forecast benchmark (`npm run bench -- forecast [--db FILE] [--synthetic] [--tickets-per-day N]`):
// per queue, the chosen model's MASE and WAPE on the last 14 days held out, at 60 minutes and
// daily, beside seasonal naive; and the time of forecast + backtest of all queues. Prints JSON.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { DOUBLE, LIST, VARCHAR, listValue } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import { Warehouse } from '../../warehouse/database.ts';
import type { CanonicalEvent } from '../../warehouse/event-model.ts';
import { forecastQueues, type ForecastQueuesResult } from '../../forecasting/forecast.ts';
import { loadDispatchQueues, readForecastSettings } from '../../forecasting/forecast-config.ts';
import { loadSyntheticWarehouse } from '../forecasting/fixtures/synthetic-warehouse.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    synthetic: { type: 'boolean', default: false },
    'tickets-per-day': { type: 'string', default: '1000' },
    days: { type: 'string', default: '365' },
    end: { type: 'string' },
    holdout: { type: 'string', default: '14' },
    config: { type: 'string', default: 'config/deskpulse.yaml' },
  },
});

interface CalendarConfig { timezone?: string; hours: Record<string, string[]>; holidays?: (string | Date)[] }
interface DeskPulseYaml { timezone: string; calendars: Record<string, CalendarConfig>; teams: { id: string; calendar: string }[] }
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString()).slice(0, 10);

/** Calendars, teams and open intervals from the config, over the data's days and a month more. */
async function loadCalendars(warehouse: Warehouse, config: DeskPulseYaml, first: string, days: number): Promise<void> {
  for (const [id, cal] of Object.entries(config.calendars)) {
    const zone = cal.timezone ?? config.timezone;
    const holidays = (cal.holidays ?? []).map(iso);
    await warehouse.db.run('INSERT INTO calendars VALUES ($id, $zone, $definition::JSON)',
      { id, zone, definition: JSON.stringify({ hours: cal.hours, holidays }) });
    const starts: number[] = [];
    const ends: number[] = [];
    const before: number[] = [];
    let open = 0;
    for (let d = 0, day = DateTime.fromISO(first, { zone }); d < days + 31; d++, day = day.plus({ days: 1 })) {
      if (holidays.includes(day.toISODate()!)) continue;
      for (const span of cal.hours[WEEKDAYS[day.weekday - 1]!] ?? []) {
        const [from, to] = span.split('-').map((hm) => hm.split(':').map(Number)) as [number[], number[]];
        const s = day.set({ hour: from[0]!, minute: from[1]! }).toMillis();
        const e = day.set({ hour: to[0]!, minute: to[1]! }).toMillis();
        starts.push(s); ends.push(e); before.push(open);
        open += (e - s) / 1000;
      }
    }
    await warehouse.db.run(`INSERT INTO calendar_open_intervals
      SELECT $id, to_timestamp(unnest($s) / 1000), to_timestamp(unnest($e) / 1000), unnest($b)`,
    { id, s: listValue(starts), e: listValue(ends), b: listValue(before) }, { s: LIST(DOUBLE), e: LIST(DOUBLE), b: LIST(DOUBLE) });
  }
  for (const t of config.teams) await warehouse.db.run('INSERT INTO teams VALUES ($id, $id, $id, $cal)', { id: t.id, cal: t.calendar });
}

/** The demo generator's tickets (from their `created` events), straight into the tickets table. */
async function loadDemo(warehouse: Warehouse, config: DeskPulseYaml, days: number, ticketsPerDay: number, end?: string): Promise<{ tickets: number; first: string }> {
  const { generateDemo } = await import('../../ingest/demo/generate-demo.ts');
  const seen = new Set<string>();
  const cols = { id: [] as string[], at: [] as number[], channel: [] as string[], type: [] as string[], team: [] as string[] };
  for (const day of generateDemo({ days, ticketsPerDay, seed: 1, config: config as never, ...(end ? { end } : {}) }) as Iterable<CanonicalEvent[]>) {
    for (const e of day) {
      if (e.type !== 'created' || seen.has(e.ticket_id)) continue;
      seen.add(e.ticket_id);
      cols.id.push(e.ticket_id); cols.at.push(Date.parse(e.occurred_at)); cols.channel.push(e.channel ?? '');
      cols.type.push(e.problem_type ?? ''); cols.team.push(e.team_id ?? '');
    }
  }
  await warehouse.db.run(`
    INSERT INTO tickets (ticket_id, created_at, has_created_event, last_event_at, status, created_team_id, team_id, channel,
      problem_type, priority, reopen_count, transfer_count, escalated, agent_reply_count, handle_seconds, calendar_id, event_count)
    SELECT id, to_timestamp(created_ms / 1000), true, to_timestamp(created_ms / 1000), 'open', team, team, channel, type, 'normal', 0, 0, false, 0, 0, 'office', 1
    FROM (SELECT unnest($id) AS id, unnest($at) AS created_ms, unnest($channel) AS channel, unnest($type) AS type, unnest($team) AS team)`,
  { id: listValue(cols.id), at: listValue(cols.at), channel: listValue(cols.channel), type: listValue(cols.type), team: listValue(cols.team) },
  { id: LIST(VARCHAR), at: LIST(DOUBLE), channel: LIST(VARCHAR), type: LIST(VARCHAR), team: LIST(VARCHAR) });
  const first = DateTime.fromMillis(cols.at.reduce((a, b) => Math.min(a, b)), { zone: config.timezone }).toISODate()!;
  return { tickets: cols.id.length, first };
}

async function prepare(): Promise<{ warehouse: Warehouse; source: string; tickets: number | null }> {
  if (args.db) return { warehouse: await Warehouse.open(args.db), source: `warehouse ${args.db}`, tickets: null };
  const warehouse = await Warehouse.open(':memory:');
  const config = parse(readFileSync(args.config!, 'utf8')) as DeskPulseYaml;
  const days = Number(args.days);
  if (!args.synthetic) {
    try {
      const { tickets, first } = await loadDemo(warehouse, config, days, Number(args['tickets-per-day']), args.end);
      await loadCalendars(warehouse, config, first, days);
      return { warehouse, source: `demo generator, ${days} days, ${args['tickets-per-day']} tickets/day`, tickets };
    } catch (err) {
      process.stderr.write(`demo generator unavailable (${(err as Error).message.split('\n')[0]}); using synthetic arrivals\n`);
    }
  }
  const start = DateTime.now().setZone(config.timezone).minus({ days }).toISODate()!;
  const tickets = await loadSyntheticWarehouse(warehouse, {
    start, days, zone: config.timezone, holidays: (config.calendars.office?.holidays ?? []).map(iso), promotions: ['2026-06-18', '2026-11-11'],
    queues: [
      { team: 'returns', problemType: 'return_exchange', channels: ['web', 'app', 'phone'], calendar: 'extended', peakPerHour: 30 },
      { team: 'logistics', problemType: 'logistics', channels: ['chat', 'app'], calendar: 'extended', peakPerHour: 25 },
      { team: 'quality', problemType: 'product_quality', channels: ['phone', 'email'], calendar: 'office', peakPerHour: 14 },
      { team: 'install', problemType: 'installation', channels: ['phone'], calendar: 'office', peakPerHour: 10 },
      { team: 'presales', problemType: 'pre_sales', channels: ['chat'], calendar: 'extended', peakPerHour: 18 },
      { team: 'escalations', problemType: 'complaint', channels: ['phone'], calendar: 'office', peakPerHour: 6 },
    ],
  });
  return { warehouse, source: `synthetic, ${days} days`, tickets };
}

const r3 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);

function accuracy(result: ForecastQueuesResult) {
  return result.queues.map((q) => {
    const h = q.holdout!;
    return {
      queue: q.queue.id,
      chosen: q.forecast.model,
      mase: r3(h.chosen.mase), wape: r3(h.chosen.wape), coverage: r3(h.chosen.coverage),
      seasonalNaive: { mase: r3(h.baseline.mase), wape: r3(h.baseline.wape) },
      beatsBaseline: h.chosen.mase < h.baseline.mase,
      models: Object.fromEntries(h.scores.map((s) => [s.model, { mase: r3(s.mase), wape: r3(s.wape), coverage: r3(s.coverage) }])),
      periods: h.chosen.periods,
    };
  });
}

const setupStart = performance.now();
const { warehouse, source, tickets } = await prepare();
const setupSeconds = (performance.now() - setupStart) / 1000;
const settings = readForecastSettings(args.config);
const dispatch = loadDispatchQueues(settings.dispatchRulesPath);
const holdout = Number(args.holdout);
const base = { db: warehouse, config: settings.config, dispatch };

const out: Record<string, unknown> = { source, tickets, cpus: availableParallelism(), setupSeconds: r3(setupSeconds), holdoutDays: holdout };
const accuracyOut: Record<string, unknown> = {};
const holdoutSeconds: Record<string, number | null> = {};
for (const interval of ['60m', 'daily']) {
  const started = performance.now();
  const result = await forecastQueues({ ...base, interval, holdout });
  holdoutSeconds[interval] = r3((performance.now() - started) / 1000);
  accuracyOut[interval] = accuracy(result);
  if (result.skipped.length > 0) out[`skipped ${interval}`] = result.skipped;
}
out.accuracy = accuracyOut;
// Forecast + backtest of every queue over a year of hourly history, as `deskpulse forecast` runs it.
const t0 = performance.now();
const run = await forecastQueues({ ...base, interval: '60m', horizon: '14d' });
out.timing = {
  queues: run.queues.length,
  hourlyPeriodsPerQueue: run.queues.map((q) => Math.round((q.forecast.historyEnd - q.forecast.historyStart) / 3_600_000)),
  seconds: r3((performance.now() - t0) / 1000),
  targetSeconds: 10,
  // The first (cold) runs: backtest + forecast at the cut + every model scored on the held-out days.
  holdoutSeconds,
  storedRun: run.runId,
};
warehouse.close();
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
