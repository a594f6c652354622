// `serve` logs JSON lines when stdout is not a terminal (pino-pretty only on a TTY), and the view
// warmer's in-process requests are not in the request log: only real traffic is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverLogOptions } from '../../../web/server/log-options.ts';
import { startServer, type E2eServer } from '../../e2e/support/e2e-server.ts';

let server: E2eServer;

beforeAll(async () => {
  server = await startServer({ boss: { role: 'manager' } }, { days: 10, ticketsPerDay: 40 });
}, 90_000);
afterAll(async () => server?.stop());

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 30_000) throw new Error(`not within 30 s: ${what}\nstdout:\n${server.stdout()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type LogLine = { msg: string; level: number; req?: { url: string } };

function logLines(): LogLine[] {
  return server.stdout().split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine);
}

describe('the server log', () => {
  it('is pino-pretty on a terminal and plain JSON otherwise', () => {
    expect(serverLogOptions({ isTTY: true })).toMatchObject({ transport: { target: 'pino-pretty' } });
    expect(serverLogOptions({ isTTY: false })).toEqual({ level: 'info' });
  });

  it('writes JSON lines with the requests asked, and none of the warm-up requests', async () => {
    await until(() => server.stdout().includes('default dashboard views computed'), 'the warmer finishes');
    const res = await fetch(`${server.url}/api/overview`, { headers: { authorization: `Bearer ${server.tokens.boss}` } });
    expect(res.status).toBe(200);
    await until(() => logLines().some((l) => l.msg === 'request completed' && server.stdout().includes('/api/overview')), 'the request is logged');
    const lines = logLines();
    const asked = lines.filter((l) => l.msg === 'incoming request').map((l) => l.req?.url);
    // The health checks of startServer and the one overview asked: none of the warmer's sixteen views.
    expect(asked.filter((url) => url !== '/api/health')).toEqual(['/api/overview']);
    expect(lines.find((l) => l.msg === 'default dashboard views computed')).toMatchObject({ level: 30 });
  });
});
