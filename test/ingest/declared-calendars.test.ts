import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../ingest/pipeline.ts';
import { loadMapping, parseMapping } from '../../ingest/mapping/load-mapping.ts';
import { MappingError } from '../../ingest/mapping/mapping-error.ts';
import { loadConfig } from '../../warehouse/config.ts';
import { syncConfig } from '../../warehouse/calendar/sync-config.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { zoneHint } from '../../warehouse/calendar/zone-hint.ts';

// Issue 16, defect 5: foreign data timed on its own calendar (declared by the mapping or the caller),
// the caller's zone over the mapping's, and a note when tickets fall back to the default calendar.
const FIXTURES = 'test/warehouse/calendar/fixtures';
const MAPPING = `${FIXTURES}/rome-helpdesk.mapping.yaml`;
const CSV = `${FIXTURES}/rome-helpdesk.csv`;
let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  await syncConfig(w.db, loadConfig(`${FIXTURES}/rome.yaml`));
});
afterEach(() => w.close());

async function tickets(): Promise<Record<string, { team: string | null; calendar: string; created: string; hours: number; businessHours: number }>> {
  const rows = (await w.db.runAndReadAll(`SELECT ticket_id, team_id, calendar_id, strftime(created_at, '%Y-%m-%dT%H:%MZ'),
    resolution_seconds / 3600, resolution_business_seconds / 3600 FROM tickets ORDER BY ticket_id`)).getRows();
  return Object.fromEntries(rows.map(([id, team, calendar, created, hours, business]) => [String(id),
    { team: team === null ? null : String(team), calendar: String(calendar), created: String(created), hours: Number(hours), businessHours: Number(business) }]));
}

/** The fixture mapping with its calendar declaration replaced by `calendars` (YAML lines). */
function mappingWith(calendars: string) {
  const text = readFileSync(MAPPING, 'utf8').replace('calendar: rome-office\n', calendars);
  return parseMapping(text, 'rome-variant.mapping.yaml');
}

