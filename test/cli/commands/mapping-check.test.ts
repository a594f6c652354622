import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

// `deskpulse mapping check` as a user runs it, on the ticket-list fixtures (GB18030 with 6 bad rows of 14).
const fixtures = resolve(import.meta.dirname, '../../ingest/mapping/fixtures');
const GB18030 = join(fixtures, 'ticketlist-gb18030.csv');
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-mapping-check-'));
const db = join(dir, 'never-made.duckdb');

function check(args: string[]) {
  const run = spawnSync('node', ['bin/deskpulse.js', 'mapping', 'check', ...args], { env: { ...process.env, DESKPULSE_DB: db }, encoding: 'utf8' });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('deskpulse mapping check', () => {
  it('previews events, fill rates and row errors as a table, writing nothing', () => {
    const run = check([GB18030, '--mapping', 'ticketlist', '--encoding', 'gb18030', '--rows', '8']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('ticketlist (tickets mode) on ' + GB18030 + ': 14 rows read, 8 mapped into 37 events, 6 with errors. Nothing was written.');
    expect(run.out).toContain('Events by type: created 8, assigned 7, replied 6, resolved 5, status_changed 4, rated 4, closed 3');
    // 7 of 8 tickets name an agent (one is unanswered), 4 were rated (满意 and 不满意 included), none has a subtype
    expect(run.out).toMatch(/^ {2}agent_id +7 +87\.5%$/m);
    expect(run.out).toMatch(/^ {2}rating +4 +50%$/m);
    expect(run.out).toMatch(/^ {2}problem_subtype +0 +0%$/m);
    expect(run.out).toContain('  line 12: column "解决时间": "2026-03-02 14:00:00" is earlier than the creation time in column "创建时间"');
    expect(run.out).toContain('  line 14: column "状态": "已归档" is not in tickets.status.on of ingest/mappings/ticketlist.mapping.yaml');
    // The preview: the first ticket's six events in the derivation's order, CJK columns aligned.
    const preview = run.out.slice(run.out.indexOf('First 8 events')).split('\n');
    expect(preview[1]).toMatch(/^ {2}line {2}ticket_id {6}type {12}occurred_at {16}actor {2}agent_id {2}team_id/);
    expect(preview.slice(2, 8).map((l) => l.split(/ {2,}/).slice(2, 4))).toEqual([
      ['GD20260302001', 'created'], ['GD20260302001', 'assigned'], ['GD20260302001', 'replied'],
      ['GD20260302001', 'resolved'], ['GD20260302001', 'rated'], ['GD20260302001', 'closed'],
    ]);
    // Aligned on a terminal, where 张伟 and 售后一组 take two columns per character.
    const column = (line: string, text: string) => line.slice(0, line.indexOf(text)).replace(/[\u4e00-\u9fff]/g, '__').length;
    for (const line of preview.slice(2, 8)) {
      expect(column(line, '售后一组')).toBe(column(preview[1]!, 'team_id'));
      expect(column(line, 'phone')).toBe(column(preview[1]!, 'channel'));
    }
    expect(run.out).toContain('(hashed)');
    expect(run.out).not.toContain('13800000001'); // the caller, a personal column
    expect(existsSync(db)).toBe(false);
  }, 30_000);

  it('gives scripts JSON: counts, per-field fill, row errors and the first N events', () => {
    const run = check([GB18030, '--mapping', 'ticketlist', '--encoding', 'gb18030', '--rows', '3', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out);
    expect(result).toMatchObject({ fits: true, mapping: 'ticketlist', mode: 'tickets', rows: { read: 14, mapped: 8, errors: 6 }, events: { total: 37 } });
    expect(result.fill.find((f: { field: string }) => f.field === 'comment')).toEqual({ field: 'comment', rows: 3, share: 3 / 8 });
    expect(result.rowErrors.map((e: { line: number }) => e.line)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(result.preview).toEqual([
      expect.objectContaining({ line: 2, ticket_id: 'GD20260302001', type: 'created', occurred_at: '2026-03-02T01:00:00+00:00', team_id: '售后一组', agent_id: null, customer_id: '(hashed)' }),
      expect.objectContaining({ line: 2, type: 'assigned', occurred_at: '2026-03-02T01:12:00+00:00', agent_id: '张伟' }),
      expect.objectContaining({ line: 2, type: 'replied', actor: 'agent', occurred_at: '2026-03-02T01:12:00+00:00' }),
    ]);
  }, 30_000);

  it('exits 1 listing every column the mapping names and the file lacks, at file:line:column', () => {
    const mapping = join(dir, 'my-desk.mapping.yaml');
    writeFileSync(mapping, readFileSync('ingest/mappings/ticketlist.mapping.yaml', 'utf8').replace('ticket_id: 工单编号', 'ticket_id: 工单号').replaceAll('满意度评分', '满意度'));
    const run = check([GB18030, '--mapping', mapping, '--encoding', 'gb18030', '--json']);
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.out);
    expect(answer).toMatchObject({ fits: false, columns: expect.arrayContaining(['工单编号', '满意度评分']) });
    expect(answer.missingColumns.map((m: { column: string; path: string }) => [m.column, m.path])).toEqual([
      ['工单号', 'ticket_id'], ['满意度', 'fields.rating.column'],
    ]);
    expect(run.err).toMatch(/the mapping does not fit .*ticketlist-gb18030\.csv: 2 column\(s\) it names are not in the file as named:\n {2}.*my-desk\.mapping\.yaml:15:12: ticket_id: "工单号" is not a column of the file\n {2}.*my-desk\.mapping\.yaml:\d+:\d+: fields\.rating\.column: "满意度" is not a column of the file\nThe file's columns are: 工单编号, 标题, 创建时间/);
  }, 30_000);

  it('exits 1 when no row of the file can be mapped', () => {
    const file = join(dir, 'all-bad.csv');
    writeFileSync(file, '工单编号,创建时间,首次回复时间,解决时间,关闭时间,状态,渠道,问题类型,优先级,处理人,处理组,客户,产品,区域,满意度评分,评价内容,重开次数\n' +
      ',2026-03-02 09:00:00,,,,待处理,电话,退款,中,,售后一组,,,,,,0\n');
    const run = check([file, '--mapping', 'ticketlist']);
    expect(run.code).toBe(1);
    expect(run.out).toContain('1 rows read, 0 mapped into 0 events, 1 with errors');
    expect(run.err).toContain(`no row of ${file} could be mapped; the row errors above say why`);
  }, 30_000);

  it('says to pass --encoding when the file is not UTF-8', () => {
    const run = check([GB18030, '--mapping', 'ticketlist']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/ticketlist-gb18030\.csv:1: the header line is not UTF-8 text: pass the file's encoding with --encoding \(e\.g\. gb18030/);
    const format = check([GB18030, '--mapping', 'ticketlist', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/argument 'xml' is invalid\. Allowed choices are csv, ndjson, json, parquet/);
  }, 30_000);
});
