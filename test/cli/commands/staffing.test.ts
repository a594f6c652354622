import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerForecast } from '../../../cli/commands/forecast.ts';
import { register } from '../../../cli/commands/staffing.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { loadPlanningTickets, planningFiles, RULES, type PlanningFiles } from '../../forecasting/fixtures/planning.ts';

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const program = new Command('deskpulse').exitOverride();
  register(program);
  registerForecast(program);
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
  await program.parseAsync(['node', 'deskpulse', ...args]);
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

const TEXTBOOK = ['staffing', 'calc', '--volume', '100', '--interval', '30m', '--aht', '180s', '--target', '0.8', '--within', '20s'];

describe('deskpulse staffing calc', () => {
  // The callcentrehelper.com worked example (see test/forecasting/staffing/erlang-c.test.ts):
  // 100 calls in 30 min, AHT 180 s, 80% in 20 s, 30% shrinkage -> 14 agents, 20 scheduled.
  it('prints agents before and after shrinkage, service level, ASA, occupancy and probability of waiting', async () => {
    const { out } = await run(...TEXTBOOK, '--shrinkage', '0.3', '--max-occupancy', '0.85');
    expect(out).toContain('10.00 Erlangs');
    expect(out).toContain('agents working (before shrinkage): 14 (set by the service-level target)');
    expect(out).toContain('agents to schedule (after shrinkage): 20');
    expect(out).toContain('service level: 88.8% answered within 20 s');
    expect(out).toContain('average speed of answer: 7.8 s');
    expect(out).toContain('occupancy: 71.4%');
    expect(out).toContain('probability of waiting: 17.4%');
  });

  it('prints JSON; without shrinkage the scheduled agents are the working ones; an occupancy cap adds agents', async () => {
    const plain = JSON.parse((await run(...TEXTBOOK, '--json')).out);
    expect(plain).toMatchObject({ traffic: 10, agents: 14, scheduledAgents: 14, boundBy: 'service-level' });
    expect(plain.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(plain.asaSeconds).toBeCloseTo(7.84, 2);
    const capped = JSON.parse((await run(...TEXTBOOK, '--max-occupancy', '0.6', '--json')).out);
    expect(capped).toMatchObject({ agents: 17, boundBy: 'occupancy' });
  });

  it('says which flag is wrong and what to give', async () => {
    await expect(run('staffing', 'calc', '--volume', 'many', '--interval', '30m', '--aht', '180s', '--target', '0.8', '--within', '20s'))
      .rejects.toThrow('--volume many: give the arrivals in the interval');
    await expect(run(...TEXTBOOK.slice(0, 6), '--aht', 'long', '--target', '0.8', '--within', '20s')).rejects.toThrow('--aht long: give a duration such as 180s');
    await expect(run(...TEXTBOOK, '--shrinkage', '1')).rejects.toThrow('--shrinkage 1: give a share in [0, 1)');
    await expect(run(...TEXTBOOK.slice(0, 4), '--interval', 'half-hour', ...TEXTBOOK.slice(6))).rejects.toThrow('--interval half-hour');
  });
});

describe('forecast --dry-run / --apply and staffing export on a warehouse file', () => {
  let db: string;
  let files: PlanningFiles;
  beforeAll(async () => {
    db = join(mkdtempSync(join(tmpdir(), 'deskpulse-cli-')), 'w.duckdb');
    const w = await Warehouse.open(db);
    await loadPlanningTickets(w);
    w.close();
    files = planningFiles();
  }, 30_000);

  it('dry run prints the diff, applies only with --apply, then exports the kept run', async () => {
    const common = ['--db', db, '--config', files.configPath, '--queue', 'returns', '--horizon', '2d'];
    const dry = await run('forecast', ...common, '--dry-run', '--json');
    const body = JSON.parse(dry.out);
    expect(body.dispatchRules).toMatchObject({ dryRun: true, changed: true, versionId: null, queues: ['returns'] });
    expect(body.dispatchRules.diff).toContain('+    staffing:\n');
    expect(readFileSync(files.rulesPath, 'utf8')).toBe(RULES);
    expect(dry.err).toMatch(/warning: queue returns: .* max_open_per_agent 2/);

    const applied = await run('forecast', ...common, '--apply', '--who', 'ana');
    expect(applied.out).toContain('+      method: erlang_c\n');
    expect(applied.err).toMatch(/wrote the staffing of returns; recorded as dispatch-rules version 1/);
    expect(readFileSync(files.rulesPath, 'utf8')).toContain('    max_open_per_agent: 2   # deliberately small: the capacity warning fires\n');
    const w = await Warehouse.open(db);
    const v = await w.db.runAndReadAll('SELECT applied_by, forecast_run_id FROM dispatch_rule_versions');
    w.close();
    expect(v.getRows().map(([who, run]) => [who, Number(run)])).toEqual([['ana', 2]]);

    const csv = await run('staffing', 'export', '--format', 'csv', '--db', db, '--config', files.configPath);
    const lines = csv.out.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Queue,Queue name,Method,Interval start,/);
    expect(lines.length).toBe(1 + 2 * 14);
    // From the hour of the latest ticket (20:00 on 1 March, not yet complete), 48 hours of open hours;
    // the queue named in the export's language (English by default).
    expect(lines[1]).toMatch(/^returns,Returns & exchanges,erlang_c,2026-03-01T20:00:00\+08:00,60,[\d.]+,[\d.]+,[\d.]+,300,default,yes,\d+,\d+,\d+,[\d.]*,\d+,/);
    const out = join(files.dir, 'staffing.xlsx');
    const xlsx = await run('staffing', 'export', '--format', 'xlsx', '--out', out, '--lang', 'zh', '--db', db, '--config', files.configPath);
    expect(xlsx.err).toContain(`wrote 28 rows (forecast run 2) to ${out}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets[0]!.getRow(1).getCell(1).value).toBe('队列');
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('售后退换货');
    await expect(run('staffing', 'export', '--format', 'pdf', '--db', db, '--config', files.configPath)).rejects.toThrow('--format pdf: choose csv or xlsx');
  });
});
