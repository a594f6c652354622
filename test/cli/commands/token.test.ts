import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

function deskpulse(args: string[], db: string) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args], { env: { ...process.env, DESKPULSE_DB: db, DESKPULSE_PII_KEY: 'k' }, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const freshDb = () => join(mkdtempSync(join(tmpdir(), 'deskpulse-token-')), 'w.duckdb');

describe('deskpulse token', () => {
  it('creates (printing the token once), lists without secrets, and revokes', () => {
    const db = freshDb();
    const created = deskpulse(['token', 'create', '--role', 'team_lead', '--team', 'returns', '--team', 'logistics', '--name', '退货组长'], db);
    expect(created.code).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(/^dp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toMatch(/team_lead of returns, logistics, "退货组长"\) created\. It is shown only this once/);
    const id = token.split('_')[1]!;
    const json = JSON.parse(deskpulse(['token', 'create', '--role', 'ingest', '--json'], db).out);
    expect(json).toMatchObject({ role: 'ingest', teams: null, name: 'ingest token', token: expect.stringMatching(/^dp_/) });

    const listedJson = deskpulse(['token', 'list', '--json'], db).out;
    expect(JSON.parse(listedJson).map((t: { tokenId: string }) => t.tokenId).sort()).toEqual([id, json.tokenId].sort());
    expect(listedJson).not.toContain(token.slice(16));
    expect(listedJson).not.toContain(json.token.slice(16));

    const revoked = deskpulse(['token', 'revoke', id], db);
    expect(revoked.out).toMatch(new RegExp(`token ${id} \\(team_lead, "退货组长"\\) revoked at \\d{4}-`));
    const listed = deskpulse(['token', 'list'], db).out;
    expect(listed).toMatch(new RegExp(`${id}  team_lead  returns,logistics  退货组长 .*revoked \\d{4}-`));
    expect(listed).toMatch(new RegExp(`${json.tokenId}  ingest .*last used never`));
    expect(listed).not.toContain(token.slice(16));
  });

  it('explains bad requests: unknown role, team lead without or with unknown teams, unknown id', () => {
    const db = freshDb();
    const role = deskpulse(['token', 'create', '--role', 'boss'], db);
    expect(role.code).toBe(1);
    expect(role.err).toMatch(/unknown role "boss"; use one of admin, manager, team_lead, planner, ingest/);
    expect(deskpulse(['token', 'create', '--role', 'team_lead'], db).err).toMatch(/needs at least one --team \(teams: .*returns/);
    expect(deskpulse(['token', 'create', '--role', 'team_lead', '--team', 'nope'], db).err).toMatch(/unknown team "nope"; teams in the config: .*logistics/);
    expect(deskpulse(['token', 'revoke', 'feedfeedfeed'], db).err).toMatch(/no token with id "feedfeedfeed"; there are no tokens/);
  });
});

describe('deskpulse serve --open', () => {
  it('refuses to start on a warehouse that is not a demo', () => {
    const db = freshDb();
    const run = deskpulse(['serve', '--open', '--port', '0'], db);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/--open serves every request as admin without a token, so it is only allowed on a demo warehouse/);
  });

  it('serves a demo warehouse to everyone as admin, with a loud banner', async () => {
    const db = freshDb();
    expect(deskpulse(['demo', '--days', '2', '--tickets-per-day', '20'], db).code).toBe(0);
    const port = 33000 + Math.floor(Math.random() * 2000);
    const server = spawn('node', ['bin/deskpulse.js', 'serve', '--open', '--port', String(port)], {
      env: { ...process.env, DESKPULSE_DB: db, DESKPULSE_PII_KEY: 'k' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    server.stderr.on('data', (chunk) => { err += String(chunk); });
    try {
      // Until the banner is printed or the server gives up: a loaded machine may take long to start it.
      while (!err.includes('OPEN MODE') && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      expect(err).toMatch(/!!  OPEN MODE: every request to this server is answered as ADMIN, without a token/);
      expect(await (await fetch(`http://127.0.0.1:${port}/api/me`)).json()).toEqual({ role: 'admin', teams: null, open: true });
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 120_000);
});
