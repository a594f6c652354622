import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapping, parseMapping, shippedMappings } from '../../../ingest/mapping/load-mapping.ts';
import { MappingError } from '../../../ingest/mapping/mapping-error.ts';

// A small valid events-mode mapping; each error test changes one thing in it.
const BASE = `version: 1
time:
  formats: ['%Y/%m/%d %H:%M:%S']
  zone: Europe/Rome
ticket_id: Case ID
occurred_at: Complete Timestamp
fields:
  agent_id: Resource
  priority:
    column: seriousness
    values: { Value 1: urgent, Value 2: low }
pii: [customer]
events:
  type:
    column: Activity
    on:
      Insert ticket: created
      Wait: { type: status_changed, status: pending }
`;

function errorOf(text: string): MappingError {
  try {
    parseMapping(text, 'test.mapping.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(MappingError);
    return err as MappingError;
  }
  throw new Error('expected a MappingError');
}

describe('loadMapping', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-mapping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the shipped mappings by name', async () => {
    expect(shippedMappings()).toEqual(['eventlog', 'servicenow', 'ticketlist']);
    const servicenow = await loadMapping('servicenow');
    expect(servicenow.name).toBe('servicenow');
    expect(servicenow.rows.mode).toBe('snapshots');
    expect(servicenow.pii).toEqual({ columns: [expect.objectContaining({ header: 'caller_id' })], fields: ['customer_id'], attrs: [] });
    const eventlog = await loadMapping('eventlog');
    expect(eventlog.rows.mode).toBe('events');
    expect(eventlog.time).toMatchObject({ zone: 'Europe/Rome', formats: ['%Y/%m/%d %H:%M:%S.%g', '%Y/%m/%d %H:%M:%S', 'iso8601'] });
  });

  it('loads a mapping file by path and names it after the file', async () => {
    const file = join(dir, 'my-desk.mapping.yaml');
    writeFileSync(file, BASE);
    const m = await loadMapping(file);
    expect(m.name).toBe('my-desk');
    expect(m.file).toBe(file);
    expect(m.fields.priority).toMatchObject({ kind: 'column', values: { otherwise: 'error' } });
  });

  it('says which names are shipped when a name is unknown', async () => {
    await expect(loadMapping('servicenow2')).rejects.toThrow(/no shipped mapping is named "servicenow2" \(shipped: eventlog, servicenow, ticketlist\)/);
  });

  it('says that a mapping file does not exist', async () => {
    const err = await loadMapping(join(dir, 'nope.yaml')).then(() => undefined, (e: unknown) => e as MappingError);
    expect(err).toBeInstanceOf(MappingError);
    expect(err!.file).toBe(join(dir, 'nope.yaml'));
    expect(err!.message).toMatch(/the mapping file does not exist/);
  });
});

