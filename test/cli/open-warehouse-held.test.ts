// A warehouse file another process holds, as every CLI command that opens it says so: which process
// and what to do, in the run's language (--lang where the command has it, else the locale).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

assertFreshServerBuild();

let db = '';
let holder: ChildProcess;
const ENV = { LC_ALL: '', LC_MESSAGES: '', LANG: '', DESKPULSE_PII_KEY: 'held' };

function deskpulse(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db], { encoding: 'utf8', env: { ...process.env, ...ENV, ...env } });
  return { code: run.status, err: run.stderr };
}

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'deskpulse-held-')), 'w.duckdb');
  expect(spawnSync('node', ['bin/deskpulse.js', 'migrate', '--db', db], { encoding: 'utf8', env: { ...process.env, ...ENV } }).status).toBe(0);
  // Another process (not a DeskPulse server) holds the file open for writing.
  holder = spawn('node', ['-e', `import('@duckdb/node-api').then(async (d) => { await (await d.DuckDBInstance.create(${JSON.stringify(db)})).connect(); console.log('held'); setInterval(() => {}, 1000); })`],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready) => holder.stdout!.once('data', () => ready()));
}, 60_000);

afterAll(() => { holder?.kill('SIGTERM'); });

describe('a warehouse file held by another process', () => {
  it('is said in Chinese with --lang zh or a zh locale, in English otherwise, naming the process', () => {
    const zh = deskpulse(['alerts', 'ack', 'a1', '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(new RegExp(`^deskpulse: ${db.replaceAll('.', '\\.')} 正被另一个进程（PID \\d+）占用：请先停止它，或把这项工作交给该服务器\\n$`));
    expect(deskpulse(['quarantine', 'list'], { LANG: 'zh_CN.UTF-8' }).err).toContain(' 正被另一个进程（PID ');
    const en = deskpulse(['alerts', 'ack', 'a1']);
    expect(en.err).toMatch(/ is held by another process \(PID \d+\); stop it, or send the work to that server\n$/);
    expect(deskpulse(['alerts', 'ack', 'a1', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }).err).toContain(' is held by another process');
  });
});
