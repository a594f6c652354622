import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../../warehouse/database.ts';
import { checkOpenMode, openModeBanner, OpenModeGuard } from '../../../../web/server/auth/open-mode.ts';

let w: Warehouse;
beforeEach(async () => { w = await Warehouse.open(':memory:'); });
afterEach(() => w.close());

const run = (id: number, accepted: number, quarantined = 0) => w.db.run(
  `INSERT INTO ingest_runs (run_id, source, started_at, accepted, quarantined, status) VALUES ($1, 'x', now(), $2, $3, 'committed')`, [id, accepted, quarantined]);

describe('checkOpenMode', () => {
  it('refuses a warehouse that never held a demo', async () => {
    await expect(checkOpenMode(w.db, 'w.duckdb')).rejects.toThrow(/only allowed on a demo warehouse, and w.duckdb is not one/);
  });

  it('allows a demo warehouse, but not once other runs loaded events into it', async () => {
    await w.db.run(`INSERT INTO settings VALUES ('demo', '[1]')`);
    await run(1, 500);
    await run(2, 0); // a batch of duplicates adds nothing
    await expect(checkOpenMode(w.db, 'w.duckdb')).resolves.toBeUndefined();
    await run(3, 7);
    await expect(checkOpenMode(w.db, 'w.duckdb')).rejects.toThrow(/also holds events loaded by ingest run\(s\) 3/);
  });

  it('counts a run that only quarantined rows: the quarantine keeps their raw text', async () => {
    await w.db.run(`INSERT INTO settings VALUES ('demo', '[1]')`);
    await run(1, 500);
    await run(2, 0, 3);
    await expect(checkOpenMode(w.db, 'w.duckdb')).rejects.toThrow(/ingest run\(s\) 2/);
  });

  it('ends open mode for good once a write leaves more than demo data', async () => {
    await w.db.run(`INSERT INTO settings VALUES ('demo', '[1]')`);
    await run(1, 500);
    const ended: string[] = [];
    const guard = new OpenModeGuard(w, (reason) => ended.push(reason));
    guard.recheck();
    expect(await guard.stillOpen()).toBe(true);
    await run(2, 1);
    guard.recheck();
    expect(await guard.stillOpen()).toBe(false);
    expect(ended).toEqual([expect.stringMatching(/ingest run\(s\) 2/)]);
  });

  it('banners the URL over several lines', () => {
    const banner = openModeBanner('http://127.0.0.1:3000');
    expect(banner.split('\n').length).toBeGreaterThan(4);
    expect(banner).toContain('http://127.0.0.1:3000');
  });
});
