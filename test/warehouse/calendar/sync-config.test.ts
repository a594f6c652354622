import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../../warehouse/database.ts';
import { ConfigError, loadConfig } from '../../../warehouse/config.ts';
import { readValueLabels, saveValueLabels } from '../../../warehouse/value-labels.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { deriveTickets } from '../../../warehouse/lifecycle/derive-tickets.ts';
import { insertEvents } from '../fixtures/insert-events.ts';

const BERLIN = 'test/warehouse/fixtures/berlin.yaml';
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await syncConfig(w.db, loadConfig(BERLIN));
});
afterEach(() => w.close());

async function businessHours(created: string, resolved: string): Promise<number> {
  await w.db.run('DELETE FROM events');
  await insertEvents(w.db, [
    { event_id: 'a', ticket_id: 'T', type: 'created', occurred_at: created, team_id: 'support' },
    { event_id: 'b', ticket_id: 'T', type: 'resolved', occurred_at: resolved },
  ]);
  await deriveTickets(w.db, 'all');
  const [row] = (await w.db.runAndReadAll('SELECT resolution_business_seconds FROM tickets')).getRows();
  return Number(row?.[0]) / 3600;
}

describe('business time from the config calendar', () => {
  it('converts each day with its own offset across the March DST change', async () => {
    const rows = (await w.db.runAndReadAll(`SELECT start_at::VARCHAR FROM calendar_open_intervals
      WHERE start_at BETWEEN '2026-03-27' AND '2026-03-31' ORDER BY 1`)).getRows().map(([s]) => s);
    // Fri 27th 09:00 CET = 08:00 UTC; Mon 30th 09:00 CEST = 07:00 UTC, and 13:00 CEST = 11:00 UTC.
    expect(rows).toEqual(['2026-03-27 08:00:00+00', '2026-03-30 07:00:00+00', '2026-03-30 11:00:00+00']);
  });

  it('counts only open minutes: over midnight, a weekend, a lunch break, a holiday and DST', async () => {
    expect(await businessHours('2026-03-24T17:00:00+01:00', '2026-03-25T10:00:00+01:00')).toBe(2); // 17-18, 09-10
    expect(await businessHours('2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00')).toBe(2); // weekend + DST
    expect(await businessHours('2026-03-30T11:00:00+02:00', '2026-03-30T14:00:00+02:00')).toBe(2); // lunch 12-13 closed
    expect(await businessHours('2026-04-02T17:00:00+02:00', '2026-04-06T10:00:00+02:00')).toBe(2); // Good Friday holiday
    expect(await businessHours('2026-03-28T10:00:00+01:00', '2026-03-28T12:00:00+01:00')).toBe(0); // Saturday
  });

  it('gives every calendar its open seconds before one instant (open_seconds_at), as a ticket\'s durations count them', async () => {
    const at = async (t: string) => (await w.db.runAndReadAll(
      'SELECT calendar_id, open_seconds FROM open_seconds_at($t::TIMESTAMPTZ)', { t })).getRowsJS();
    const [[calendar, fridayLate]] = await at('2026-03-27T17:00:00+01:00') as [[string, number]];
    const [[, mondayMorning]] = await at('2026-03-30T10:00:00+02:00') as [[string, number]];
    expect(calendar).toBe('berlin');
    expect((mondayMorning - fridayLate) / 3600).toBe(await businessHours('2026-03-27T17:00:00+01:00', '2026-03-30T10:00:00+02:00'));
    // Closed from Friday 18:00 to Monday 09:00: B stands still over the weekend and the DST change.
    expect(await at('2026-03-28T12:00:00+01:00')).toEqual(await at('2026-03-30T09:00:00+02:00'));
    expect(await at('1999-12-31T12:00:00Z')).toEqual([['berlin', 0]]);
  });

  it('is idempotent', async () => {
    const before = (await w.db.runAndReadAll('SELECT count(*), sum(open_seconds_before) FROM calendar_open_intervals')).getRows();
    await syncConfig(w.db, loadConfig(BERLIN));
    expect((await w.db.runAndReadAll('SELECT count(*), sum(open_seconds_before) FROM calendar_open_intervals')).getRows()).toEqual(before);
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-config-'));
  const write = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };

  it('reads the shipped config', () => {
    const config = loadConfig('config/deskpulse.yaml');
    expect(config.teams.map((t) => t.id)).toContain('returns');
    expect(config.sla_policies.find((p) => p.priority === 'urgent' && !p.team)).toMatchObject({ first_response: 900, resolution: 14400 });
  });

  it('reads names of dimension values, and sync writes them over older ones', async () => {
    const config = loadConfig(write('labels.yaml', 'calendars:\n  a: {}\nlabels:\n  channel:\n    wechat: { zh: 微信, en: WeChat }\n    web: { zh: 网页 }\n'));
    expect(config.labels).toEqual([
      { dimension: 'channel', value: 'wechat', zh: '微信', en: 'WeChat' },
      { dimension: 'channel', value: 'web', zh: '网页', en: null },
    ]);
    const w = await Warehouse.open(':memory:');
    await saveValueLabels(w.db, [{ dimension: 'channel', value: 'web', zh: '旧名', en: 'Web' }, { dimension: 'region', value: 'east', zh: '华东', en: 'East' }]);
    await syncConfig(w.db, config);
    expect(await readValueLabels(w.db)).toEqual([
      { dimension: 'channel', value: 'web', zh: '网页', en: null },
      { dimension: 'channel', value: 'wechat', zh: '微信', en: 'WeChat' },
      { dimension: 'region', value: 'east', zh: '华东', en: 'East' },
    ]);
    w.close();
  });

  it('names file, line, column and key of a mistake', () => {
    const cases: [string, RegExp][] = [
      ['version: 1\ncalender: {}\n', /bad\.yaml:2:1: calender: unknown key/],
      ['calendars:\n  a:\n    hours:\n      mon: ["18:00-09:00"]\n', /bad\.yaml:4:13: calendars\.a\.hours\.mon\.0: "18:00-09:00" is not a range/],
      ['calendars:\n  a: { timezone: Mars/Base }\n', /calendars\.a\.timezone: unknown time zone "Mars\/Base"/],
      ['calendars:\n  a: {}\nteams:\n  - { id: x, calendar: b }\n', /bad\.yaml:4:24: teams\.0\.calendar: unknown calendar "b"/],
      ['calendars:\n  a: {}\nsla_policies:\n  - { priority: high, first_response: soon }\n', /sla_policies\.0\.first_response: "soon" is not a duration/],
      ['calendars:\n  a: {}\nlabels:\n  colour: { red: { en: Red } }\n', /bad\.yaml:4:11: labels\.colour: unknown dimension/],
      ['calendars:\n  a: {}\nlabels:\n  channel:\n    web: 网页\n', /bad\.yaml:5:10: labels\.channel\.web: "网页" is not names as \{ zh: 中文名, en: English name \}/],
    ];
    for (const [text, message] of cases) {
      const error = (() => { try { loadConfig(write('bad.yaml', text)); } catch (e) { return e; } })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
