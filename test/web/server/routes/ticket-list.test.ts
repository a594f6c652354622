// GET /api/tickets, the tickets behind a chart mark, against the hand-made week of people-week.ts:
// every mark's number (Pareto bar, day of a trend, weekday x hour cell, FRT bucket, live count)
// lists exactly that many tickets, team leads see their teams only, and the export has every row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Warehouse } from '../../../../warehouse/database.ts';
import { FilterError } from '../../../../warehouse/metrics/filter.ts';
import type { AppContext } from '../../../../web/server/app.ts';
import type { Principal } from '../../../../web/server/metric-query.ts';
import { ForbiddenError } from '../../../../web/server/auth/forbidden-error.ts';
import { MetricCache } from '../../../../web/server/metric-cache.ts';
import { ticketListRoutes } from '../../../../web/server/routes/ticket-list.ts';
import { problemRoutes } from '../../../../web/server/routes/problems.ts';
import { timeseriesRoutes } from '../../../../web/server/routes/timeseries.ts';
import { distributionRoutes } from '../../../../web/server/routes/distributions.ts';
import { liveRoutes } from '../../../../web/server/routes/live.ts';
import { satisfactionRoutes } from '../../../../web/server/routes/satisfaction.ts';
import '../../../../web/server/auth/request-principal.ts';
import { peopleWarehouse } from '../../../warehouse/metrics/fixtures/people-week.ts';

let w: Warehouse;
let app: FastifyInstance;
beforeAll(async () => {
  w = await peopleWarehouse();
  app = Fastify({ ajv: { customOptions: { removeAdditional: false } } });
  // Stands in for the auth plugin: the principal comes from test headers.
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request) => {
    const teams = request.headers['x-teams'] as string | undefined;
    request.principal = { role: (request.headers['x-role'] as Principal['role']) ?? 'admin', teams: teams ? teams.split(',') : null, tokenId: null };
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof FilterError) return reply.status(400).send({ error: 'FilterError', message: error.message, field: error.field });
    if (error instanceof ForbiddenError) return reply.status(403).send({ error: 'Forbidden', message: error.message });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.status(status).send({ error: 'BadRequest', message: (error as Error).message });
  });
  const ctx = { warehouse: w, timezone: 'Europe/Berlin', metrics: new MetricCache(), queryBudgetMs: 30_000 } as AppContext;
  for (const routes of [ticketListRoutes, problemRoutes, timeseriesRoutes, distributionRoutes, liveRoutes, satisfactionRoutes]) {
    await app.register(routes(ctx), { prefix: '/api' });
  }
  await app.ready();
});
afterAll(async () => { await app.close(); w.close(); });

const RANGE = 'from=2026-03-02&to=2026-03-08&clock=calendar';
const lead = (teams: string) => ({ 'x-role': 'team_lead', 'x-teams': teams });
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
type Row = Record<string, string | number | null>;
const rows = async (url: string) => (await get(url)).json().rows as Row[];
/** The ids listed and the list's total, sorted by id. */
async function listed(query: string, headers: Record<string, string> = {}) {
  const res = await get(`/api/tickets?${query}&sort=ticket_id&order=asc&page_size=500`, headers);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { rows: Row[]; total: number };
  return { ids: body.rows.map((r) => r.ticket_id), total: body.total };
}

