// Open mode (`serve --open`): every request is answered as admin without a token. Allowed only on
// a demo warehouse, i.e. one whose every loaded event came from `deskpulse demo` runs: checked at
// start and again after every write, and nothing that brings data in or grants access is taken.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FastifyRequest } from 'fastify';
import type { Warehouse } from '../../../warehouse/database.ts';
import { DEMO_SETTING } from '../../../ingest/demo/demo-into-warehouse.ts';

export class OpenModeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpenModeError';
  }
}

/** Throws unless the warehouse holds demo data only: open mode must never publish real tickets. */
export async function checkOpenMode(db: DuckDBConnection, path: string): Promise<void> {
  const [row] = (await db.runAndReadAll('SELECT value FROM settings WHERE key = $1', [DEMO_SETTING])).getRows();
  if (!row) {
    throw new OpenModeError(`--open serves every request as admin without a token, so it is only allowed on a demo warehouse, ` +
      `and ${path} is not one. Serve a demo (\`deskpulse serve --db data/demo.duckdb --demo-if-empty --open\`), ` +
      'or drop --open and give people tokens (`deskpulse token create --role manager`).');
  }
  const demoRuns = (JSON.parse(String(row[0])) as unknown[]).map(Number);
  // Quarantined rows count too: they keep the raw text of what was sent.
  const others = (await db.runAndReadAll('SELECT run_id FROM ingest_runs WHERE accepted > 0 OR quarantined > 0 ORDER BY run_id')).getRows()
    .map(([id]) => Number(id)).filter((id) => !demoRuns.includes(id));
  if (others.length > 0) {
    throw new OpenModeError(`${path} started as a demo but also holds events loaded by ingest run(s) ${others.join(', ')}, ` +
      'which --open would publish to anyone without a token. Drop --open and use tokens (`deskpulse token create --role ...`), ' +
      'or serve a fresh demo file.');
  }
}

export function openModeBanner(url: string): string {
  const line = '!'.repeat(78);
  return [line,
    '!!  OPEN MODE: every request to this server is answered as ADMIN, without a token.',
    `!!  Anyone who can reach ${url} can read and change everything in this demo warehouse.`,
    '!!  For real data, restart without --open and create tokens: deskpulse token create --role ...',
    line, ''].join('\n');
}

const RESTART = 'restart the server without --open and use tokens (`deskpulse token create --role ...` while it is stopped)';

/**
 * Writes open mode takes: signing in and out (no session is made), and keeping a forecast run of the
 * demo's own data (the planning page's preview). Everything else that writes is refused: events would
 * be served to anyone without a token, a token minted by an anonymous caller would outlive open mode,
 * and an anonymous apply would rewrite the dispatch rules file on the server.
 */
const OPEN_WRITES = new Set(['POST /api/session', 'DELETE /api/session', 'POST /api/forecast/runs']);

/** Why open mode refuses this request, or null. */
export function openModeRefusal(request: FastifyRequest): string | null {
  const url = request.routeOptions.url ?? '';
  if (url === '/api/tokens' || url.startsWith('/api/tokens/')) {
    return `this server runs in open mode (--open): tokens are neither made, listed nor revoked here, because a token made by ` +
      `a caller nobody authenticated would still work after open mode ends; ${RESTART}`;
  }
  if (request.method === 'GET' || request.method === 'HEAD' || OPEN_WRITES.has(`${request.method} ${url}`)) return null;
  if (url === '/api/events' || url.startsWith('/api/events/')) {
    return `this server runs in open mode (--open): it answers everyone as admin without a token, so it takes no events ` +
      `(they would be published to anyone, and real data would end open mode); to load data, ${RESTART} and post with an ingest token`;
  }
  return `this server runs in open mode (--open): anyone may read this demo, but ${request.method} ${url} changes it ` +
    `for everyone (and may outlive open mode), so it needs a token; ${RESTART}`;
}

/**
 * Keeps open mode true to its rule after the start: each finished write checks the warehouse again,
 * requests wait for that answer, and a warehouse that is no longer demo-only ends open mode for good.
 */
export class OpenModeGuard {
  private checked: Promise<void> = Promise.resolve();
  /** Why open mode ended while serving, or null while it lasts. */
  endedBecause: string | null = null;

  constructor(private readonly warehouse: Warehouse, private readonly onEnd: (reason: string) => void) {}

  get open(): boolean {
    return this.endedBecause === null;
  }

  recheck(): void {
    if (!this.open) return;
    this.checked = this.checked
      .then(() => this.warehouse.withConnection((db) => checkOpenMode(db, this.warehouse.path)))
      .catch((err: unknown) => {
        this.endedBecause = err instanceof OpenModeError ? err.message : `the open-mode check failed: ${(err as Error).message}`;
        this.onEnd(this.endedBecause);
      });
  }

  /** Whether open mode still holds, once every check started so far has answered. */
  async stillOpen(): Promise<boolean> {
    await this.checked;
    return this.open;
  }
}
