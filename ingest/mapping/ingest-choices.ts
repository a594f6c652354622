// The zone and business calendar of a batch: what the caller chose (`ingest --timezone/--calendar`,
// the HTTP query's timezone/calendar) wins over what the mapping declares, and says so in a note.
import type { CalendarDeclaration, Mapping } from './mapping.ts';

export interface IngestChoices {
  /** The mapping with the caller's zone in place of its own. */
  mapping?: Mapping;
  /** Zone of the times written without an offset, when the batch declares one. */
  zone?: string;
  calendars?: CalendarDeclaration;
  /** What the caller's choice replaced, for the user (stderr, the run's message). */
  notes: string[];
}

function describe(calendars: CalendarDeclaration): string {
  const teams = calendars.teams.map((t) => `${t.team}: ${t.id}`);
  return [...(calendars.default ? [calendars.default.id] : []), ...(teams.length ? [`{ ${teams.join(', ')} }`] : [])].join(' and ');
}

export function applyIngestChoices(mapping: Mapping | undefined, chosen: { timezone?: string; calendar?: string }): IngestChoices {
  const notes: string[] = [];
  let effective = mapping;
  if (mapping && chosen.timezone !== undefined && chosen.timezone !== mapping.time.zone) {
    if (mapping.time.zone !== undefined) notes.push(`--timezone ${chosen.timezone} overrides the mapping's zone ${mapping.time.zone}`);
    effective = { ...mapping, time: { ...mapping.time, zone: chosen.timezone } };
  }
  let calendars = mapping?.calendars;
  if (chosen.calendar !== undefined) {
    if (calendars) notes.push(`--calendar ${chosen.calendar} overrides the mapping's calendars (${describe(calendars)})`);
    calendars = { default: { id: chosen.calendar }, teams: [] };
  }
  return { mapping: effective, zone: chosen.timezone ?? mapping?.time.zone, calendars, notes };
}
