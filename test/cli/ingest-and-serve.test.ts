import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

const FIXTURE = 'test/ingest/fixtures/canonical.csv';

function deskpulse(args: string[], db: string, env: Record<string, string> = {}) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args], { env: { ...process.env, DESKPULSE_DB: db, DESKPULSE_PII_KEY: 'k', ...env }, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('deskpulse CLI', () => {
  it('migrates, ingests with a summary or JSON, and lists the quarantine', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'w.duckdb');
    expect(deskpulse(['migrate'], db).out).toMatch(/schema version \d+/);
    const first = deskpulse(['ingest', FIXTURE], db);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/6 accepted, 1 duplicates, 4 quarantined/);
    expect(first.err).toContain('opened the warehouse file');
    const again = JSON.parse(deskpulse(['ingest', '--json', FIXTURE], db).out);
    expect(again).toMatchObject({ accepted: 0, duplicates: 7 });
    expect(deskpulse(['ingest', FIXTURE], db).out).toContain(`unchanged since run 1, not read again: ${FIXTURE}`);
    expect(deskpulse(['quarantine', 'list', '--run', '1'], db).out.trim().split('\n')).toHaveLength(4);
    const missing = deskpulse(['ingest', 'no/such.csv'], db);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no\/such\.csv: no such file or directory/);
    expect(deskpulse(['no-such-command'], db).code).toBe(2);
  });

  it('sends the batch to the running server that holds the file', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'w.duckdb');
    const port = 31000 + Math.floor(Math.random() * 2000);
    const token = deskpulse(['token', 'create', '--role', 'ingest'], db).out.trim();
    const server = spawn('node', ['bin/deskpulse.js', 'serve', '--port', String(port)], {
      env: { ...process.env, DESKPULSE_DB: db, DESKPULSE_PII_KEY: 'k' }, stdio: 'ignore',
    });
    try {
      for (let i = 0; i < 100 && !existsSync(`${db}.server.json`); i++) await new Promise((r) => setTimeout(r, 200));
      const run = deskpulse(['ingest', FIXTURE], db, { DESKPULSE_TOKEN: token });
      expect(run.err).toContain(`held by the server at http://127.0.0.1:${port}`);
      expect(run.out).toMatch(/6 accepted/);
      const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
      expect(health).toMatchObject({ events: 6 });
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    expect(existsSync(`${db}.server.json`)).toBe(false);
  });
});
