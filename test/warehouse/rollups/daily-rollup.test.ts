import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { rederive } from '../../../warehouse/lifecycle/rederive.ts';
import { queryKpis } from '../../../warehouse/metrics/kpis.ts';
import { overview, overviewKpis } from '../../../warehouse/metrics/overview.ts';
import { censoring } from '../../../warehouse/metrics/censoring.ts';
import { keepDailyRollup, rollupPeriods, APPROXIMATE_KPIS, ROLLUP_KPIS } from '../../../warehouse/rollups/daily-rollup.ts';
import type { CanonicalEvent } from '../../../warehouse/event-model.ts';
import { emptyFacts, ingestShuffled, insertDailyCalendar, insertEvents, type StoredEvent } from '../fixtures/insert-events.ts';

const ZONE = 'Asia/Shanghai';
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await insertDailyCalendar(w.db, 'default', '2026-03-01T00:00:00Z', 20); // open 09:00-18:00 Shanghai
  await keepDailyRollup(w.db, ZONE);
});
afterEach(() => w.close());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await w.db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

const ev = (ticket: string, id: string, type: CanonicalEvent['type'], at: string, extra: Partial<CanonicalEvent> = {}): CanonicalEvent =>
  ({ event_id: `${ticket}${id}`, ticket_id: ticket, type, occurred_at: at, ...extra });
const agentReply = { actor: 'agent', agent_id: 'a1' } as const;

// Four tickets over two local days; B is created late on the 6th and answered after midnight (its
// first response counts on the 6th, its reply on the 7th), outside business hours (0 business seconds).
const FIXTURE: CanonicalEvent[] = [
  ev('A', '1', 'created', '2026-03-06T09:00:00+08:00'), ev('A', '2', 'replied', '2026-03-06T09:30:00+08:00', agentReply),
  ev('A', '3', 'resolved', '2026-03-06T11:00:00+08:00'), ev('A', '4', 'rated', '2026-03-06T12:00:00+08:00', { rating: 5 }),
  ev('B', '1', 'created', '2026-03-06T23:30:00+08:00'), ev('B', '2', 'replied', '2026-03-07T00:30:00+08:00', agentReply),
  ev('B', '3', 'resolved', '2026-03-07T10:00:00+08:00'), ev('B', '4', 'rated', '2026-03-07T11:00:00+08:00', { rating: 2 }),
  ev('C', '1', 'created', '2026-03-07T00:10:00+08:00'),
  ev('D', '1', 'created', '2026-03-07T09:00:00+08:00'), ev('D', '2', 'replied', '2026-03-07T09:00:30+08:00', agentReply),
  ev('D', '3', 'resolved', '2026-03-07T09:10:00+08:00'), ev('D', '4', 'reopened', '2026-03-07T09:20:00+08:00'),
  ev('D', '5', 'resolved', '2026-03-07T09:40:00+08:00'),
];

