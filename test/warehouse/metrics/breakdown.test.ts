import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/database.ts';
import { breakdown } from '../../../warehouse/metrics/breakdown.ts';
import { FilterError, type Dimension } from '../../../warehouse/metrics/filter.ts';
import { metricWarehouse, NOW, WEEK } from './fixtures/metric-week.ts';

let w: Warehouse;
beforeAll(async () => { w = await metricWarehouse(); });
afterAll(() => w.close());
const H = 3600;

describe('breakdown', () => {
  it('gives the KPIs per channel, most tickets first', async () => {
    const t = await breakdown(w.db, WEEK, 'channel', { now: NOW });
    expect(t.rows.map((r) => [r.value, r.volume, r.resolved, r.backlog])).toEqual([
      ['web', 3, 1, 2], // A C F created; A resolved; C F open
      ['chat', 1, 1, 0], // E
      ['email', 1, 1, 0], // D
      ['phone', 1, 2, 0], // B; B and H resolved
    ]);
    const web = t.rows[0]!;
    expect(web).toMatchObject({ unanswered: 1, frt_median: 0.75 * H, reply_median: 0.75 * H, sla_frt: 2 / 3 });
    expect(t.columns[0]).toMatchObject({ key: 'value', label: { en: 'Channel', zh: '渠道' } });
  });

  it('credits a transferred ticket to its current team and a reply to the team holding it then', async () => {
    const t = await breakdown(w.db, WEEK, 'team', { now: NOW });
    expect(t.rows.map((r) => [r.value, r.volume])).toEqual([['support', 5], ['escalations', 1]]);
    expect(t.rows[1]).toMatchObject({ transfer_rate: 1, escalation_rate: 1, reply_median: 0.75 * H });
  });

  it('refuses an unknown dimension naming the field, and answers no rows when nothing matches', async () => {
    await expect(breakdown(w.db, WEEK, 'color' as Dimension)).rejects.toThrow(FilterError);
    await expect(breakdown(w.db, WEEK, 'color' as Dimension)).rejects.toMatchObject({ field: 'by' });
    const none = await breakdown(w.db, { ...WEEK, values: { region: ['nowhere'] } }, 'channel', { now: NOW });
    expect(none.rows).toEqual([]);
  });
});
