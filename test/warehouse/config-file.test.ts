// The config file has one reader (warehouse/config-file.ts): no other module parses YAML of its own,
// and a bad value in any section is refused with file, line, column and key.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAlertConfig } from '../../alerts/config/alert-config.ts';
import { readReportConfig } from '../../alerts/digest/report-config.ts';
import { ConfigError, parseConfigText } from '../../warehouse/config-file.ts';
import { deskPulseConfigOf } from '../../warehouse/config.ts';

/** Modules allowed to parse YAML, and the one kind of file each reads. */
const YAML_READERS: Record<string, string> = {
  'warehouse/config-file.ts': 'config/deskpulse.yaml',
  'forecasting/dispatch-rules/read-dispatch-rules.ts': 'the dispatch rules',
  'ingest/mapping/load-mapping.ts': 'mapping files (ingest/mappings/*.mapping.yaml)',
};
const SOURCE_ROOTS = ['alerts', 'cli', 'config', 'forecasting', 'ingest', 'warehouse', 'web'];
const YAML_PARSING = /import\s+(?:\*\s+as\s+\w+|\w+|\{[^}]*\b(?:parse|parseDocument|parseAllDocuments|Parser|Composer|Lexer)\b[^}]*\})\s+from\s+['"](?:yaml|js-yaml)['"]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js|svelte)$/.test(entry.name) ? [path] : [];
  });
}

describe('one reader per config file', () => {
  it('no module but the readers imports a YAML parser', () => {
    const parsing = SOURCE_ROOTS.flatMap(sources).filter((file) => YAML_PARSING.test(readFileSync(file, 'utf8')));
    expect(parsing.sort()).toEqual(Object.keys(YAML_READERS).sort());
  });

  it('the dispatch rules file is read by its reader only', () => {
    // Modules that read a file and speak of the dispatch rules: the reader, the writer's check that the
    // file is still as read before replacing it (it parses nothing), and deskpulse.yaml's reader (its
    // dispatch_rules key names the file). Every other module reads it through readDispatchRulesFile or -Text.
    const reading = SOURCE_ROOTS.flatMap(sources).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /\breadFile(?:Sync)?\(/.test(text) && /dispatchRules|dispatch_rules|dispatch-rules/i.test(text);
    });
    expect(reading.sort()).toEqual(['forecasting/dispatch-rules/read-dispatch-rules.ts', 'forecasting/dispatch-rules/write-rules-version.ts', 'warehouse/config-file.ts']);
  });
});

// A small config with every section; each case below spoils one value.
const BASE = `version: 1
timezone: Asia/Shanghai
calendars:
  office:
    hours: { mon: ["09:00-18:00"] }
    holidays: [2026-01-01]
teams:
  - { id: returns, calendar: office, headcount: 4 }
default_calendar: office
sla_policies:
  - { priority: high, first_response: 30m, resolution: 8h }
promotions:
  - { date: 2026-11-11, name: Singles' Day }
targets:
  csat: 80%
labels:
  channel:
    web: { zh: 网页, en: Web }
dispatch_rules: ./dispatch-rules.yaml
pii:
  key_env: DESKPULSE_PII_KEY
notify:
  ops: { type: webhook, url: "http://127.0.0.1:9/hook" }
alerts:
  - { id: low-csat, kind: threshold, metric: csat, below: 70%, window: 1d, notify: [ops] }
public_url: https://deskpulse.example.com
`;

