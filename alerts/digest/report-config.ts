// The `reports:` of deskpulse.yaml: which digest goes to whom and when. Each report has a cron
// schedule in the config's zone, a scope (the role and teams it is written for: the API's scoping
// applies), notify targets (of notify:) and a language. Refusals name file, line and column.
import { Cron } from 'croner';
import { alertConfigOf, notifyList } from '../config/alert-config.ts';
import '../notify/email.ts';
import type { NotifyTarget } from '../notify/target.ts';
import type { Principal } from '../../warehouse/metrics/scoped-filter.ts';
import { deskPulseConfigOf, type DeskPulseConfig } from '../../warehouse/config.ts';
import { readConfigFile, type ConfigFile } from '../../warehouse/config-file.ts';

export const DIGEST_KINDS = ['daily'] as const;
export const DIGEST_LANGUAGES = ['en', 'zh'] as const;
export type DigestLanguage = (typeof DIGEST_LANGUAGES)[number];
const SCOPE_ROLES = ['admin', 'manager', 'team_lead'] as const;
const REPORT_KEYS = ['id', 'schedule', 'digest', 'scope', 'notify', 'language'];

export interface ReportDefinition {
  id: string;
  /** Five-field cron, in the config's zone. */
  schedule: string;
  digest: (typeof DIGEST_KINDS)[number];
  /** Who the digest is written for: the same role and teams a token would have. */
  scope: Pick<Principal, 'role' | 'teams'>;
  notify: string[];
  language: DigestLanguage;
}

export interface ReportConfig {
  file: string;
  timezone: string;
  /** Where the dashboards are reached (links in the digest); null: the server's own address. */
  publicUrl: string | null;
  reports: ReportDefinition[];
  targets: Map<string, NotifyTarget>;
  config: DeskPulseConfig;
}

export function readReportConfig(file: string): ReportConfig {
  const read = readConfigFile(file);
  const config = deskPulseConfigOf(read);
  const { targets } = alertConfigOf(read);
  return { ...parseReports(read, config, targets), file, timezone: config.timezone, targets, config };
}

function parseReports({ yaml, fail }: ConfigFile, config: DeskPulseConfig, targets: Map<string, NotifyTarget>): Pick<ReportConfig, 'reports' | 'publicUrl'> {
  // The file's shape is checked (reports a list, public_url text); each report is checked here.
  const raw = yaml as Record<string, any>;
  let publicUrl: string | null = null;
  if (raw.public_url !== undefined) {
    try {
      publicUrl = new URL(String(raw.public_url)).toString().replace(/\/$/, '');
    } catch {
      fail(['public_url'], `"${raw.public_url}" is not an address; e.g. public_url: https://deskpulse.example.com`);
    }
  }
  const teamIds = new Set(config.teams.map((t) => t.id));
  const seen = new Set<string>();
  const reports = ((raw.reports ?? []) as any[]).map((r, i): ReportDefinition => {
    const at = (...key: (string | number)[]) => ['reports', i, ...key];
    if (!r || typeof r !== 'object') fail(['reports', i], 'a report is a mapping with id, schedule, scope, notify');
    for (const key of Object.keys(r)) if (!REPORT_KEYS.includes(key)) fail(at(key), `unknown key; use ${REPORT_KEYS.join(', ')}`);
    if (typeof r.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(r.id)) fail(at('id'), 'a report needs an id of letters, digits, - and _ (at most 64)');
    if (seen.has(r.id)) fail(at('id'), `a second report "${r.id}"; ids must differ`);
    seen.add(r.id);
    const schedule = String(r.schedule ?? '');
    try {
      new Cron(schedule, { paused: true, timezone: config.timezone }).stop();
      if (schedule.trim().split(/\s+/).length !== 5) throw new Error('five fields');
    } catch {
      fail(at('schedule'), `"${schedule}" is not a cron schedule of five fields (minute hour day month weekday), e.g. "30 8 * * *"`);
    }
    const digest = r.digest ?? 'daily';
    if (!DIGEST_KINDS.includes(digest)) fail(at('digest'), `unknown digest "${digest}"; use ${DIGEST_KINDS.join(', ')}`);
    const language = r.language ?? 'en';
    if (!DIGEST_LANGUAGES.includes(language)) fail(at('language'), `"${language}" is not a digest language; use ${DIGEST_LANGUAGES.join(' or ')}`);
    const scope = r.scope ?? { role: 'manager' };
    if (typeof scope !== 'object' || Array.isArray(scope)) fail(at('scope'), 'give the scope as { role: manager } or { role: team_lead, teams: [returns] }');
    if (!SCOPE_ROLES.includes(scope.role)) fail(at('scope', 'role'), `"${scope.role}" cannot receive a digest; use ${SCOPE_ROLES.join(', ')}`);
    const teams = scope.teams === undefined ? [] : (Array.isArray(scope.teams) ? scope.teams : [scope.teams]).map(String);
    if (scope.role === 'team_lead' && teams.length === 0) fail(at('scope'), 'a team lead\'s digest names their teams: scope: { role: team_lead, teams: [returns] }');
    if (scope.role !== 'team_lead' && teams.length > 0) fail(at('scope', 'teams'), `a ${scope.role} sees every team; teams: is for role: team_lead`);
    teams.forEach((t: string, j: number) => { if (!teamIds.has(t)) fail(at('scope', 'teams', j), `unknown team "${t}"; use one of ${[...teamIds].join(', ')}`); });
    const notify = notifyList(r.notify, at('notify'), targets, fail, 'managers');
    return { id: r.id, schedule, digest, language, notify, scope: { role: scope.role, teams: scope.role === 'team_lead' ? teams : null } };
  });
  return { reports, publicUrl };
}