describe('daily rollup', () => {
  it('buckets every value within 1% of itself, zero apart', async () => {
    const [worst] = await rows(`SELECT max(abs(dd_value(dd_sign(x), dd_bucket(x)) - x) / abs(x)) FILTER (WHERE x <> 0) AS err,
      max(abs(dd_value(dd_sign(x), dd_bucket(x)))) FILTER (WHERE x = 0) AS zero_value,
      count(*) FILTER (WHERE dd_sign(x) = 0) AS zeros
      FROM (SELECT unnest([0.0, 0.001, 0.5, 1.0, 30.0, 86400.0, 3.1e7, -1.0, -3600.0]) AS x UNION ALL SELECT i * 1.37 FROM range(1, 100000) t(i))`);
    expect(Number(worst!.err)).toBeLessThanOrEqual(0.01 + 1e-12);
    expect(worst!.zeros).toBe('1');
    expect(Number(worst!.zero_value)).toBe(0);
  });

  it('counts each local day as computed by hand, and its quantiles are within 1% of the exact ones', async () => {
    await insertEvents(w.db, FIXTURE);
    await deriveTickets(w.db, 'all');
    const days = await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, created, unanswered, frt_n, frt_sum, frt_business_n, frt_business_sum,
      resolved, resolved_rated, resolution_sum, first_resolved, reopened, one_touch_measured, one_touch, rated, satisfied, rating_sum, replies
      FROM daily_counts ORDER BY day`);
    expect(days).toEqual([
      { day: '2026-03-06', created: '2', unanswered: '0', frt_n: '2', frt_sum: 1800 + 3600, frt_business_n: '2', frt_business_sum: 1800,
        resolved: '1', resolved_rated: '1', resolution_sum: 7200, first_resolved: '1', reopened: '0', one_touch_measured: '1', one_touch: '1',
        rated: '1', satisfied: '1', rating_sum: 5, replies: '1' },
      { day: '2026-03-07', created: '2', unanswered: '1', frt_n: '1', frt_sum: 30, frt_business_n: '1', frt_business_sum: 30,
        resolved: '2', resolved_rated: '1', resolution_sum: 37800 + 2400, first_resolved: '2', reopened: '1', one_touch_measured: '2', one_touch: '1',
        rated: '1', satisfied: '0', rating_sum: 2, replies: '2' },
    ]);
    // B's first response and reply took no business time: the zero bucket
    expect(await rows(`SELECT measure, business, n FROM daily_durations WHERE sign = 0 ORDER BY ALL`))
      .toEqual([{ measure: 'frt', business: true, n: '1' }, { measure: 'reply', business: true, n: '1' }]);
    // March's buckets are its days' summed; the tickets created per day by their first response rule
    expect(await rows(`SELECT strftime(month, '%Y-%m-%d') AS month, measure, business, sign, bucket, n FROM monthly_durations ORDER BY ALL`))
      .toEqual(await rows(`SELECT '2026-03-01' AS month, measure, business, sign, bucket, sum(n)::BIGINT AS n FROM daily_durations GROUP BY ALL ORDER BY ALL`));
    expect(await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, rule, created FROM daily_rules ORDER BY ALL`))
      .toEqual([{ day: '2026-03-06', rule: 'reply', created: '2' }, { day: '2026-03-07', rule: 'reply', created: '2' }]);

    for (const clock of ['business', 'calendar'] as const) {
      const filter = { from: '2026-03-06', to: '2026-03-07', timezone: ZONE, clock };
      const [exact] = await queryKpis(w.db, filter, { key: 'period' });
      const approx = (await rollupPeriods(w.db, filter, filter)).current.kpis;
      for (const kpi of ROLLUP_KPIS) {
        const [e, a] = [exact![kpi], approx[kpi]];
        if (APPROXIMATE_KPIS.includes(kpi) && typeof e === 'number' && e !== 0) expect(Math.abs((a as number) - e) / e, `${clock} ${kpi}`).toBeLessThanOrEqual(0.01);
        else if (typeof e === 'number') expect(a, `${clock} ${kpi}`).toBeCloseTo(e, 9);
        else expect(a, `${clock} ${kpi}`).toEqual(e);
      }
    }
  });

  it('is the same after rederive, which refreshes its days once after all slices', async () => {
    await insertEvents(w.db, FIXTURE);
    await deriveTickets(w.db, 'all');
    const before = await rows('FROM daily_counts ORDER BY ALL');
    await w.db.run('DELETE FROM daily_counts WHERE day = DATE \'2026-03-07\'');
    await rederive(w, 'all');
    expect(await rows('FROM daily_counts ORDER BY ALL')).toEqual(before);
    expect(await rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_rollup_days'`)).toEqual([{ n: '0' }]);
  });

  it('keeps stopped SLA verdicts and done tickets per day, and judges running clocks when asked (by hand)', async () => {
    await w.db.run(`INSERT INTO sla_policies VALUES ('normal', NULL, 3600, 86400, 'calendar')`);
    await keepDailyRollup(w.db, ZONE); // other policies: built again
    await insertEvents(w.db, [
      // A: answered in 30 min, resolved in 2 h: both met. B: answered in 2 h (breached), still open.
      ev('A', '1', 'created', '2026-03-06T09:00:00+08:00'), ev('A', '2', 'replied', '2026-03-06T09:30:00+08:00', agentReply),
      ev('A', '3', 'resolved', '2026-03-06T11:00:00+08:00'),
      ev('B', '1', 'created', '2026-03-06T10:00:00+08:00'), ev('B', '2', 'replied', '2026-03-06T12:00:00+08:00', agentReply),
      // C and D never answered nor resolved
      ev('C', '1', 'created', '2026-03-07T09:00:00+08:00'), ev('D', '1', 'created', '2026-03-07T23:00:00+08:00'),
    ]);
    await deriveTickets(w.db, 'all');
    expect(await rows(`SELECT strftime(day, '%Y-%m-%d') AS day, created, done, sla_frt_met, sla_frt_breached, sla_resolution_met, sla_resolution_breached
      FROM daily_counts ORDER BY day`)).toEqual([
      { day: '2026-03-06', created: '2', done: '1', sla_frt_met: '1', sla_frt_breached: '1', sla_resolution_met: '1', sla_resolution_breached: '0' },
      { day: '2026-03-07', created: '2', done: '0', sla_frt_met: '0', sla_frt_breached: '0', sla_resolution_met: '0', sla_resolution_breached: '0' },
    ]);
    expect(await rows('SELECT ticket_id FROM late_tickets ORDER BY ALL')).toEqual([{ ticket_id: 'B' }, { ticket_id: 'C' }, { ticket_id: 'D' }]);
    // at 03-08 12:00: C's clocks ran 27 h (both breached), D's 13 h (first response breached, resolution
    // still within its day), B's resolution 50 h (breached)
    const now = new Date('2026-03-08T12:00:00+08:00');
    const range = { from: '2026-03-06', to: '2026-03-07', timezone: ZONE };
    for (const rollup of [true, false]) {
      const kpis = await overviewKpis(w.db, range, { now, rollup });
      expect(kpis.source).toBe(rollup ? 'rollup' : 'facts');
      expect(kpis.current?.sla_frt).toBe(1 / 4);
      expect(kpis.current?.sla_resolution).toBe(1 / 3);
      expect(kpis.backlog.current).toBe(3);
    }
  });

  it('counts the tickets waiting for weeks (late_tickets) as censored, as the tickets do', async () => {
    await insertEvents(w.db, [
      // L and M were created more than 14 days before `now` and not answered by then: read from late_tickets only
      ev('L', '1', 'created', '2026-03-02T10:00:00+08:00'), ev('L', '2', 'replied', '2026-03-20T10:00:00+08:00', agentReply),
      ev('M', '1', 'created', '2026-03-03T10:00:00+08:00'), ev('M', '2', 'replied', '2026-03-25T10:00:00+08:00', agentReply),
      ev('M', '3', 'resolved', '2026-03-25T11:00:00+08:00'),
      // N: answered and resolved within the hour, the day before `now`
      ev('N', '1', 'created', '2026-03-17T10:00:00+08:00'), ev('N', '2', 'replied', '2026-03-17T10:10:00+08:00', agentReply),
      ev('N', '3', 'resolved', '2026-03-17T11:00:00+08:00'),
    ]);
    await deriveTickets(w.db, 'all');
    expect(await rows('SELECT ticket_id FROM late_tickets ORDER BY ALL')).toEqual([{ ticket_id: 'L' }, { ticket_id: 'M' }]);
    const now = new Date('2026-03-18T12:00:00+08:00');
    for (const clock of ['business', 'calendar'] as const) {
      const filter = { from: '2026-03-01', to: '2026-03-31', timezone: ZONE, clock };
      const [rollup, facts] = [await censoring(w.db, filter, { now, rollup: true }), await censoring(w.db, filter, { now })];
      expect([rollup.current.unanswered, rollup.current.open_created], clock).toEqual([2, 2]);
      expect(rollup.current.unanswered_age_max, clock).toBe(facts.current.unanswered_age_max);
      expect(Math.abs(rollup.current.frt_median_bound! - facts.current.frt_median_bound!), clock).toBeLessThanOrEqual(0.01 * facts.current.frt_median_bound!);
    }
  });

  it('answers the overview when the filter allows, from the tickets otherwise', async () => {
    await insertEvents(w.db, FIXTURE);
    await deriveTickets(w.db, 'all');
    const range = { from: '2026-03-06', to: '2026-03-07', timezone: ZONE };
    expect((await overviewKpis(w.db, range, { rollup: true })).source).toBe('rollup');
    expect((await overviewKpis(w.db, range)).source).toBe('facts');
    expect((await overviewKpis(w.db, { ...range, values: { channel: ['web'] } }, { rollup: true })).source).toBe('facts');
    expect((await overviewKpis(w.db, { ...range, scopeTeams: ['returns'] }, { rollup: true })).source).toBe('facts');
    expect((await overviewKpis(w.db, { ...range, timezone: 'UTC' }, { rollup: true })).source).toBe('facts');
  });
});

const eventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4'),
  type: fc.constantFrom('created', 'assigned', 'replied', 'resolved', 'reopened', 'rated', 'closed'),
  minute: fc.integer({ min: 0, max: 4 * 24 * 60 }), // four days: tickets cross local midnights
  actor: fc.constantFrom('agent', 'customer'),
  rating: fc.integer({ min: 1, max: 5 }),
});

describe('daily rollup order independence', () => {
  it('after batches in any order equals the rollup built at once', async () => {
    const snapshot = async () => Promise.all(['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles', 'late_tickets']
      .map((t) => rows(`FROM ${t} ORDER BY ALL`)));
    const clear = () => emptyFacts(w.db, ['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles', 'late_tickets']);
    await fc.assert(fc.asyncProperty(
      fc.array(eventArb, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { minLength: 20, maxLength: 20 }), fc.integer({ min: 1, max: 5 }),
      async (specs, shuffleKeys, batches) => {
        const events: StoredEvent[] = specs.map((s, i) => ({
          event_id: `e${i}`, ticket_id: s.ticket, type: s.type, agent_id: s.type === 'assigned' || s.actor === 'agent' ? 'a1' : null,
          occurred_at: new Date(Date.UTC(2026, 2, 6) + s.minute * 60_000).toISOString(),
          actor: s.type === 'replied' ? s.actor as CanonicalEvent['actor'] : null, rating: s.type === 'rated' ? s.rating : null,
        }));
        await clear();
        await insertEvents(w.db, events);
        await deriveTickets(w.db, 'all');
        const once = await snapshot();

        await clear();
        await ingestShuffled(w.db, events, shuffleKeys, batches);
        expect(await snapshot()).toEqual(once);
        // built whole from the tickets (a new zone, then back): the same
        await keepDailyRollup(w.db, 'UTC');
        await keepDailyRollup(w.db, ZONE);
        expect(await snapshot()).toEqual(once);
      }), { numRuns: 10 });
  }, 120_000);
});

