// Issue 15, the ingest side (defects 2, 5, 6 and 8's Arrow bodies), sent to one real `deskpulse
// serve` (on an empty warehouse: nothing here needs history): mappings only by shipped name or inline (never a server path), sources
// wider than 1,000 columns refused up front, a bounded write queue (429 + Retry-After, which the
// CLI honours), multi-file CLI batches all or nothing and named by the user's file names.
// The server's TMPDIR is the test's: each admitted batch makes its spool folder there, which is
// how the test knows, without timing, that the queue is full.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskpulse, serveWarehouse, type Served } from '../../../e2e/support/e2e-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-ingest-hardening-'));
const spool = join(dir, 'server-tmp');
const work = join(dir, 'user');
const db = join(dir, 'demo.duckdb');
const HEADER = 'event_id,ticket_id,type,occurred_at,channel\n';
let server: Served;
const tokens: Record<'ingest' | 'admin', string> = { ingest: '', admin: '' };

/** A small valid CSV of `n` created events with ids that start with `prefix`. */
function events(prefix: string, n = 2): string {
  return HEADER + Array.from({ length: n }, (_, i) => `${prefix}-${i},${prefix}-T${i},created,2026-03-02T09:00:00+08:00,chat\n`).join('');
}

interface Answer { status: number; headers: Headers; body: Record<string, unknown> & { message?: string } }

