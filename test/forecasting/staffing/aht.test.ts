import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ahtFor, MIN_AHT_TICKETS, readQueueAht } from '../../../forecasting/staffing/aht.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';

let w: Warehouse;
const FROM = Date.parse('2026-03-01T00:00:00+08:00');

beforeAll(async () => {
  w = await Warehouse.open(':memory:');
  // 40 phone tickets created at 09:xx Shanghai with 120 s + 60 s of work each, 10 at 14:xx with 300 s,
  // and 5 e-mail tickets (another channel) at 09:xx with 900 s.
  const tickets: [string, string, string, number[]][] = [];
  for (let i = 0; i < 40; i++) tickets.push([`p${i}`, `2026-03-02T01:${String(i).padStart(2, '0')}:00Z`, 'phone', [120, 60]]);
  for (let i = 0; i < 10; i++) tickets.push([`a${i}`, `2026-03-02T06:${String(i).padStart(2, '0')}:00Z`, 'phone', [300]]);
  for (let i = 0; i < 5; i++) tickets.push([`e${i}`, `2026-03-02T01:${String(i).padStart(2, '0')}:00Z`, 'email', [900]]);
  // Events as ingested; the tickets (and their summed handle_seconds, which the AHT reads) derived from them.
  for (const [id, at, channel, handles] of tickets) {
    await w.db.run(`INSERT INTO events (event_id, ticket_id, type, occurred_at, actor, team_id, channel, problem_type, run_id)
      VALUES ($e, $id, 'created', $at::TIMESTAMPTZ, 'customer', 'returns', $channel, 'return_exchange', 1)`, { e: `${id}-c`, id, at, channel });
    for (const [k, seconds] of handles.entries()) {
      await w.db.run(`INSERT INTO events (event_id, ticket_id, type, occurred_at, actor, agent_id, channel, handle_seconds, run_id)
        VALUES ($e, $id, 'replied', $at::TIMESTAMPTZ + INTERVAL (${k + 1}) MINUTE, 'agent', 'a1', $channel, $seconds, 1)`, { e: `${id}-${k}`, id, at, channel, seconds });
    }
  }
  await deriveTickets(w.db, 'all');
});
afterAll(() => w.close());

describe('readQueueAht', () => {
  it('averages the handle time per ticket by local hour of creation, for the queue\'s match only', async () => {
    const aht = await readQueueAht(w.db, { problem_type: ['return_exchange'], channel: ['phone'] }, 'Asia/Shanghai', FROM, FROM + 7 * 86_400_000);
    expect(aht.byHour[9]).toEqual({ tickets: 40, ahtSeconds: 180 });
    expect(aht.byHour[14]).toEqual({ tickets: 10, ahtSeconds: 300 });
    expect(aht.byHour[10]).toEqual({ tickets: 0, ahtSeconds: null });
    expect(aht.overall).toEqual({ tickets: 50, ahtSeconds: (40 * 180 + 10 * 300) / 50 });
    // Hours with enough tickets use their own; thin ones the queue's; nothing at all, the default.
    expect(MIN_AHT_TICKETS).toBeLessThanOrEqual(40);
    expect(ahtFor(aht, 9, 600)).toEqual({ seconds: 180, source: 'hour' });
    expect(ahtFor(aht, 14, 600)).toEqual({ seconds: 204, source: 'queue' });
    expect(ahtFor(undefined, 14, 600)).toEqual({ seconds: 600, source: 'default' });
    const before = await readQueueAht(w.db, { channel: ['phone'] }, 'Asia/Shanghai', FROM - 86_400_000, FROM);
    expect(before.overall).toEqual({ tickets: 0, ahtSeconds: null });
  });
});