// Tickets of two priorities and two teams under SLA policies of both clocks (team t2's own policy for
// high replaces the general one), created around a DST change (Europe/Berlin, 2026-03-29) and in a
// zone without one, ingested in shuffled batches: the overview from the rollup equals the one from
// the tickets, counts, SLA rates and backlog exactly, quantiles within 1%, at any `now`.
const POLICIES = `INSERT INTO sla_policies VALUES ('high', NULL, 1800, 14400, 'business'), ('normal', NULL, 3600, 86400, 'calendar'),
  ('high', 't2', 600, 7200, 'calendar')`;
const slaEventArb = fc.record({
  ticket: fc.constantFrom('T1', 'T2', 'T3', 'T4', 'T5', 'T6'),
  type: fc.constantFrom('created', 'replied', 'replied', 'resolved', 'reopened', 'rated', 'closed'),
  minute: fc.integer({ min: 0, max: 5 * 24 * 60 }), // 2026-03-26 .. 03-31 UTC
  actor: fc.constantFrom('agent', 'customer'),
  rating: fc.integer({ min: 1, max: 5 }),
});
const ticketAttrs = { T1: ['high', 't1'], T2: ['high', 't2'], T3: ['normal', 't1'], T4: ['normal', 't2'], T5: ['high', 't1'], T6: ['high', 't2'] } as const;
// T5's and T6's events spread over 60 days: tickets answered or done after weeks (late_tickets)
const SPREAD = { T5: 12, T6: 12 } as Record<string, number>;
// ranges whose previous periods adjoin them or not, over the DST change; one holds a whole month (monthly_durations)
const RANGES = [{ from: '2026-03-29', to: '2026-03-30' }, { from: '2026-03-27', to: '2026-03-31' },
  { from: '2026-03-30', to: '2026-03-31', comparison: 'year' as const }, { from: '2026-03-27', to: '2026-05-02' }];

