import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDemoConfig } from '../../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../../ingest/demo/demo-into-warehouse.ts';
import { loadMapping } from '../../../ingest/mapping/load-mapping.ts';
import { ingest } from '../../../ingest/pipeline.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { breakdown } from '../../../warehouse/metrics/breakdown.ts';
import { frtBuckets } from '../../../warehouse/metrics/distributions.ts';
import type { MetricFilter } from '../../../warehouse/metrics/filter.ts';
import { overview } from '../../../warehouse/metrics/overview.ts';
import { timeseries } from '../../../warehouse/metrics/timeseries.ts';
import { FIRST_ACTIVE_SECONDS, servicenowMappingWith, writeServicenowExport } from './fixtures/servicenow-first-response.ts';

// Issue 16, defect 3: a source without agent replies has its first response "not available" (null
// and a reason), never 0% SLA; a mapping's first_response rule measures it; a mixed warehouse
// measures only the tickets whose source measures first response and says how many it left out.
const RANGE: MetricFilter = { from: '2026-03-01', to: '2026-03-04', timezone: 'UTC', clock: 'calendar' };
const NOW = new Date('2026-03-05T00:00:00Z');
const FRT_KPIS = ['unanswered', 'frt_median', 'frt_p90', 'frt_mean', 'sla_frt'];
const SHIPPED = readFileSync('ingest/mappings/servicenow.mapping.yaml', 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-frt-'));
const incidents = writeServicenowExport(dir);
const withoutRule = servicenowMappingWith(dir, SHIPPED, null);
const statusRule = servicenowMappingWith(dir, SHIPPED, '{ status: [open] }');

let w: Warehouse | undefined;
afterEach(() => { w?.close(); w = undefined; });

async function configured(): Promise<Warehouse> {
  const warehouse = await Warehouse.open(':memory:');
  await syncConfig(warehouse.db, loadConfig('config/deskpulse.yaml'));
  return warehouse;
}
const ingestServicenow = async (warehouse: Warehouse, mapping: string) =>
  ingest(warehouse, { inputs: [incidents], mapping: await loadMapping(mapping), piiKey: 'k' });
const byMetric = async (warehouse: Warehouse) =>
  Object.fromEntries((await overview(warehouse.db, RANGE, { now: NOW })).rows.map((r) => [r.metric, r]));
const demo = (warehouse: Warehouse) => demoIntoWarehouse(warehouse, {
  days: 4, ticketsPerDay: 20, seed: 5, end: '2026-03-04', config: readDemoConfig('config/deskpulse.yaml'),
});

describe('first response of a ServiceNow export without replies', () => {
  it('is not available (null and the reason) in the overview, the series, the breakdown and the distribution, never 0', async () => {
    w = await configured();
    await ingestServicenow(w, withoutRule);
    const rows = await byMetric(w);
    expect(rows.volume!.value).toBe(4);
    for (const k of FRT_KPIS) expect([k, rows[k]!.value, rows[k]!.unavailable]).toEqual([k, null, 'no_first_response_in_source']);
    expect(rows.resolution_median!.value).toBe(7200); // INC1 2 h, INC2 3 h, INC3 1 h: what the source does measure
    expect(rows.resolution_median!.unavailable).toBeUndefined();
    // One-touch resolution counts agent replies, which this source does not record: not 0%.
    expect(rows.one_touch_rate!.value).toBeNull();
    const table = await overview(w.db, RANGE, { now: NOW });
    expect(table.firstResponse).toMatchObject({ unavailable: 'no_first_response_in_source', measured: 0, excluded: 4, rules: [] });
    expect(table.firstResponse!.note!.zh).toContain('不可用');

    const series = await timeseries(w.db, RANGE, 'day', { now: NOW });
    expect(series.rows.map((r) => [r.frt_median, r.sla_frt])).toEqual(series.rows.map(() => [null, null]));
    expect(series.firstResponse!.unavailable).toBe('no_first_response_in_source');
    const byTeam = await breakdown(w.db, RANGE, 'team', { now: NOW });
    expect(byTeam.rows.map((r) => [r.value, r.volume, r.unanswered, r.sla_frt])).toEqual([['Group 1', 4, null, null]]);
    const buckets = await frtBuckets(w.db, RANGE);
    expect(buckets.rows.every((r) => r.tickets === 0 && r.share === null)).toBe(true);
    expect(buckets.firstResponse!.excluded).toBe(4);
    expect((await w.db.runAndReadAll('SELECT count(*) FROM first_response_sources')).getRows()[0]![0]).toBe(0n);
  });

  it('is the first change to Active with first_response: { status: [open] }, as computed by hand', async () => {
    w = await configured();
    await ingestServicenow(w, statusRule);
    const frt = (await w.db.runAndReadAll('SELECT ticket_id, first_response_seconds, first_response_rule FROM tickets ORDER BY ticket_id')).getRowObjectsJson();
    expect(frt).toEqual(Object.entries(FIRST_ACTIVE_SECONDS).map(([ticket_id, s]) => ({ ticket_id, first_response_seconds: s, first_response_rule: 'status:open' })));
    const rows = await byMetric(w);
    expect(rows.frt_median!.value).toBe(1800); // 15 min, 30 min, 2 h
    expect(rows.frt_mean!.value).toBe(3300);
    expect(rows.frt_p90!.value).toBeCloseTo(1800 + 0.8 * 5400); // rank 1.8 between 30 min and 2 h
    expect(rows.unanswered!.value).toBe(1); // INC4, still New
    expect(typeof rows.sla_frt!.value).toBe('number');
    const table = await overview(w.db, RANGE, { now: NOW });
    expect(table.firstResponse).toMatchObject({ unavailable: null, measured: 4, excluded: 0, note: null,
      rules: [{ rule: 'status:open', tickets: 4, label: { en: 'first response = first change to Open', zh: '首次响应 = 首次变为处理中' } }] });
  });

  it('re-derives the tickets ingested without a rule once the mapping declares one', async () => {
    w = await configured();
    await ingestServicenow(w, withoutRule);
    expect((await byMetric(w)).frt_median!.value).toBeNull();
    const again = await ingestServicenow(w, statusRule); // the same rows: no new event, a new rule
    expect(again.accepted).toBe(0);
    expect((await byMetric(w)).frt_median!.value).toBe(1800);
  });
});

describe('a warehouse of demo tickets (with replies) and ServiceNow incidents (without)', () => {
  it('measures only the demo tickets, exactly as without the incidents, and says how many it left out', async () => {
    w = await configured();
    await demo(w);
    const before = await byMetric(w);
    const demoTickets = before.volume!.value as number;
    expect(demoTickets).toBeGreaterThan(40);
    for (const k of FRT_KPIS) expect(before[k]!.unavailable).toBeUndefined();
    expect((await overview(w.db, RANGE, { now: NOW })).firstResponse).toMatchObject({ unavailable: null, excluded: 0, note: null, rules: [{ rule: 'reply' }] });

    await ingestServicenow(w, withoutRule);
    const after = await byMetric(w);
    expect(after.volume!.value).toBe(demoTickets + 4);
    for (const k of [...FRT_KPIS, 'one_touch_rate']) expect([k, after[k]!.value, after[k]!.previous]).toEqual([k, before[k]!.value, before[k]!.previous]);
    expect(typeof before.one_touch_rate!.value).toBe('number');
    const table = await overview(w.db, RANGE, { now: NOW });
    expect(table.firstResponse).toMatchObject({ unavailable: null, measured: demoTickets, excluded: 4 });
    expect(table.firstResponse!.note!.en).toBe(`4 of ${demoTickets + 4} tickets left out of the first response metrics: their source records no first response`);

    await ingestServicenow(w, statusRule);
    const both = await overview(w.db, RANGE, { now: NOW });
    expect(both.firstResponse).toMatchObject({ measured: demoTickets + 4, excluded: 0, note: null });
    expect(both.firstResponse!.rules.map((r) => [r.rule, r.tickets])).toEqual([['reply', demoTickets], ['status:open', 4]]);
  });
});
