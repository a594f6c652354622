// The staffing plan kept between reads, on a real `deskpulse serve` of a small demo: a second
// identical request is answered from the kept plan (the same body, nothing planned), another
// what-if is planned anew, and an apply or a rollback of the dispatch rules makes the next read
// plan again (the run it kept is the one staffed; the rules' text is in the key).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type E2eServer } from '../../e2e/support/e2e-server.ts';

let server: E2eServer;

beforeAll(async () => {
  server = await startServer({ planner: { role: 'planner' } }, { days: 14, ticketsPerDay: 40 });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const auth = () => ({ authorization: `Bearer ${server.tokens.planner}` });
async function staffing(query = '') {
  const res = await fetch(`${server.url}/api/staffing?horizon=3d&rows=days${query}`, { headers: auth() });
  expect(res.status).toBe(200);
  const body = await res.json() as { runId: number | null; reused: boolean; table: { rows: unknown[] }; queues: { summary: unknown }[] };
  return { cache: res.headers.get('x-staffing-cache'), body };
}
const post = (path: string, payload: unknown) => fetch(`${server.url}${path}`, {
  method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(payload),
});

describe('the staffing plan kept between reads', () => {
  it('answers a second identical request from the kept plan, and plans another what-if anew', async () => {
    const first = await staffing();
    expect(first.cache).toBe('miss');
    expect(first.body.table.rows.length).toBeGreaterThan(0);
    const second = await staffing();
    expect(second.cache).toBe('hit');
    expect(second.body).toEqual(first.body);
    // How the answer is shown is not part of the key: a day's intervals come from the same plan.
    const res = await fetch(`${server.url}/api/staffing?horizon=3d&day=2000-01-01`, { headers: auth() });
    expect(res.headers.get('x-staffing-cache')).toBe('hit');

    const busier = await staffing('&volume_factor=1.5');
    expect(busier.cache).toBe('miss');
    expect(busier.body.queues.map((q) => q.summary)).not.toEqual(first.body.queues.map((q) => q.summary));
    expect((await staffing('&volume_factor=1.5')).cache).toBe('hit');
  }, 90_000);

  it('plans anew after an apply (which keeps the run it staffed) and after a rollback', async () => {
    const before = await staffing();
    expect(before.cache).toBe('hit');
    expect(before.body.runId).toBeNull();

    const applied = await post('/api/dispatch-rules/apply', { horizon: '3d' });
    expect(applied.status).toBe(200);
    const { versionId, runId } = await applied.json() as { versionId: number; runId: number };
    expect(runId).toBeGreaterThan(0);
    const after = await staffing();
    expect(after.cache).toBe('miss');
    expect(after.body).toMatchObject({ runId, reused: true });
    expect((await staffing()).cache).toBe('hit');

    // A second apply (a busier what-if) writes other staffing blocks; rolling back to the first rewrites the file.
    const busier = await post('/api/dispatch-rules/apply', { horizon: '3d', volume_factor: 1.5 });
    expect(busier.status).toBe(200);
    expect((await staffing()).cache).toBe('miss');
    expect((await staffing()).cache).toBe('hit');
    const rolledBack = await post(`/api/dispatch-rules/versions/${versionId}/rollback`, {});
    expect(rolledBack.status).toBe(200);
    expect(await rolledBack.json()).toMatchObject({ changed: true });
    expect((await staffing()).cache).toBe('miss');
  }, 120_000);
});