describe('mapping schema errors', () => {
  it('reports an unknown key with file, line, column, key path and a suggestion', () => {
    const err = errorOf(BASE.replace('  agent_id: Resource', '  agent_id: Resource\n  chanel: contact_type'));
    expect(err).toMatchObject({ file: 'test.mapping.yaml', line: 9, column: 3, path: 'fields.chanel' });
    expect(err.message).toBe('test.mapping.yaml:9:3: fields.chanel: unknown key "chanel"; did you mean "channel"? ' +
      'Keys allowed here: actor, agent_id, team_id, channel, problem_type, problem_subtype, product, region, priority, ' +
      'customer_id, status, rating, rating_dimension, comment, handle_seconds. Remove it or fix its spelling.');
  });

  it('reports an unknown top-level key', () => {
    const err = errorOf(`${BASE}colums: [a]\n`);
    expect(err).toMatchObject({ line: 19, column: 1, path: 'colums' });
    expect(err.reason).toMatch(/^unknown key "colums"/);
  });

  it('points at a value-map target that is not a valid priority', () => {
    const err = errorOf(BASE.replace('Value 2: low', 'Value 2: lo'));
    expect(err).toMatchObject({ line: 11, column: 41, path: 'fields.priority.values["Value 2"]' });
    expect(err.reason).toBe('"lo" is not a valid priority; use one of: low, normal, high, urgent');
  });

  it('points at an unknown event type and suggests the right one', () => {
    const err = errorOf(BASE.replace('Insert ticket: created', 'Insert ticket: create'));
    expect(err).toMatchObject({ line: 17, column: 22, path: 'events.type.on["Insert ticket"]' });
    expect(err.reason).toMatch(/^"create" is not an event type; did you mean "created"\? Use one of: created, assigned/);
  });

  it('asks for the status of a status_changed event', () => {
    const err = errorOf(BASE.replace('{ type: status_changed, status: pending }', '{ type: status_changed }'));
    expect(err).toMatchObject({ line: 18, column: 13 });
    expect(err.reason).toMatch(/status_changed event needs a status/);
  });

  it('reports a missing required key at the section', () => {
    const err = errorOf(BASE.replace('ticket_id: Case ID\n', ''));
    expect(err).toMatchObject({ line: 1, column: 1 });
    expect(err.reason).toMatch(/^missing key "ticket_id" in a mapping: add it/);
  });

  it('needs exactly one of events, snapshots and tickets', () => {
    expect(errorOf(BASE.slice(0, BASE.indexOf('events:'))).reason).toMatch(/add exactly one of events: .* snapshots: .* or tickets:/);
  });

  it('refuses a format without offset when no zone is declared', () => {
    const err = errorOf(BASE.replace('  zone: Europe/Rome\n', ''));
    expect(err).toMatchObject({ line: 3, column: 13, path: 'time.formats[0]' });
    expect(err.reason).toMatch(/reads times without a UTC offset, and time.zone is not set: add time.zone/);
  });

  it('refuses an unknown zone and a strptime typo', () => {
    expect(errorOf(BASE.replace('Europe/Rome', 'Europe/Roma'))).toMatchObject({ line: 4, column: 3, path: 'time.zone' });
    expect(errorOf(BASE.replace('%H:%M:%S', '%H:%Q:%S')).reason).toMatch(/"%Q" in "%Y\/%m\/%d %H:%Q:%S" is not a DuckDB strptime specifier/);
  });

  it('reports a duplicated key and broken YAML with their lines', () => {
    expect(errorOf(BASE.replace('ticket_id: Case ID\n', 'ticket_id: Case ID\nticket_id: Case\n'))).toMatchObject({ line: 6, column: 1 });
    expect(errorOf(BASE.replace('fields:\n', 'fields:\n  [\n')).reason).toMatch(/^not valid YAML/);
  });

  it('keeps values as text as written (no YAML 1.1 typing)', () => {
    const m = parseMapping(BASE.replace('Value 2: low', 'NO: low, -100: normal, 1.0: high'), 'x.yaml');
    expect(m.fields.priority).toMatchObject({ values: { entries: new Map([['Value 1', 'urgent'], ['NO', 'low'], ['-100', 'normal'], ['1.0', 'high']]) } });
  });

  it('refuses a pii column in event_id and as ticket id', () => {
    const withId = BASE.replace('pii: [customer]', 'pii: [customer, Resource]') + '  event_id: { hash: [Case ID, Resource] }\n';
    expect(errorOf(withId)).toMatchObject({ line: 19, column: 31, path: 'events.event_id.hash[1]' });
    expect(errorOf(withId).reason).toMatch(/"Resource" is declared pii, so it cannot be part of event_id/);
    expect(errorOf(BASE.replace('pii: [customer]', 'pii: [Case ID]')).reason).toMatch(/cannot be the ticket id/);
  });

  it('lists pii columns that land in fields and in attrs', () => {
    const m = parseMapping(BASE.replace('pii: [customer]', 'pii: [Resource, phone]\nattrs: [phone, product]'), 'x.yaml');
    expect(m.pii.fields).toEqual(['customer_id', 'agent_id']);
    expect(m.pii.attrs).toEqual(['phone']);
  });

  it('checks the shape of change rules', () => {
    const snapshots = (rules: string) => BASE.slice(0, BASE.indexOf('events:')) +
      `snapshots:\n  order: [{ column: n, as: number }]\n  changes:\n${rules}`;
    expect(errorOf(snapshots('    - { column: state, leaving: [Closed], increase: reopened }\n')).reason)
      .toMatch(/^leaving and increase cannot be combined; a change rule is one of/);
    expect(errorOf(snapshots('    - { column: state, on: { New: { type: status_changed, status: new } }, initial: Neu }\n')))
      .toMatchObject({ line: 16, column: 76, path: 'snapshots.changes[0].initial' });
    expect(errorOf(snapshots('    - { column: state, change: created }\n')).reason).toMatch(/created events come from snapshots.created/);
    const ok = parseMapping(snapshots('    - { column: state, on: { Resolved: { type: resolved, at: resolved_at } } }\n    - assignment: { agent: agent, team: group }\n'), 'x.yaml');
    expect(ok.rows).toMatchObject({ mode: 'snapshots', order: [{ as: 'number' }], changes: [
      { kind: 'values' }, { kind: 'assignment', agent: { header: 'agent' }, team: { header: 'group' } },
    ] });
    expect(errorOf(snapshots('    - assignment: [group, agent]\n')).reason).toMatch(/^expected assignment as a mapping/);
    expect(errorOf(snapshots('    - assignment: { team: group }\n')).reason).toMatch(/^missing key "agent" in assignment/);
    // what counts as a transfer: declared, design.md's either by default
    expect(ok.rows).toMatchObject({ changes: [{}, { transfer: 'either' }] });
    expect(errorOf(snapshots('    - assignment: { agent: agent, transfer: team }\n')))
      .toMatchObject({ path: 'snapshots.changes[0].assignment.transfer', reason: expect.stringMatching(/^transfer: team counts team changes, and this rule names no team column/) });
    expect(errorOf(snapshots('    - assignment: { agent: agent, team: group, transfer: group }\n')).reason)
      .toMatch(/^"group" is not a transfer rule.* Use one of: team, person, either/);
  });

  it('refuses at: in events mode, where each row has one time', () => {
    expect(errorOf(BASE.replace('Insert ticket: created', 'Insert ticket: { type: created, at: opened }')).reason).toMatch(/at: applies to snapshots only/);
  });

  it('refuses a version it does not know and an empty file', () => {
    expect(errorOf(BASE.replace('version: 1', 'version: 2')).reason).toMatch(/"2" is not a known mapping version/);
    expect(errorOf('# nothing\n').reason).toMatch(/the mapping file is empty/);
  });
});
