import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IANAZone } from 'luxon';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../../ingest/pipeline.ts';
import { loadConfig } from '../../../warehouse/config.ts';
import { syncConfig } from '../../../warehouse/calendar/sync-config.ts';
import { Warehouse } from '../../../warehouse/database.ts';
import { zoneHint } from '../../../warehouse/calendar/zone-hint.ts';

// The first-run hint names the zone inferred from canonical times' offsets as the `timezone:` to set:
// it must be a zone the config accepts (IANA), also when the offsets are one fixed offset that no
// calendar of the config has (times written in UTC, or +08:00 on a desk whose config knows only Europe).
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-data-zone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CONFIG = { file: 'config/deskpulse.yaml', timezone: 'Europe/Rome' };

let w: Warehouse;
beforeEach(async () => {
  w = await Warehouse.open(':memory:');
  // calendars in Asia/Shanghai, Europe/Rome and Europe/Berlin only
  await syncConfig(w.db, loadConfig('test/warehouse/calendar/fixtures/rome.yaml'));
});
afterEach(() => w.close());

async function hintFor(offset: string): Promise<string | null> {
  const csv = join(dir, `offsets-${offset.replace(/\W/g, '')}.csv`);
  writeFileSync(csv, 'event_id,ticket_id,type,occurred_at\n' +
    `z1,Z1,created,2026-01-12T09:00:00${offset}\nz2,Z1,resolved,2026-07-13T11:00:00${offset}\n`);
  await ingest(w, { inputs: [csv], piiKey: 'k' });
  return zoneHint(w, CONFIG, 'ingest');
}

const namedZone = (hint: string | null) => /set `timezone: ([^`]+)`/.exec(hint ?? '')?.[1];

describe('the data zone of canonical times', () => {
  it('names UTC for times written in UTC all year', async () => {
    const zone = namedZone(await hintFor('Z'));
    expect(zone).toBe('UTC');
  });

  it('names an IANA zone for one fixed offset that no calendar of the config has', async () => {
    const zone = namedZone(await hintFor('+08:00')); // Asia/Shanghai is a calendar's zone: preferred
    expect(zone).toBe('Asia/Shanghai');
    w.close();
    w = await Warehouse.open(':memory:');
    const fixed = namedZone(await hintFor('-03:00'));
    expect(fixed && IANAZone.isValidZone(fixed)).toBe(true);
    expect(fixed).toBe('Etc/GMT+3');
  });
});
