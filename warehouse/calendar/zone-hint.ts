// The first-run hint: the zone of the data (settings.data_zone, written by ingest from the mapping's
// zone or --timezone) differs from the config's default `timezone`, which the screens and calendars
// without a zone use. Said once per command and pair of zones (settings.zone_hint_<command>).
import type { Warehouse } from '../database.ts';

async function setting(warehouse: Warehouse, key: string): Promise<string | undefined> {
  const row = (await warehouse.db.runAndReadAll('SELECT value FROM settings WHERE key = $1', [key])).getRows()[0];
  return row ? String(row[0]) : undefined;
}

/** The hint for `command`, or null when the zones agree or it was given before. */
export async function zoneHint(warehouse: Warehouse, config: { file: string; timezone: string }, command: 'ingest' | 'serve'): Promise<string | null> {
  const dataZone = await setting(warehouse, 'data_zone');
  if (dataZone === undefined || dataZone === config.timezone) return null;
  const pair = `${dataZone} ${config.timezone}`;
  const key = `zone_hint_${command}`;
  if (await setting(warehouse, key) === pair) return null;
  await warehouse.transaction((db) => db.run('INSERT OR REPLACE INTO settings VALUES ($1, $2)', [key, pair]));
  return `the data's times are in ${dataZone} (the mapping's zone, --timezone or the offsets of its times), but the config's timezone is ${config.timezone}: ` +
    `days, hours and calendars without a zone of their own are read in ${config.timezone}. If the desk works in ${dataZone}, ` +
    `set \`timezone: ${dataZone}\` (and the timezone of its calendars) in ${config.file}, then run \`deskpulse rederive --all\``;
}
