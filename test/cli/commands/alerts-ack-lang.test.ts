// `deskpulse alerts ack` in the reader's language, as a child process on a small demo warehouse:
// --lang, else the shell's locale; what it says (acknowledged, no such alert, resolved already) and
// its help in Chinese with no English word but data (the id, the command it names); English as before.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveAlert, type StoredAlert } from '../../../alerts/engine/alert-store.ts';
import { deskpulse } from '../../e2e/support/e2e-server.ts';

let db = '';
let config = '';
const ENV = { LC_ALL: '', LC_MESSAGES: '', LANG: '', DESKPULSE_PII_KEY: 'lang' };

function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('node', ['bin/deskpulse.js', 'alerts', 'ack', ...args, '--db', db, '--config', config], { encoding: 'utf8', env: { ...process.env, ...ENV, ...env } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
/** Latin words left once the data named are taken out. */
const english = (text: string, data: string[]) => data.reduce((rest, d) => rest.split(d).join(' '), text).match(/[A-Za-z]{2,}/g) ?? [];

const alert = (alert_id: string, state: StoredAlert['state']): StoredAlert => ({
  alert_id, rule_id: alert_id, group_key: '', kind: 'threshold', state, teams: ['returns'], title: `${alert_id}: volume 90`, detail: {},
  first_fired_at: '2026-12-01T08:00:00.000Z', last_seen_at: '2026-12-01T08:30:00.000Z', last_notified_at: null, notify_level: 0,
  acknowledged_by: null, acknowledged_at: null, resolved_at: state === 'resolved' ? '2026-12-01T09:00:00.000Z' : null,
});

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-ack-lang-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, config] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml')];
  deskpulse(['demo', '--days', '2', '--tickets-per-day', '10', '--seed', '7'], db, config);
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  for (const a of [alert('spike-zh', 'firing'), alert('spike-en', 'firing'), alert('spike-locale', 'firing'), alert('old', 'resolved')]) await saveAlert(connection, a);
  connection.closeSync();
  instance.closeSync();
}, 120_000);

describe('deskpulse alerts ack --lang', () => {
  it('acknowledges in Chinese with --lang zh, and by a zh locale', () => {
    expect(cli(['spike-zh', '--lang', 'zh'])).toMatchObject({ code: 0, out: '已确认 spike-zh\n' });
    expect(cli(['spike-locale'], { LANG: 'zh_CN.UTF-8' })).toMatchObject({ code: 0, out: '已确认 spike-locale\n' });
  });

  it('says in Chinese that an alert is unknown or resolved already, with no English word but the data', () => {
    const missing = cli(['nope', '--lang', 'zh']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('deskpulse: 没有告警 "nope"：`deskpulse alerts list` 列出全部告警\n');
    const resolved = cli(['old', '--lang', 'zh']);
    expect(resolved.code).toBe(1);
    expect(resolved.err).toContain('告警 "old" 已恢复，无需确认');
    expect(english(missing.err + resolved.err, ['deskpulse alerts list', 'deskpulse', 'nope', 'old'])).toEqual([]);
  });

  it('writes English by default and with --lang en', () => {
    expect(cli(['spike-en'])).toMatchObject({ code: 0, out: 'acknowledged spike-en\n' });
    expect(cli(['old', '--lang', 'en']).err).toBe('deskpulse: alert "old" is resolved already; nothing to acknowledge\n');
    expect(cli(['nope']).err).toBe('deskpulse: no alert "nope"; `deskpulse alerts list` prints them\n');
    expect(cli(['old', '--lang', 'fr']).err).toContain('--lang fr: choose en or zh');
  });

  it('gives its help in Chinese with --lang zh', () => {
    const help = cli(['--help', '--lang', 'zh']);
    expect(help.out).toContain('确认告警：不再提醒，也不再升级');
    expect(help.out).toContain('告警编号');
    expect(help.out).toContain('文字的语言');
  });
});