async function post(body: BodyInit, options: { type?: string; query?: string; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? tokens.ingest}` };
  if (options.type) headers['content-type'] = options.type;
  const res = await fetch(`${server.url}/api/events${options.query ?? ''}`, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: await res.json() as Answer['body'] };
}

async function eventCount(): Promise<number> {
  return ((await (await fetch(`${server.url}/api/health`)).json()) as { events: number }).events;
}

/** A POST whose CSV body stays open until `finish` sends the rest: the batch holds a place in the queue meanwhile. */
function heldUpload(): { finish(rest: string): Promise<{ status: number; body: string }> } {
  const req: ClientRequest = request(`${server.url}/api/events`, {
    method: 'POST', headers: { authorization: `Bearer ${tokens.ingest}`, 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
  });
  const answer = new Promise<{ status: number; body: string }>((done, fail) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
  });
  req.write(HEADER);
  return { finish: (rest) => { req.end(rest); return answer; } };
}

const spoolFolders = () => readdirSync(spool).filter((f) => f.startsWith('deskpulse-http-')).length;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i > 600) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `deskpulse ingest ARGS` run from the user's folder against the served warehouse, with the ingest token. */
function cliIngest(args: string[]): { child: ChildProcess; stderr: () => string; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn('node', [resolve('bin/deskpulse.js'), 'ingest', ...args, '--db', db], {
    cwd: work, env: { ...process.env, DESKPULSE_TOKEN: tokens.ingest, DESKPULSE_PII_KEY: 'e2e' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  return { child, stderr: () => err, done: new Promise((r) => child.once('exit', (code) => r({ code, out, err }))) };
}

beforeAll(async () => {
  mkdirSync(spool);
  mkdirSync(work);
  cpSync('config', join(dir, 'config'), { recursive: true });
  const config = join(dir, 'config', 'deskpulse.yaml');
  for (const role of ['ingest', 'admin'] as const) {
    tokens[role] = (JSON.parse(deskpulse(['token', 'create', '--json', '--role', role, '--name', role], db, config)) as { token: string }).token;
  }
  server = await serveWarehouse(db, ['--config', config], { TMPDIR: spool });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('POST /api/events: mappings', () => {
  it('refuses a server path as a mapping with one answer for files that exist and files that do not, naming the shipped ones', async () => {
    const before = await eventCount();
    const answers = new Map<string, Answer>();
    for (const name of ['/etc/shadow', '/etc/passwd', '/dev/zero', '/etc/no-such-file', '../../../../etc/passwd', 'nosuch']) {
      answers.set(name, await post(events('m'), { type: 'text/csv', query: `?mapping=${encodeURIComponent(name)}` }));
    }
    for (const [name, answer] of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('(shipped: eventlog, servicenow, ticketlist)');
      expect(answer.body.message).not.toMatch(/root:|:x:0:|\$[0-9a-z]+\$/); // no line of passwd or shadow
      // Whether the file exists cannot be told from the answer.
      expect(answer.body.message!.replace(name, 'NAME')).toBe(answers.get('/etc/no-such-file')!.body.message!.replace('/etc/no-such-file', 'NAME'));
    }
    expect(await eventCount()).toBe(before);
  });

  it('takes a mapping sent inline as the "mapping" part, and names it by the caller\'s name when it is wrong', async () => {
    const csv = readFileSync('test/ingest/mapping/fixtures/helpdesk-eventlog.csv');
    const yaml = readFileSync('ingest/mappings/eventlog.mapping.yaml');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'helpdesk.csv');
    form.append('mapping', new Blob([yaml]), 'mine.mapping.yaml');
    const ok = await post(form);
    expect(ok.status).toBe(200);
    expect(ok.body.accepted).toBeGreaterThan(0);

    const broken = new FormData();
    broken.append('file', new Blob([csv], { type: 'text/csv' }), 'helpdesk.csv');
    broken.append('mapping', new Blob(['version: 1\nticket_id: [unclosed\n']), 'mine.mapping.yaml');
    const bad = await post(broken);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^mine\.mapping\.yaml:\d+:\d+: /);

    const both = new FormData();
    both.append('file', new Blob([csv], { type: 'text/csv' }), 'helpdesk.csv');
    both.append('mapping', new Blob([yaml]), 'mine.mapping.yaml');
    const twice = await post(both, { query: '?mapping=eventlog' });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toMatch(/names a mapping \(\?mapping=\) and sends one/);
  });
});

describe('POST /api/events: bodies that cost too much or are not what they say', () => {
  it('refuses a 50,000-column CSV by its width before staging it, and the queue is free right after', async () => {
    const names = Array.from({ length: 50_000 }, (_, i) => (i < 4 ? ['event_id', 'ticket_id', 'type', 'occurred_at'][i] : `c${i}`));
    const wide = `${names.join(',')}\n${names.map((_, i) => (i === 0 ? 'w1' : '')).join(',')}\n`;
    const answer = await post(wide, { type: 'text/csv' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('the request body:1: has 50,000 columns in its header line; at most 1,000 are read ' +
      '(an event export needs tens): drop the columns that are not needed and send it again');
    const next = await post(events('after-wide'), { type: 'text/csv' });
    expect(next.status).toBe(200);
    expect(next.body.accepted).toBe(2);
  });

  it('answers garbage sent as an Arrow IPC stream with a 400 that says so', async () => {
    const garbage = new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
    const answer = await post(garbage, { type: 'application/vnd.apache.arrow.stream' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/^the request body: is not an Arrow IPC stream \(.*\); send the stream format/);
  });
});

describe('multi-file batches', () => {
  it('the CLI sends good.csv and empty.csv to the server as one batch: nothing is committed, the error names empty.csv', async () => {
    writeFileSync(join(work, 'good.csv'), events('multi'));
    writeFileSync(join(work, 'empty.csv'), HEADER);
    const before = await eventCount();
    const run = await cliIngest(['good.csv', 'empty.csv']).done;
    expect(run.err).toContain('sending the batch there');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/deskpulse: empty\.csv: has a header but no rows/);
    expect(run.err).not.toContain(spool);
    expect(run.err).not.toMatch(/deskpulse-http-|part-\d/);
    expect(await eventCount()).toBe(before);
  }, 60_000);

  it('several good files through the server are one run', async () => {
    writeFileSync(join(work, 'a.csv'), events('run-a'));
    writeFileSync(join(work, 'b.ndjson'), `{"event_id":"run-b","ticket_id":"run-bT","type":"created","occurred_at":"2026-03-02T09:00:00+08:00","channel":"chat"}\n`);
    const run = await cliIngest(['a.csv', 'b.ndjson']).done;
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^run \d+: 3 rows read, 3 accepted/);
    expect(run.out.match(/^run /gm)).toHaveLength(1);
  }, 60_000);
});

describe('a busy write queue', () => {
  it('refuses a fifth batch while four are queued, with 429, Retry-After and what it waits for; the CLI waits its turn', async () => {
    const before = await eventCount();
    const held = [0, 1, 2, 3].map(() => heldUpload());
    await until(() => spoolFolders() === 4, 'four batches are admitted');

    const refused = await post(events('refused'), { type: 'text/csv' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body).toMatchObject({ error: 'Busy', retryAfter: 5, uploading: 4, waiting: 0 });
    expect(refused.body.message).toMatch(/4 batches are already queued.*nothing from this batch was written: send it again after 5 s/);

    writeFileSync(join(work, 'patient.csv'), events('patient'));
    const cli = cliIngest(['patient.csv']);
    await until(() => cli.stderr().includes('sending the batch again in 5 s'), 'the CLI is told to wait');

    const answers = await Promise.all(held.map((h, i) => h.finish(`held-${i},held-T${i},created,2026-03-02T09:00:00+08:00,chat\n`)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/2 accepted/);
    expect(await eventCount()).toBe(before + 4 + 2);
    expect(spoolFolders()).toBe(0);
  }, 60_000);
});