describe('GET /api/tickets', () => {
  it('lists, for each Pareto bar, as many tickets as the bar counts (returns: 4 = T3, T4, T5, T11)', async () => {
    const bars = await rows(`/api/problems?${RANGE}`);
    expect(bars.map((b) => [b.problem_type, b.tickets])).toEqual([['returns', 4], ['logistics', 3], ['product_quality', 1]]);
    for (const bar of bars) {
      expect((await listed(`${RANGE}&problem_type=${bar.problem_type}`)).total).toBe(bar.tickets);
    }
    expect((await listed(`${RANGE}&problem_type=returns`)).ids).toEqual(['T11', 'T3', 'T4', 'T5']);
  });

  it('lists a day of the created and resolved trends, and a weekday x hour cell, as counted', async () => {
    const days = await rows(`/api/timeseries?${RANGE}&grain=day`);
    for (const day of days) {
      const range = `from=${day.bucket}&to=${day.bucket}&clock=calendar`;
      expect((await listed(range)).total, `created ${day.bucket}`).toBe(day.created);
      expect((await listed(`${range}&on=resolved`)).total, `resolved ${day.bucket}`).toBe(day.resolved);
    }
    // Tuesday 03-03: T2 finally resolved at 13:00 (resolved and reopened twice before).
    expect((await listed('from=2026-03-03&to=2026-03-03&on=resolved')).ids).toEqual(['T2']);
    const cells = (await rows(`/api/heatmap?${RANGE}`)).filter((c) => Number(c.tickets) > 0);
    expect(cells.reduce((n, c) => n + Number(c.tickets), 0)).toBe(8);
    for (const cell of cells) {
      expect((await listed(`${RANGE}&weekday=${cell.weekday}&hour=${cell.hour}`)).total).toBe(cell.tickets);
    }
    expect((await listed(`${RANGE}&weekday=1&hour=9`)).ids).toEqual(['T1']);
  });

  it('lists first response buckets, ratings, open-now and status marks as their charts count them', async () => {
    for (const bucket of await rows(`/api/frt-buckets?${RANGE}`)) {
      expect((await listed(`${RANGE}&frt_bucket=${encodeURIComponent(String(bucket.bucket))}`)).total, String(bucket.bucket)).toBe(bucket.tickets);
    }
    // Rated in the week, the last rating counting: T1 5, T2 4, T10 1, T11 3.
    expect((await listed(`${RANGE}&on=rated`)).ids).toEqual(['T1', 'T10', 'T11', 'T2']);
    expect((await listed(`${RANGE}&on=rated&rating=4`)).ids).toEqual(['T2']);
    for (const bar of await rows(`/api/satisfaction?${RANGE}`)) {
      expect((await listed(`${RANGE}&on=rated&rating=${bar.rating}`)).total, `rating ${bar.rating}`).toBe(bar.ratings);
    }
    const live = await rows('/api/live');
    const open = await listed('on=open');
    expect(open.total).toBe(live.reduce((n, r) => n + Number(r.open), 0));
    expect(open.ids).toEqual(['T3', 'T7', 'T8', 'T9']);
    const breaching = await rows('/api/live/breaching');
    expect((await listed('on=breaching')).total).toBe(new Set(breaching.map((r) => r.ticket_id)).size);
    // Each live cell (team x age) lists its open tickets.
    for (const cell of live) {
      expect((await listed(`on=open&team=${cell.team}&age_bucket=${encodeURIComponent(String(cell.age_bucket))}`)).total).toBe(cell.open);
    }
    // A status mark lists the week's tickets in that status now, and the statuses together list all 8.
    const week = await rows(`/api/tickets?${RANGE}`);
    const statuses = [...new Set(week.map((r) => String(r.status)))];
    expect(statuses.length).toBeGreaterThan(1);
    for (const status of statuses) {
      expect((await listed(`${RANGE}&status=${status}`)).ids).toEqual(week.filter((r) => r.status === status).map((r) => r.ticket_id).sort());
    }
  });

  it('lists behind each day of the FRT and SLA trends the tickets that figure counts (measured; judged, breaches first)', async () => {
    const median = (xs: number[]) => {
      const s = [...xs].sort((x, y) => x - y);
      const mid = (s.length - 1) / 2;
      return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
    };
    let judgedDays = 0;
    for (const day of await rows(`/api/timeseries?${RANGE}&grain=day`)) {
      const range = `from=${day.bucket}&to=${day.bucket}&clock=calendar`;
      const measured = (await get(`/api/tickets?${range}&measured=first_response&sort=first_response_seconds&order=desc&page_size=500`)).json();
      const frts = (measured.rows as Row[]).map((r) => Number(r.first_response_seconds));
      // FRT descending, and the median of the listed FRTs is the point's value.
      expect(frts, `frt ${day.bucket}`).toEqual([...frts].sort((x, y) => y - x));
      if (day.frt_median === null) expect(frts, `no frt ${day.bucket}`).toEqual([]);
      else expect(median(frts), `frt median ${day.bucket}`).toBeCloseTo(Number(day.frt_median), 6);
      for (const [sla, key] of [['first_response', 'sla_frt'], ['resolution', 'sla_resolution']] as const) {
        const judged = (await get(`/api/tickets?${range}&sla=${sla}&sort=sla_state&order=asc&page_size=500`)).json();
        const states = (judged.rows as Row[]).map((r) => r.sla_state);
        expect(judged.columns.map((c: { key: string }) => c.key)).toContain('sla_state');
        // Breaches first, then met ones; met / judged is the point's attainment.
        expect(states, `${sla} ${day.bucket}`).toEqual([...states].sort());
        if (day[key] === null) { expect(states).toEqual([]); continue; }
        judgedDays += 1;
        expect(states.filter((s) => s === 'met').length / states.length, `${key} ${day.bucket}`).toBeCloseTo(Number(day[key]), 9);
        const breached = await listed(`${range}&sla=${sla}&sla_state=breached`);
        expect(breached.total).toBe(states.filter((s) => s === 'breached').length);
      }
    }
    expect(judgedDays).toBeGreaterThan(0);
    // A breach in the fixture: some SLA of the week is missed, and the judged list says which.
    const week = await listed(`${RANGE}&sla=first_response&sla_state=breached`);
    const weekAll = await listed(`${RANGE}&sla=first_response`);
    expect(weekAll.total).toBeGreaterThan(week.total);
    expect((await get(`/api/tickets?${RANGE}&sla=first_response&on=resolved`)).json().field).toBe('sla');
    expect((await get(`/api/tickets?${RANGE}&sla_state=met`)).json().field).toBe('sla_state');
    expect((await get(`/api/tickets?${RANGE}&sort=sla_state`)).json().field).toBe('sort');
  });


  it('shows beside each SLA verdict the clock, target and time it judged, not the filter\'s clock', async () => {
    const judged = async (sla: string) => new Map(((await get(`/api/tickets?${RANGE}&sla=${sla}&page_size=500`)).json().rows as Row[])
      .map((r) => [r.ticket_id, r]));
    const cols = ['first_response_seconds', 'resolution_seconds', 'sla_state', 'clock', 'target_seconds', 'elapsed_seconds'];
    const pick = (r: Row | undefined) => cols.map((c) => r?.[c]);
    // T11 (Saturday): 30 min calendar to answer, none of it in business hours: met against 2 h business.
    expect(pick((await judged('first_response')).get('T11'))).toEqual([1800, 3600, 'met', 'business', 7200, 0]);
    // T2: resolved after 27 h calendar (the filter's clock), 12 h business: breached against 8 h business.
    expect(pick((await judged('resolution')).get('T2'))).toEqual([5400, 97200, 'breached', 'business', 28800, 43200]);
    // T10 (billing, normal priority): the general policy's business clock; 10 min either way.
    expect(pick((await judged('first_response')).get('T10'))).toEqual([600, 1200, 'met', 'business', 7200, 600]);
  });
  it('scopes team leads to their teams: billing lists T2 and T10 only, another team is 403', async () => {
    expect((await listed(RANGE, lead('billing'))).ids).toEqual(['T10', 'T2']);
    const foreign = await get(`/api/tickets?${RANGE}&team=support`, lead('billing'));
    expect(foreign.statusCode).toBe(403);
  });

  it('pages and sorts on the server; undeclared sorts and buckets are 400s naming the field', async () => {
    const page = await get(`/api/tickets?${RANGE}&sort=created_at&order=asc&page=2&page_size=3`);
    expect([page.json().rows.map((r: Row) => r.ticket_id), page.json().total]).toEqual([['T4', 'T5', 'T10'], 8]);
    const first = (await get(`/api/tickets?${RANGE}&sort=first_response_seconds&order=asc&page_size=1`)).json().rows[0];
    expect([first.ticket_id, first.first_response_seconds]).toEqual(['T10', 600]);
    const bad = await get(`/api/tickets?${RANGE}&sort=password`);
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'sort']);
    expect((await get(`/api/tickets?${RANGE}&frt_bucket=soon`)).statusCode).toBe(400);
    expect((await get(`/api/tickets?${RANGE}&hour=24`)).statusCode).toBe(400);
  });

  it('exports every row of the list, whatever the page size, saying its filter', async () => {
    const res = await get(`/api/tickets?${RANGE}&problem_type=returns&format=csv&page_size=1`);
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
    const tickets = lines.filter((l) => /^T\d+,/.test(l)).map((l) => l.split(',')[0]);
    expect(tickets.sort()).toEqual(['T11', 'T3', 'T4', 'T5']);
    expect(res.body).toContain('problem_type = returns');
    expect(res.body).toContain('Rows: 4 (complete)');
  });
});
