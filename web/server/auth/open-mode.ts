// Open mode (`serve --open`): every request is answered as admin without a token. Allowed only on
// a demo warehouse, i.e. one whose every loaded event came from `deskpulse demo` runs.
import type { DuckDBConnection } from '@duckdb/node-api';
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
  const others = (await db.runAndReadAll('SELECT run_id FROM ingest_runs WHERE accepted > 0 ORDER BY run_id')).getRows()
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
