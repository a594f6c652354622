import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../../cli/commands/forecast.ts';

const FIXTURE = 'test/forecasting/fixtures/daily-calls.csv';

async function run(...args: string[]): Promise<{ out: string; err: string }> {
  const program = new Command('deskpulse').exitOverride();
  register(program);
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err += String(chunk); return true; });
  await program.parseAsync(['node', 'deskpulse', 'forecast', ...args]);
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe('deskpulse forecast --series', () => {
  it('prints the chosen model, its backtest scores and one JSON row per open future day in the file notation', async () => {
    const { out, err } = await run('--series', FIXTURE, '--horizon', '14d', '--tz', 'Europe/Berlin', '--json');
    const json = JSON.parse(out);
    const q = json.queues[0];
    expect(q.interval).toBe('daily');
    expect(q.explanation).toMatch(/chosen: MASE/);
    expect(q.backtest.scores.map((s: { model: string }) => s.model)).toEqual(['seasonal-naive', 'holt-winters', 'calendar-regression', 'weekday-slot-mean', 'day-type', 'combination']);
    // Sundays were never in the file: 12 open days in two weeks, written like the file's dates.
    expect(q.intervals.length).toBe(12);
    expect(q.intervals[0].timestamp).toBe('09.03.2026');
    expect(q.intervals.map((i: { timestamp: string }) => i.timestamp)).not.toContain('15.03.2026');
    for (const i of q.intervals) expect(i.p10 <= i.p50 && i.p50 <= i.p90).toBe(true);
    expect(err).toContain('time zone Europe/Berlin (given)');
  });

  it('lists the top intervals and every interval above a threshold', async () => {
    const { out } = await run('--series', FIXTURE, '--horizon', '7d', '--top', '2', '--threshold', '120', '--json');
    const q = JSON.parse(out).queues[0];
    expect(q.peaks.length).toBe(2);
    expect(q.peaks[0].p50).toBe(Math.max(...q.intervals.map((i: { p50: number }) => i.p50)));
    expect(q.aboveThreshold.threshold).toBe(120);
    expect(q.aboveThreshold.intervals).toEqual(q.intervals.filter((i: { p50: number }) => i.p50 > 120));
    expect(q.aboveThreshold.intervals.length).toBeGreaterThan(0);
    await expect(run('--series', FIXTURE, '--top', 'many')).rejects.toThrow('--top many: give a whole number');
  });

  it('prints CSV rows on stdout and the model summary on stderr', async () => {
    const { out, err } = await run('--series', FIXTURE, '--horizon', '7d', '--csv');
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('queue,timestamp,p10,p50,p90');
    expect(lines.length).toBe(1 + 6);
    expect(lines[1]).toMatch(/^test\/forecasting\/fixtures\/daily-calls\.csv,09\.03\.2026,[\d.]+,[\d.]+,[\d.]+$/);
    expect(err).toMatch(/daily-calls\.csv: .* chosen: MASE/);
  });

  it('refuses contradictory flags', async () => {
    await expect(run('--series', FIXTURE, '--json', '--csv')).rejects.toThrow('choose one of --json and --csv');
    await expect(run('--series', FIXTURE, '--apply')).rejects.toThrow('--apply and --dry-run work on warehouse queues');
    await expect(run('--series', FIXTURE, '--interval', '60m')).rejects.toThrow('cannot turn a daily series into 60m periods');
  });
});
