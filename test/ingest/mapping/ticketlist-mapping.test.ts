import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../../../ingest/mapping/load-mapping.ts';
import { MappingError } from '../../../ingest/mapping/mapping-error.ts';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

// The shipped ticket-list mapping (one row per ticket, Chinese headers) through the real CLI, on
// fixtures built in the shapes such exports have: GB18030 from Excel (CRLF, a quoted comma, an
// Excel-style 2026/3/2 10:10), and a later re-export in UTF-8 with a BOM.
const fixture = (name: string) => resolve(import.meta.dirname, 'fixtures', name);
const GB18030 = fixture('ticketlist-gb18030.csv');
const BOM = fixture('ticketlist-utf8-bom.csv');

function deskpulse(args: string[], db: string) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db], { env: { ...process.env, DESKPULSE_PII_KEY: 'k' }, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

async function tickets(db: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT ticket_id, status, agent_id, team_id, channel, priority, rating, rating_comment, reopen_count,
        strftime(timezone('UTC', created_at), '%Y-%m-%dT%H:%M') AS created, epoch(first_response_at - created_at)::INTEGER AS frt_s,
        epoch(resolved_at - created_at)::INTEGER AS resolution_s, strftime(timezone('UTC', closed_at), '%Y-%m-%dT%H:%M') AS closed
      FROM tickets ORDER BY ticket_id`);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// Hand-computed from the fixture rows (Asia/Shanghai, UTC+8): FRT = 首次回复时间 - 创建时间,
// resolution = 解决时间 - 创建时间 (only while no later working status reopens it).
const T = (id: string, status: string, agent: string | null, team: string, channel: string, priority: string, rating: number | null,
  comment: string | null, reopens: number, created: string, frt: number | null, resolution: number | null, closed: string | null) => ({
  ticket_id: id, status, agent_id: agent, team_id: team, channel, priority, rating, rating_comment: comment, reopen_count: reopens,
  created, frt_s: frt, resolution_s: resolution, closed,
});
const FIRST_EXPORT = [
  T('GD20260302001', 'closed', '张伟', '售后一组', 'phone', 'normal', 5, '处理很快', 0, '2026-03-02T01:00', 12 * 60, 90 * 60, '2026-03-03T02:30'),
  T('GD20260302002', 'new', null, '售后一组', 'chat', 'high', null, null, 0, '2026-03-02T01:05', null, null, null), // unanswered
  T('GD20260302003', 'resolved', '王芳', '售后二组', 'wechat', 'normal', 4, null, 0, '2026-03-02T01:30', 60, 90 * 60, null), // 满意 -> 4, not closed
  T('GD20260302004', 'open', '张伟', '售后一组', 'email', 'high', null, null, 1, '2026-03-02T02:00', 20 * 60, null, null), // 处理中 after 解决时间: reopened
  T('GD20260302005', 'closed', '王芳', '售后二组', 'app', 'low', 2, '等太久了', 0, '2026-03-02T15:50', 8 * 3600 + 15 * 60, 9 * 3600 + 10 * 60, '2026-03-04T01:00'),
  T('GD20260302006', 'open', '李娜', '技术支持组', 'web', 'urgent', null, null, 0, '2026-03-02T02:10', null, null, null), // taken, no reply yet
  T('GD20260302007', 'pending', '李娜', '技术支持组', 'wechat', 'normal', null, null, 0, '2026-03-02T03:00', 30 * 60, null, null), // 小程序, 等待客户回复
  T('GD20260302008', 'closed', '王芳', '售后二组', 'phone', 'high', 1, '没解决', 0, '2026-03-02T05:00', 2 * 60, 3600, '2026-03-02T06:00'),
];

describe('the ticketlist mapping (tickets mode)', () => {
  it('ingests a GB18030 ticket list into the hand-computed tickets, quarantining each bad row whole with its reason', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-ticketlist-')), 'w.duckdb');
    const run = deskpulse(['ingest', GB18030, '--mapping', 'ticketlist', '--encoding', 'gb18030', '--json'], db);
    expect(run.err).not.toMatch(/deskpulse:/);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.out);
    // 8 good tickets: 6 + 2 + 5 + 5 + 6 + 3 + 4 + 6 events (a status equal to a dated event is that event).
    expect(summary).toMatchObject({ rowsRead: 14, accepted: 37, duplicates: 0, quarantined: 6, ticketsTouched: 8 });
    expect(summary.quarantine.map((q: { position: string; reason: string }) => [q.position, q.reason.split('; ')[0]])).toEqual([
      ['line 10', 'column "工单编号" is empty: every row needs a ticket id (mapping key ticket_id)'],
      ['line 11', expect.stringMatching(/^column "创建时间": "2026-02-30 10:00:00" is not a time in the formats of time.formats/)],
      ['line 12', 'column "解决时间": "2026-03-02 14:00:00" is earlier than the creation time in column "创建时间"'],
      ['line 13', expect.stringMatching(/^column "满意度评分": "7" is not in fields.rating.values of .*ticketlist.mapping.yaml/)],
      ['line 14', expect.stringMatching(/^column "状态": "已归档" is not in tickets.status.on of /)],
      ['line 15', 'column "处理人" is empty, but the replied event at column "首次回复时间" needs its agent (mapping key fields.agent_id)'],
    ]);
    expect(await tickets(db)).toEqual(FIRST_EXPORT);

    // A later export of the list (UTF-8 with BOM): the unanswered ticket was answered and resolved,
    // an unchanged row repeats its events, and a new ticket comes from a channel the table lacks.
    const later = JSON.parse(deskpulse(['ingest', BOM, '--mapping', 'ticketlist', '--json'], db).out);
    expect(later).toMatchObject({ rowsRead: 3, accepted: 4 + 4, duplicates: 1 + 6, quarantined: 0, ticketsTouched: 2 });
    const after = await tickets(db);
    expect(after.find((t) => t.ticket_id === 'GD20260302002')).toEqual(
      T('GD20260302002', 'resolved', '赵敏', '售后一组', 'chat', 'high', 4, null, 0, '2026-03-02T01:05', 4 * 3600 + 15 * 60, 6 * 3600 + 55 * 60, null));
    expect(after.find((t) => t.ticket_id === 'GD20260303020')).toMatchObject({ status: 'open', channel: '微博', frt_s: 180 });
    expect(after.filter((t) => !['GD20260302002', 'GD20260303020'].includes(String(t.ticket_id)))).toEqual(FIRST_EXPORT.filter((t) => t.ticket_id !== 'GD20260302002'));
  }, 60_000);

  it('says to pass --encoding when a GB18030 file is read as UTF-8, instead of listing garbled headers', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'deskpulse-ticketlist-')), 'w.duckdb');
    const run = deskpulse(['ingest', GB18030, '--mapping', 'ticketlist'], db);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/ticketlist-gb18030\.csv:1: the header line is not UTF-8 text: pass the file's encoding with --encoding \(e\.g\. gb18030/);
    expect(run.err).not.toContain('\uFFFD');
  }, 30_000);
});

describe('tickets: in a mapping file', () => {
  const BASE = `version: 1
time: { formats: [iso8601], zone: Asia/Shanghai }
ticket_id: id
occurred_at: created
fields: { agent_id: agent }
tickets:
  events:
    - { type: replied, actor: agent, at: first_reply }
    - { type: resolved, at: [resolved, closed] }
  status:
    column: state
    on: { 处理中: { type: status_changed, status: open } }
`;
  const errorOf = (text: string): MappingError => {
    try {
      parseMapping(text, 't.mapping.yaml');
    } catch (err) {
      expect(err).toBeInstanceOf(MappingError);
      return err as MappingError;
    }
    throw new Error('expected a MappingError');
  };

  it('decodes dated columns (one or a list, the first with a value) and the status table', () => {
    const m = parseMapping(BASE, 't.mapping.yaml');
    expect(m.rows.mode).toBe('tickets');
    if (m.rows.mode !== 'tickets') return;
    expect(m.rows.events.map((e) => [e.spec.type, e.at.map((c) => c.text)])).toEqual([['replied', ['first_reply']], ['resolved', ['resolved', 'closed']]]);
    expect(m.rows.status?.on.entries.get('处理中')).toMatchObject({ type: 'status_changed', status: 'open' });
  });

  it('refuses, at file:line:column, a created event, a status field, a time-less event and a second mode', () => {
    expect(errorOf(BASE.replace('type: resolved,', 'type: created,'))).toMatchObject({
      line: 9, column: 9, path: 'tickets.events[1].type', reason: expect.stringMatching(/created event of a ticket row is at occurred_at/),
    });
    expect(errorOf(BASE.replace('{ agent_id: agent }', '{ agent_id: agent, status: state }'))).toMatchObject({
      line: 5, column: 28, path: 'fields.status', reason: expect.stringMatching(/comes from tickets.status/),
    });
    expect(errorOf(BASE.replace(', at: first_reply', ''))).toMatchObject({
      line: 8, column: 7, path: 'tickets.events[0]', reason: expect.stringMatching(/^missing key "at" in a ticket event/),
    });
    expect(errorOf(`${BASE}events: { type: { column: a, on: { x: created } } }\n`).reason).toMatch(/add exactly one of events: .* snapshots: .* or tickets:/);
  });
});
