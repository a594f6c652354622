// `deskpulse forecast --series`: an empty forecast fails with its reason in a real child process
// (never an empty file and exit 0), and --events feeds holidays and promotion days to the models.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../cli/commands/forecast.ts';
import { assertFreshServerBuild } from '../support/fresh-build.ts';

// These tests run bin/deskpulse.js, which runs dist/: never a build older than the sources.
assertFreshServerBuild();

const dir = mkdtempSync(join(tmpdir(), 'deskpulse-forecast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deskpulse = (args: string[]) => spawnSync('node', ['bin/deskpulse.js', 'forecast', ...args],
  { encoding: 'utf8', env: { ...process.env, DESKPULSE_CONFIG: join(dir, 'none.yaml') } });

/** The same command in this process (faster), printing to strings. */
async function inProcess(args: string[]): Promise<string> {
  const program = new Command('deskpulse').exitOverride();
  register(program);
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out += String(chunk); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await program.parseAsync(['node', 'deskpulse', 'forecast', '--config', join(dir, 'none.yaml'), ...args]);
  vi.restoreAllMocks();
  return out;
}
afterEach(() => vi.restoreAllMocks());

/** Weekday-only daily counts over `weeks` weeks from Monday 2026-01-05, `promo` days x3. */
function weekdayFile(name: string, weeks: number, promo: string[] = []): string {
  const rows = ['date,count'];
  for (let d = 0; d < weeks * 7; d++) {
    const day = DateTime.fromISO('2026-01-05', { zone: 'UTC' }).plus({ days: d });
    if (day.weekday > 5) continue;
    const base = 100 + ((d * 37) % 11) - 5 + [20, 10, 0, -5, -15][day.weekday - 1]!;
    rows.push(`${day.toISODate()},${promo.includes(day.toISODate()!) ? 3 * base : base}`);
  }
  const file = join(dir, name);
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('deskpulse forecast --series (child process)', () => {
  const file = weekdayFile('weekdays.csv', 6); // ends on Friday 2026-02-13

  it('fails with the reason when no period ahead is open, in every output format', () => {
    for (const format of [[], ['--csv']]) {
      const r = deskpulse(['--series', file, '--horizon', '2d', '--tz', 'UTC', ...format]);
      expect(r.status).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('no period of the 2d ahead is open');
      expect(r.stderr).toContain('last 4 weeks');
    }
  });

  it('reads holidays and promotion days from --events and forecasts a promotion like the last one', async () => {
    const promos = weekdayFile('promos.csv', 10, ['2026-01-21', '2026-02-04', '2026-02-18', '2026-03-04']);
    const events = join(dir, 'events.csv');
    writeFileSync(events, 'date,kind\n2026-01-21,promotion\n2026-02-04,promotion\n2026-02-18,promotion\n2026-03-04,promotion\n2026-03-18,promotion\n2026-03-16,holiday\n');
    const p50On = async (args: string[]) => {
      const rows = JSON.parse(await inProcess(['--series', promos, '--horizon', '14d', '--tz', 'UTC', '--json', ...args])).queues[0].intervals as { timestamp: string; p50: number }[];
      return (date: string) => rows.find((i) => i.timestamp.startsWith(date))!.p50;
    };
    const withEvents = await p50On(['--events', events]);
    const without = await p50On([]);
    // Wednesday 18 March is a promotion day: about three times the next Wednesday with --events only.
    expect(withEvents('2026-03-18') / withEvents('2026-03-25')).toBeGreaterThan(2);
    expect(without('2026-03-18') / without('2026-03-25')).toBeLessThan(1.5);

    writeFileSync(events, 'date,kind\n2026-03-18,sale\n');
    await expect(inProcess(['--series', promos, '--events', events, '--tz', 'UTC'])).rejects
      .toThrow('line 2, column "kind": kind "sale" is not one of holiday, promotion');
  });
});
