// The scheduled reports on the Alerts page in words: who a digest is written for, when it runs and
// where each went. Pure: the page passes the language and the team names in.
import { translate, type Lang } from '../../lib/i18n/translate.ts';
import { deliveryText, localTime, type DeliveryRow, type NameOf } from './alert-text.ts';

export interface ReportDeliveryRow extends DeliveryRow { day: string }
export interface ReportRow {
  id: string; schedule: string; timezone: string; scope: { role: string; teams: string[] }; language: string; notify: string[];
  next_run_at: string | null;
  last_run: { scheduled_for: string; ran_at: string; outcome: 'sent' | 'failed'; why: string | null } | null;
  deliveries: ReportDeliveryRow[];
}

/** "Managers (all teams)" or "Team lead of Returns & exchanges, Logistics". */
export function scopeText(scope: ReportRow['scope'], lang: Lang, nameOf: NameOf): string {
  if (scope.role !== 'team_lead') return translate(lang, scope.role === 'admin' ? 'alerts.reports.scopeAdmin' : 'alerts.reports.scopeManager');
  return translate(lang, 'alerts.reports.scopeLead', { teams: scope.teams.map((t) => nameOf('team', t)).join(lang === 'zh' ? '、' : ', ') });
}

/** "30 8 * * * (Asia/Shanghai)": the cron as written, in the config's zone. */
export function scheduleText(report: Pick<ReportRow, 'schedule' | 'timezone'>): string {
  return `${report.schedule} (${report.timezone})`;
}

/**
 * The next run as wall time in the schedule's zone: beside "30 8 * * * (Asia/Shanghai)" it reads
 * 08:30 whatever the browser's zone (in the browser's, a UTC reader saw 00:30 next to an 8).
 */
export function nextRunText(report: Pick<ReportRow, 'next_run_at' | 'timezone'>): string {
  return localTime(report.next_run_at, report.timezone);
}

/** The digest's language in the page's. */
export function languageText(language: string, lang: Lang): string {
  return language === 'zh' || language === 'en' ? translate(lang, `alerts.reports.lang.${language}`) : language;
}

/** "Digest of 2026-12-02: ops: sent". */
export function reportDeliveryText(d: ReportDeliveryRow, lang: Lang): string {
  return translate(lang, 'alerts.reports.delivery', { day: d.day, delivery: deliveryText(d, lang) });
}
