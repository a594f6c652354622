// Issue 15, defect 4: who may see per-agent figures is one rule (auth/people-roles.ts) on every route
// and export of a real server: planners asking for `agent=` or `by=agent` get 403 naming the
// parameter and the roles that may, in JSON, CSV, XLSX and Arrow alike; managers get the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type E2eServer } from '../../../e2e/support/e2e-server.ts';

let server: E2eServer;
let agent: string;

const get = (path: string, who: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${server.tokens[who]}`, ...headers } });

beforeAll(async () => {
  server = await startServer({ manager: { role: 'manager' }, planner: { role: 'planner' } }, { days: 10, ticketsPerDay: 40 });
  const agents = await (await get('/api/agents', 'manager')).json() as { rows: Record<string, unknown>[] };
  agent = String(agents.rows[0]?.agent);
}, 120_000);
afterAll(async () => server?.stop());

const PER_AGENT = () => [
  '/api/breakdown?by=agent', '/api/satisfaction/by?by=agent', `/api/overview?agent=${agent}`, `/api/timeseries?agent=${agent}`,
  '/api/breakdown?by=agent&format=csv', '/api/satisfaction/by?by=agent&format=csv', `/api/overview?agent=${agent}&format=csv`,
  '/api/breakdown?by=agent&format=xlsx',
];

describe('per-agent figures', () => {
  it('are refused to planners with a 403 naming the parameter and the roles that may', async () => {
    for (const path of PER_AGENT()) {
      const res = await get(path, 'planner');
      expect(res.status, path).toBe(403);
      const { message } = await res.json() as { message: string };
      expect(message, path).toMatch(/the planner role may not ask .* for per-agent figures \((agent|by=agent)\).*admin, manager, team_lead/);
    }
    const arrow = await get('/api/breakdown?by=agent', 'planner', { accept: 'application/vnd.apache.arrow.stream' });
    expect(arrow.status).toBe(403);
  });

  it('are answered to managers, with their exports', async () => {
    for (const path of PER_AGENT()) expect((await get(path, 'manager')).status, path).toBe(200);
    const csv = await (await get('/api/breakdown?by=agent&format=csv', 'manager')).text();
    expect(csv).toContain(agent);
  });

  it('leave planners the aggregates without agents', async () => {
    for (const path of ['/api/breakdown?by=team', '/api/satisfaction/by?by=channel', '/api/overview', '/api/timeseries?team=x']) {
      expect((await get(path, 'planner')).status, path).toBe(200);
    }
  });

  it('are refused on every route of the OpenAPI document that takes an agent filter', async () => {
    const doc = await (await fetch(`${server.url}/api/docs/json`)).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops)
      .filter(([method, op]) => method === 'get' && op.parameters?.some((p) => p.in === 'query' && p.name === 'agent'))
      .map(([, op]) => ({ path, required: (op.parameters ?? []).filter((p) => p.required && p.in === 'query').map((p) => p.name) })));
    expect(routes.length).toBeGreaterThan(10);
    for (const { path, required } of routes) {
      const filled = path.replace(/\{[^}]+\}/g, encodeURIComponent(agent));
      const extra = required.map((name) => `&${name}=${name === 'by' ? 'team' : 'day'}`).join('');
      const res = await get(`${filled}?agent=${encodeURIComponent(agent)}${extra}`, 'planner');
      expect(res.status, filled).toBe(403);
    }
  });
});
