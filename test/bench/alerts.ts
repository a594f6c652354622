// `npm run bench -- alerts [--weeks 8] [--step-minutes 120] [--tickets-per-day 200] [--end 2026-09-20]`:
// builds a demo warehouse whose last `weeks` weeks are ordinary (no promotion or holiday; 4 weeks of
// history before them for the baseline), replays those weeks evaluating the example rules
// every `step` minutes (state, cooldown and resolution as in `serve`; nothing sent) and counts the
// alerts fired per rule per week: on normal weeks each is a false alarm (target: at most 1 a week).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { parseAlertConfig } from '../../alerts/config/alert-config.ts';
import { evaluateRules } from '../../alerts/engine/evaluate-rules.ts';
import { readDemoConfig } from '../../ingest/demo/demo-config.ts';
import { demoIntoWarehouse } from '../../ingest/demo/demo-into-warehouse.ts';
import { loadConfig } from '../../warehouse/config.ts';
import { Warehouse } from '../../warehouse/database.ts';
import { syncConfig } from '../../warehouse/calendar/sync-config.ts';

const { values } = parseArgs({ options: {
  weeks: { type: 'string', default: '8' }, 'step-minutes': { type: 'string', default: '120' },
  'tickets-per-day': { type: 'string', default: '200' }, end: { type: 'string', default: '2026-09-20' }, seed: { type: 'string', default: '42' },
} });
const weeks = Number(values.weeks);
const stepMs = Number(values['step-minutes']) * 60_000;

const RULES = `
notify:
  ops: { type: webhook, url: http://127.0.0.1:9/hook }
alerts:
  - { id: complaint-spike, kind: anomaly, metric: volume, filter: { problem_type: [complaint] }, by: [product], window: 2h, notify: [ops] }
  - { id: product-spike, kind: anomaly, metric: volume, by: [product], window: 2h, notify: [ops] }
  - { id: region-spike, kind: anomaly, metric: volume, by: [region], window: 2h, notify: [ops] }
  - { id: problem-type-spike, kind: anomaly, metric: volume, by: [problem_type], window: 2h, notify: [ops] }
`;

const configPath = 'config/deskpulse.yaml';
const config = loadConfig(configPath);
const alerts = parseAlertConfig(RULES, 'bench rules');
const dir = mkdtempSync(join(tmpdir(), 'deskpulse-bench-alerts-'));
const warehouse = await Warehouse.open(join(dir, 'bench.duckdb'));
try {
  await warehouse.transaction((db) => syncConfig(db, config));
  const days = (weeks + 4) * 7;
  const built = Date.now();
  await demoIntoWarehouse(warehouse, { days, ticketsPerDay: Number(values['tickets-per-day']), seed: Number(values.seed), end: values.end, config: readDemoConfig(configPath) });
  const buildSeconds = (Date.now() - built) / 1000;
  const end = DateTime.fromISO(values.end!, { zone: config.timezone }).plus({ days: 1 });
  const start = end.minus({ weeks });
  const fired: Record<string, number[]> = Object.fromEntries(alerts.rules.map((r) => [r.id, Array<number>(weeks).fill(0)]));
  const examples: Record<string, string[]> = Object.fromEntries(alerts.rules.map((r) => [r.id, []]));
  const replayed = Date.now();
  let evaluations = 0;
  for (let t = start.toMillis(); t <= end.toMillis(); t += stepMs) {
    const now = new Date(t);
    const { notifications, errors } = await evaluateRules(warehouse, alerts, config, now);
    if (errors.length > 0) throw new Error(errors.map((e) => `${e.rule}: ${e.error}`).join('\n'));
    evaluations++;
    const week = Math.min(weeks - 1, Math.floor((t - start.toMillis()) / (7 * 86_400_000)));
    for (const n of notifications) {
      if (n.event !== 'fired') continue;
      fired[n.alert.rule_id]![week]!++;
      if (examples[n.alert.rule_id]!.length < 5) examples[n.alert.rule_id]!.push(`${now.toISOString()} ${n.message.title}`);
    }
  }
  const perRule = Object.fromEntries(Object.entries(fired).map(([rule, perWeek]) => [rule,
    { perWeek, max: Math.max(...perWeek), mean: perWeek.reduce((a, b) => a + b, 0) / weeks, withinTarget: Math.max(...perWeek) <= 1, examples: examples[rule] }]));
  console.log(JSON.stringify({
    bench: 'alerts', weeks, from: start.toISODate(), to: end.minus({ days: 1 }).toISODate(), stepMinutes: stepMs / 60_000,
    ticketsPerDay: Number(values['tickets-per-day']), evaluations, buildSeconds, replaySeconds: (Date.now() - replayed) / 1000,
    targetPerRulePerWeek: 1, rules: perRule,
  }, null, 2));
} finally {
  warehouse.close();
  rmSync(dir, { recursive: true, force: true });
}