describe('calendars and zones declared per source', () => {
  it('times a Rome ticket across each DST change on the Rome calendar, read in the zone the caller chose', async () => {
    const summary = await ingest(w, { inputs: [CSV], mapping: await loadMapping(MAPPING), timezone: 'Europe/Rome', piiKey: 'k' });
    expect(summary.notes).toEqual(["--timezone Europe/Rome overrides the mapping's zone UTC"]);
    const t = await tickets();
    // Fri 27 Mar 16:00 CET (15:00Z) -> Mon 30 Mar 11:00 CEST (09:00Z): 66 h of wall clock;
    // open 16-18 on Friday and 09-11 on Monday = 4 business hours.
    expect(t.R1).toEqual({ team: 'Service Desk', calendar: 'rome-office', created: '2026-03-27T15:00Z', hours: 66, businessHours: 4 });
    // Fri 23 Oct 17:00 CEST (15:00Z) -> Mon 26 Oct 10:00 CET (09:00Z): 66 h; 17-18 + 09-10 = 2.
    expect(t.R2).toEqual({ team: 'Service Desk', calendar: 'rome-office', created: '2026-10-23T15:00Z', hours: 66, businessHours: 2 });
    // A team the config gives a calendar keeps it: 15:00Z Friday is 23:00 in Shanghai, Monday 09:00Z is 17:00 there.
    expect(t.R4).toMatchObject({ team: 'returns', calendar: 'office', businessHours: 8 });
    expect(t.R5).toMatchObject({ team: null, calendar: 'rome-office', businessHours: 4 });
    const [message] = (await w.db.runAndReadAll('SELECT message FROM ingest_runs')).getRows()[0]!;
    expect(message).toBe("--timezone Europe/Rome overrides the mapping's zone UTC");
  });

  it('without the caller\'s zone reads the mapping\'s, and says nothing', async () => {
    const summary = await ingest(w, { inputs: [CSV], mapping: await loadMapping(MAPPING), piiKey: 'k' });
    expect(summary.notes).toEqual([]);
    expect((await tickets()).R1).toMatchObject({ created: '2026-03-27T16:00Z', hours: 67 });
  });

  it('takes a team\'s declared calendar over the config\'s, the declared default for the others, and the caller\'s calendar over the mapping\'s', async () => {
    const mapping = mappingWith('calendars:\n  default: rome-office\n  team: { Network: berlin-office, returns: rome-office }\n');
    await ingest(w, { inputs: [CSV], mapping, timezone: 'Europe/Rome', piiKey: 'k' });
    const t = await tickets();
    expect(Object.fromEntries(Object.entries(t).map(([id, r]) => [id, r.calendar])))
      .toEqual({ R1: 'rome-office', R2: 'rome-office', R3: 'berlin-office', R4: 'rome-office', R5: 'rome-office' });
    // Berlin 08:00-16:00: Friday 16:00 is closed, Monday 08-11 open = 3.
    expect(t.R3!.businessHours).toBe(3);

    const w2 = w;
    w = await Warehouse.open(':memory:');
    w2.close();
    await syncConfig(w.db, loadConfig(`${FIXTURES}/rome.yaml`));
    const chosen = await ingest(w, { inputs: [CSV], mapping, timezone: 'Europe/Rome', calendar: 'berlin-office', piiKey: 'k' });
    expect(chosen.notes).toContain("--calendar berlin-office overrides the mapping's calendars (rome-office and { Network: berlin-office, returns: rome-office })");
    expect(Object.values(await tickets()).map((r) => r.calendar)).toEqual(['berlin-office', 'berlin-office', 'berlin-office', 'office', 'berlin-office']);

    // The same file again (read before: no new events) declares nothing, and says so instead of seeming to apply it.
    const again = await ingest(w, { inputs: [CSV], mapping, timezone: 'Europe/Rome', calendar: 'rome-office', piiKey: 'k' });
    expect(again.notes.at(-1)).toMatch(/^--calendar rome-office applied to no ticket: this batch brought no new events\. .*deskpulse rederive --calendar rome-office$/);
    expect(Object.values(await tickets()).map((r) => r.calendar)).toEqual(['berlin-office', 'berlin-office', 'berlin-office', 'office', 'berlin-office']);
  });

  it('counts the tickets that fall back to the default calendar, by team, in the summary and the run', async () => {
    const mapping = mappingWith('calendars: { team: { Service Desk: rome-office } }\n');
    const summary = await ingest(w, { inputs: [CSV], mapping, timezone: 'Europe/Rome', piiKey: 'k' });
    const note = '2 tickets of teams without a calendar (Network 1, (no team) 1) are timed on the default calendar office';
    expect(summary.notes).toHaveLength(2);
    expect(summary.notes[1]).toContain(note);
    expect(summary.notes[1]).toContain('deskpulse rederive --calendar office');
    const [message] = (await w.db.runAndReadAll('SELECT message FROM ingest_runs')).getRows()[0]!;
    expect(String(message)).toContain(note);
    expect((await tickets()).R3!.calendar).toBe('office');
  });

  it('refuses a calendar the config lacks: at its place in the mapping, or as the caller\'s choice', async () => {
    const mapping = mappingWith('calendars:\n  team: { Network: paris-office }\n');
    const refused = await ingest(w, { inputs: [CSV], mapping, piiKey: 'k' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MappingError);
    expect((refused as Error).message).toBe('rome-variant.mapping.yaml:8:11: calendars.team.Network: "paris-office" is not a calendar of ' +
      'the DeskPulse config; define it under calendars: there, or use one of: berlin-office, office, rome-office');
    await expect(ingest(w, { inputs: [CSV], mapping: await loadMapping(MAPPING), calendar: 'paris', piiKey: 'k' }))
      .rejects.toThrow(/^calendar: "paris" is not a calendar of the DeskPulse config/);
    expect(Number((await w.db.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]![0])).toBe(0);
  });

  it('gives the first-run hint when the data\'s zone and the config\'s differ, once per command', async () => {
    const config = { file: 'config/deskpulse.yaml', timezone: 'Asia/Shanghai' };
    expect(await zoneHint(w, config, 'serve')).toBeNull(); // no data yet
    await ingest(w, { inputs: [CSV], mapping: await loadMapping(MAPPING), timezone: 'Europe/Rome', piiKey: 'k' });
    expect(await zoneHint(w, { ...config, timezone: 'Europe/Rome' }, 'serve')).toBeNull();
    expect(await zoneHint(w, config, 'serve')).toBe("the data's times are in Europe/Rome (the mapping's zone, --timezone or the offsets of its times), but the config's " +
      'timezone is Asia/Shanghai: days, hours and calendars without a zone of their own are read in Asia/Shanghai. If the desk works in ' +
      'Europe/Rome, set `timezone: Europe/Rome` (and the timezone of its calendars) in config/deskpulse.yaml, then run `deskpulse rederive --all`');
    expect(await zoneHint(w, config, 'serve')).toBeNull();
    expect(await zoneHint(w, config, 'ingest')).toContain('set `timezone: Europe/Rome`');
  });

  it('infers the data\'s zone from the offsets of canonical times when the batch declares none', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'deskpulse-offsets-')), 'offsets.csv');
    writeFileSync(csv, 'event_id,ticket_id,type,occurred_at\n' +
      'o1,O1,created,2026-03-27T16:00:00+01:00\no2,O1,resolved,2026-03-30T11:00:00+02:00\no3,O2,created,2026-03-31T09:30:00+02:00\n');
    await ingest(w, { inputs: [csv], piiKey: 'k' });
    // The first zone of the config's calendars with these offsets at these instants (Berlin keeps Rome's clock).
    expect(await zoneHint(w, { file: 'config/deskpulse.yaml', timezone: 'Asia/Shanghai' }, 'ingest')).toContain("the data's times are in Europe/Berlin");
  });

  it('checks the declaration\'s shape with file, line and column', () => {
    expect(() => mappingWith('calendar: rome-office\ncalendars: { default: office }\n')).toThrow(
      /^rome-variant\.mapping\.yaml:8:1: calendars: give either calendar: ID .* or calendars: .*, not both$/);
    expect(() => mappingWith('calendars: { team: [office] }\n')).toThrow(/^rome-variant\.mapping\.yaml:7:20: calendars\.team: expected a mapping/);
  });
});
