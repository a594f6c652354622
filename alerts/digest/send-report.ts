// One report run: the digest composed for its scope and language, then delivered to each notify
// target (e-mail: HTML with the inline PNG; other channels: the plain text) with the alerts' retry
// and backoff, every attempt recorded in alert_deliveries as report:<id>:<day>; or, for a dry run,
// written to files (.eml, .html, .png) instead of sent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '../../warehouse/database.ts';
import { readValueLabels } from '../../warehouse/value-labels.ts';
import { addDelivery } from '../engine/alert-store.ts';
import { deliver, type DeliveryOptions } from '../notify/deliver.ts';
import { mailSource, sendMail, type MailContent } from '../notify/email.ts';
import type { AlertMessage } from '../notify/message.ts';
import { send } from '../notify/registry.ts';
import type { NotifyTarget } from '../notify/target.ts';
import { volumeChartPng } from './digest-chart.ts';
import { digestData, type DigestData } from './digest-data.ts';
import { CHART_CID, digestText, type DigestText } from './digest-text.ts';
import type { ReportConfig, ReportDefinition } from './report-config.ts';

export interface Digest { report: ReportDefinition; data: DigestData; text: DigestText; png: Buffer; link: string }

/** The Overview of the digest's day and scope, compared with the week before. */
export function overviewLink(baseUrl: string, report: ReportDefinition, day: string): string {
  const url = new URL('/', baseUrl);
  url.searchParams.set('from', day);
  url.searchParams.set('to', day);
  url.searchParams.set('compare', 'week');
  for (const team of report.scope.teams ?? []) url.searchParams.append('team', team);
  return url.toString();
}

export async function composeDigest(warehouse: Warehouse, rc: ReportConfig, report: ReportDefinition, day: string,
  options: { baseUrl: string; now?: Date }): Promise<Digest> {
  const [data, labels] = await warehouse.withConnection(async (db) => [await digestData(db, report, day, rc.timezone, options.now), await readValueLabels(db)] as const);
  const link = overviewLink(rc.publicUrl ?? options.baseUrl, report, day);
  return { report, data, link, text: digestText(data, report.language, rc.config.teams, link, labels), png: await volumeChartPng(data, report.language) };
}

function mailOf(digest: Digest): MailContent {
  return { subject: digest.text.subject, text: digest.text.text, html: digest.text.html,
    images: [{ cid: CHART_CID, filename: `${digest.report.id}-${digest.data.day}.png`, content: digest.png }] };
}

function messageOf(digest: Digest): AlertMessage {
  return { alertId: `report:${digest.report.id}:${digest.data.day}`, ruleId: digest.report.id, kind: 'digest', event: 'digest',
    title: digest.text.subject, lines: digest.text.text.split('\n'), detail: { day: digest.data.day, kpis: digest.data.kpis, link: digest.link }, at: new Date().toISOString() };
}

/** Delivers to every target of the report; resolves with the targets that failed and why (never throws). */
export async function deliverDigest(warehouse: Warehouse, rc: ReportConfig, digest: Digest, options: DeliveryOptions = {}): Promise<{ failed: string[] }> {
  const targets = digest.report.notify.map((id) => rc.targets.get(id)).filter((t): t is NotifyTarget => t !== undefined);
  const message = messageOf(digest);
  const lastWhy = new Map<string, string>();
  const sender = (target: NotifyTarget, m: AlertMessage) => (target.type === 'email' ? sendMail(target, mailOf(digest)) : send(target, m));
  const delivered = await deliver(targets, message, async (attempt) => {
    if (attempt.why) lastWhy.set(attempt.target, attempt.why);
    await warehouse.withConnection((db) => addDelivery(db, message.alertId, attempt));
  }, { sender, ...options });
  return { failed: targets.filter((_, i) => !delivered[i]).map((t) => `${t.id}: ${lastWhy.get(t.id) ?? 'not delivered'}`) };
}

/** Writes the digest as it would be sent: <dir>/<id>-<day>.eml (the first e-mail target's mail), .html and .png. */
export async function writeDryRun(dir: string, rc: ReportConfig, digest: Digest): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${digest.report.id}-${digest.data.day}`);
  const email = digest.report.notify.map((id) => rc.targets.get(id)).find((t) => t?.type === 'email')
    ?? { id: 'dry-run', type: 'email', settings: { from: 'deskpulse@localhost', to: ['dry-run@localhost'] } };
  const files: [string, Buffer | string][] = [
    [`${base}.eml`, await mailSource(email, mailOf(digest))],
    [`${base}.html`, digest.text.html.replace(`cid:${CHART_CID}`, `${digest.report.id}-${digest.data.day}.png`)],
    [`${base}.png`, digest.png],
    [`${base}.txt`, digest.text.text],
  ];
  for (const [file, content] of files) writeFileSync(file, content);
  return files.map(([file]) => file);
}