describe('the overview from the daily rollup equals the overview from the tickets', () => {
  const clear = async () => {
    await emptyFacts(w.db, ['daily_counts', 'daily_durations', 'monthly_durations', 'daily_rules', 'daily_quantiles', 'late_tickets', 'sla_policies']);
    await w.db.run(`DELETE FROM settings WHERE key LIKE 'rollup_%'`);
  };

  async function expectSameOverview(zone: string, now: Date): Promise<void> {
    for (const range of RANGES) {
      for (const clock of ['business', 'calendar'] as const) {
        const filter = { ...range, timezone: zone, clock };
        const [rollup, facts] = [await overview(w.db, filter, { now, rollup: true }), await overview(w.db, filter, { now })];
        for (const [i, r] of rollup.rows.entries()) {
          const exact = facts.rows[i]!;
          const label = `${zone} ${range.from}..${range.to} ${clock} ${String(r.metric)}`;
          if (r.approximate === true) {
            // the quantile and its censored bounds within 1%, the change from them unchecked, the rest exact
            expect(Object.keys(r).sort(), label).toEqual([...Object.keys(exact), 'approximate'].sort());
            for (const cell of Object.keys(exact).filter((k) => k !== 'delta' && k !== 'delta_pct')) {
              const [a, e] = [r[cell], exact[cell]];
              if (typeof e === 'number' && typeof a === 'number' && (cell === 'value' || cell === 'previous' || cell.includes('bound'))) {
                expect(Math.abs(a - e), `${label} ${cell}`).toBeLessThanOrEqual(0.01 * Math.abs(e) + 1e-9);
              } else expect(a, `${label} ${cell}`).toEqual(e);
            }
          } else expect(r, label).toEqual(exact);
        }
      }
    }
  }

  for (const zone of ['Europe/Berlin', ZONE]) {
    it(`in ${zone}: counts, SLA rates and backlog exactly, after batches in any order and a change of policies`, async () => {
      await fc.assert(fc.asyncProperty(
        fc.array(slaEventArb, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), fc.integer({ min: 1, max: 4 }),
        fc.oneof(fc.integer({ min: 0, max: 7 * 24 * 60 }), fc.integer({ min: 0, max: 70 * 24 * 60 })),
        async (specs, shuffleKeys, batches, nowMinute) => {
          await clear();
          await w.db.run(POLICIES);
          await keepDailyRollup(w.db, zone);
          const events: StoredEvent[] = specs.map((s, i) => ({
            event_id: `e${i}`, ticket_id: s.ticket, type: s.type, agent_id: s.type === 'replied' && s.actor === 'agent' ? 'a1' : null,
            occurred_at: new Date(Date.UTC(2026, 2, 26) + s.minute * (SPREAD[s.ticket] ?? 1) * 60_000).toISOString(),
            actor: s.type === 'replied' ? s.actor as CanonicalEvent['actor'] : null, rating: s.type === 'rated' ? s.rating : null,
            priority: ticketAttrs[s.ticket as keyof typeof ticketAttrs][0], team_id: ticketAttrs[s.ticket as keyof typeof ticketAttrs][1],
          }));
          await ingestShuffled(w.db, events, shuffleKeys, batches);
          const now = new Date(Date.UTC(2026, 2, 26) + nowMinute * 60_000);
          await expectSameOverview(zone, now);
          // other policies: the stopped clocks' verdicts are judged again
          await w.db.run(`DELETE FROM sla_policies; INSERT INTO sla_policies VALUES ('high', NULL, 300, 3600, 'calendar'), ('normal', NULL, 7200, 28800, 'business')`);
          await keepDailyRollup(w.db, zone);
          await expectSameOverview(zone, now);
        }), { numRuns: 4 });
    }, 300_000);
  }
});