function refusal(from: string, to: string, read: (text: string) => unknown = (text) => deskPulseConfigOf(parseConfigText(text, 'deskpulse.yaml'))): ConfigError {
  const text = BASE.replace(from, to);
  expect(text).not.toBe(BASE);
  try {
    read(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`accepted with ${to}`);
}

describe('config refusals name file, line, column and key', () => {
  it('reads the small config and the shipped one', () => {
    expect(deskPulseConfigOf(parseConfigText(BASE, 'deskpulse.yaml')).teams).toEqual([{ id: 'returns', name_zh: undefined, name_en: undefined, calendar: 'office', headcount: 4 }]);
    expect(parseAlertConfig(BASE, 'deskpulse.yaml').rules.map((r) => r.id)).toEqual(['low-csat']);
    expect(deskPulseConfigOf(parseConfigText(readFileSync('config/deskpulse.yaml', 'utf8'), 'config/deskpulse.yaml')).calendars.length).toBeGreaterThan(0);
  });

  const alerts = (text: string) => parseAlertConfig(text, 'deskpulse.yaml');
  const reports = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'deskpulse-config-file-')), 'deskpulse.yaml');
    writeFileSync(file, text);
    return readReportConfig(file);
  };
  const cases: [string, string, string, number, number, RegExp, ((text: string) => unknown)?][] = [
    ['version', 'version: 1', 'version: 2', 1, 10, /2 is not version 1/],
    ['timezone', 'timezone: Asia/Shanghai', 'timezone: Mars/Base', 2, 11, /unknown time zone "Mars\/Base"/],
    ['calendars.office.hours.mon.0', '["09:00-18:00"]', '["18:00-09:00"]', 5, 20, /"18:00-09:00" is not a range/],
    ['calendars.office.holidays.0', '[2026-01-01]', '[01/01/2026]', 6, 16, /"01\/01\/2026" is not a date YYYY-MM-DD/],
    ['teams.0.headcount', 'headcount: 4', 'headcount: four', 8, 49, /"four" is not a number of people/],
    ['default_calendar', 'default_calendar: office', 'default_calendar: nights', 9, 19, /unknown calendar "nights"/],
    ['sla_policies.0.first_response', 'first_response: 30m', 'first_response: soon', 11, 39, /"soon" is not a duration/],
    ['sla_policies.0.priority', 'priority: high', 'priority: highest', 11, 17, /"highest" is not low, normal, high or urgent/],
    ['promotions.0.date', 'date: 2026-11-11', 'date: 11-11', 13, 13, /"11-11" is not a date YYYY-MM-DD/],
    ['targets.csat', 'csat: 80%', 'csat: 180%', 15, 9, /"180%" is not a share/],
    ['labels.channel.web.zh', 'zh: 网页', 'zh: [网页]', 18, 16, /a list is not a Chinese name/],
    ['dispatch_rules', 'dispatch_rules: ./dispatch-rules.yaml', 'dispatch_rules: [a, b]', 19, 17, /a list is not a path/],
    ['pii.key_ref', 'key_env:', 'key_ref:', 21, 3, /unknown key; the keys are key_env/],
    ['notify.ops.type', 'type: webhook', 'type: pager', 23, 16, /unknown type "pager"/, alerts],
    ['alerts.0.window', 'window: 1d', 'window: daily', 25, 72, /"daily" is not a duration/, alerts],
    ['reports.0.schedule', 'public_url:', 'reports:\n  - { id: morning, schedule: "at 8", notify: [ops] }\npublic_url:', 27, 30, /"at 8" is not a cron schedule/, reports],
    ['public_url', 'public_url: https://deskpulse.example.com', 'public_url: [x]', 26, 13, /a list is not an address/],
    ['colour', 'public_url:', 'colour: red\npublic_url:', 26, 1, /unknown key; the keys are version, timezone/],
  ];
  for (const [key, from, to, line, column, reason, read] of cases) {
    it(`${key}: at line ${line}, column ${column}`, () => {
      const error = refusal(from, to, read);
      expect([basename(error.file), error.line, error.column, error.key]).toEqual(['deskpulse.yaml', line, column, key]);
      expect(error.message).toMatch(new RegExp(`(^|/)deskpulse\\.yaml:${line}:${column}: ${key.replaceAll('.', '\\.')}: `));
      expect(error.reason).toMatch(reason);
    });
  }

  it('a YAML syntax error at its line and column', () => {
    const error = refusal('  csat: 80%', '  csat: [80%');
    expect([error.key, error.line]).toEqual(['(yaml)', 16]);
    expect(error.column).toBeGreaterThan(0);
  });
});
