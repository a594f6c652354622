import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { readDemoConfig } from '../../../ingest/demo/demo-config.ts';
import { planDemo } from '../../../ingest/demo/demo-plan.ts';
import { demoFormat, writeDemo } from '../../../ingest/demo/write-demo.ts';
import { EVENT_FIELDS } from '../../../warehouse/event-model.ts';
import { SMALL, collect, fixtureConfig } from './fixtures/demo-fixture.ts';

const tiny = { ...SMALL, days: 15, ticketsPerDay: 40 };
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-demo-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run("SET TimeZone = 'UTC'");
  const rows = (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  db.closeSync();
  instance.closeSync();
  return rows;
}

describe('writeDemo', () => {
  const expected = collect(tiny);

  it('writes CSV with a header in event-model order and the generated values', async () => {
    const { file, events } = await writeDemo({ ...tiny, out: join(dir, 'demo.csv') });
    expect(events).toBe(expected.length);
    const rows = await query(`SELECT * FROM read_csv('${file}', all_varchar = true, header = true)`);
    expect(Object.keys(rows[0]!)).toEqual(EVENT_FIELDS.map((f) => f.name));
    rows.forEach((row, i) => {
      const event = expected[i]! as unknown as Record<string, unknown>;
      for (const { name } of EVENT_FIELDS) {
        const want = event[name] === undefined ? null : name === 'attrs' ? JSON.stringify(event[name]) : String(event[name]);
        expect(row[name] ?? null, `${event.event_id} ${name}`).toBe(want);
      }
    });
  });

  it('writes Parquet with typed columns and the same events', async () => {
    const { file } = await writeDemo({ ...tiny, out: join(dir, 'demo.parquet') });
    const types = await query(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      event_id: 'VARCHAR', occurred_at: 'TIMESTAMP WITH TIME ZONE', rating: 'TINYINT', handle_seconds: 'DOUBLE', type: 'VARCHAR',
    });
    const rows = await query(`SELECT event_id, epoch(occurred_at) AS t, rating, agent_id, attrs::VARCHAR AS attrs FROM read_parquet('${file}')`);
    expect(rows.map((r) => r.event_id)).toEqual(expected.map((e) => e.event_id));
    rows.forEach((row, i) => {
      const event = expected[i]!;
      expect(Number(row.t)).toBe(Date.parse(event.occurred_at) / 1000);
      expect(row.rating ?? undefined).toBe(event.rating);
      expect(row.agent_id ?? undefined).toBe(event.agent_id);
      expect(row.attrs ? JSON.parse(row.attrs as string) : undefined).toEqual(event.attrs);
    });
  });

  it('writes UTC times when the zone changes its offset (DST), the same in every path', async () => {
    const berlin = { ...tiny, days: 10, end: '2026-10-30', config: { ...fixtureConfig, timezone: 'Europe/Berlin' } };
    const events = collect(berlin);
    expect(events.every((e) => e.occurred_at.endsWith('Z'))).toBe(true);
    // Days are Berlin days: the first ticket is created after 22:00 UTC the evening before (CEST, UTC+2).
    expect(events[0]!.occurred_at >= '2026-10-20T22:00:00Z').toBe(true);
    const { file } = await writeDemo({ ...berlin, out: join(dir, 'berlin.ndjson') });
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toEqual(events.map((e) => JSON.stringify(e)));
  });

  it('picks the format from the extension and refuses others', () => {
    expect(demoFormat('a/b.PARQUET')).toBe('parquet');
    expect(demoFormat('x.jsonl')).toBe('ndjson');
    expect(() => demoFormat('events.xlsx')).toThrow(/unknown extension "\.xlsx"; use \.parquet, \.csv or \.ndjson/);
  });

  it('leaves nothing behind when the target cannot be written', async () => {
    const out = join(dir, 'missing-folder', 'demo.csv');
    await expect(writeDemo({ ...tiny, out })).rejects.toThrow();
    expect(existsSync(resolve(dir, 'missing-folder'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('demo options and config', () => {
  it('refuses bad options with what to do', () => {
    expect(() => planDemo({ ...tiny, days: 0 })).toThrow(/demo days: 0 is not a whole number from 1 to 3660/);
    expect(() => planDemo({ ...tiny, ticketsPerDay: -1 })).toThrow(/ticketsPerDay/);
    expect(() => planDemo({ ...tiny, end: '22/11/2026' })).toThrow(/"22\/11\/2026" is not a date like 2026-11-22/);
    expect(() => planDemo({ ...tiny, seed: 1.5 })).toThrow(/seed/);
  });

  it('refuses teams with unknown calendars, odd ids or twice the same id', () => {
    const teams = fixtureConfig.teams;
    expect(() => planDemo({ ...tiny, config: { ...fixtureConfig, teams: [{ id: 'x', calendar: 'nights' }] } })).toThrow(/team "x" names calendar "nights"/);
    expect(() => planDemo({ ...tiny, config: { ...fixtureConfig, teams: [teams[0]!, teams[0]!] } })).toThrow(/listed twice/);
    expect(() => planDemo({ ...tiny, config: { ...fixtureConfig, teams: [{ ...teams[0]!, id: 'a"b' }] } })).toThrow(/may only use/);
  });

  it('ends yesterday in Shanghai when no end is given', () => {
    const plan = planDemo({ ...tiny, end: undefined });
    const yesterday = DateTime.now().setZone('Asia/Shanghai').minus({ days: 1 }).toISODate();
    // A test running across Shanghai midnight may see the next day.
    expect([yesterday, DateTime.now().setZone('Asia/Shanghai').minus({ days: 2 }).toISODate()]).toContain(plan.dates.at(-1));
    expect(plan.dates).toHaveLength(tiny.days);
  });

  it('reads the teams and calendars of config/deskpulse.yaml', () => {
    const config = readDemoConfig(resolve(import.meta.dirname, '../../../config/deskpulse.yaml'));
    expect(config.teams.map((t) => t.id)).toEqual(['returns', 'logistics', 'quality', 'install', 'presales', 'escalations']);
    const plan = planDemo({ ...tiny, config });
    // every team of the config staffed
    expect(new Set(plan.roster.map((a) => a.team))).toEqual(new Set(config.teams.map((_, i) => i)));
    expect(plan.dictionaries.offset).toEqual({ label: '+08:00', seconds: 28_800 });
  });
});
