// `deskpulse alerts list|test ID|history|ack ID`: the config's rules with their alerts, one rule
// evaluated now (optionally sent), what happened to alerts (and where each message went), and
// acknowledging one. The rules are checked before the warehouse is opened: a bad rule file is refused
// with its line and column.
import { cliActor } from '../cli-actor.ts';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { openWarehouse } from '../open-warehouse.ts';
import { registerProposeRoute } from './alerts-propose-route.ts';
import { readAlertConfig, type AlertConfig } from '../../alerts/config/alert-config.ts';
import { alertResolved } from '../../alerts/engine/alert-not-found.ts';
import { acknowledgeAlert, actorNames, addHistory, alertHistory, listAlerts, ruleRuns } from '../../alerts/engine/alert-store.ts';
import type { Delivery } from '../../alerts/engine/delivery-history.ts';
import { findingsOf } from '../../alerts/engine/evaluate-rules.ts';
import { deliver } from '../../alerts/notify/deliver.ts';
import { ruleContext } from '../../alerts/rules/rule-context.ts';
import { loadConfig, resolveConfigPath } from '../../warehouse/config.ts';
import { BilingualError } from '../../forecasting/bilingual-error.ts';
import { cliLang } from '../lang.ts';
import { argvLang, flagErrorsIn, withErrorsIn } from './forecast-errors.ts';
import { WAREHOUSE_OPTIONS, withHelpIn } from './help-in.ts';

interface Flags { db?: string; config?: string; json?: boolean; send?: boolean; all?: boolean; limit?: string; lang?: string }

const out = (line: string): void => { process.stdout.write(`${line}\n`); };
/** An id `alerts ack` does not find (the CLI sees every alert: it points to the list). */
const noAlert = (id: string) => ({ en: `no alert "${id}"; \`deskpulse alerts list\` prints them`, zh: `没有告警 "${id}"：\`deskpulse alerts list\` 列出全部告警` });

function withOptions(command: Command): Command {
  return command.option('--db <path>', 'warehouse file').option('--config <path>', 'DeskPulse config').option('--json', 'print JSON');
}

/** "ops: sent (2 attempts; the first failed: HTTP 500)" or "boss: failed after 3 attempts: ECONNREFUSED". */
export function deliveryLine(d: Delivery): string {
  const attempts = `${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}`;
  if (d.outcome === 'failed') return `${d.target}: failed after ${attempts}${d.why ? `: ${d.why}` : ''}`;
  return `${d.target}: sent${d.attempts > 1 ? ` (${attempts}${d.why ? `; last failure: ${d.why}` : ''})` : ''}`;
}


function rules(flags: Flags): AlertConfig {
  return readAlertConfig(resolveConfigPath(flags.config));
}

export function register(program: Command): void {
  const alerts = program.command('alerts').description(summaryOf('alerts'));
  registerProposeRoute(alerts);
  withOptions(alerts.command('list').description('the rules (last evaluation) and the open alerts (--all: resolved too)'))
    .option('--all', 'resolved alerts too')
    .action(async (flags: Flags) => {
      const config = rules(flags);
      const warehouse = await openWarehouse(flags);
      try {
        const runs = await ruleRuns(warehouse.db);
        const named = await actorNames(warehouse.db);
        const open = (await listAlerts(warehouse.db, flags.all ? {} : { states: ['firing', 'acknowledged'] }))
          .map((a) => ({ ...a, acknowledged_by: named(a.acknowledged_by) }));
        if (flags.json) {
          out(JSON.stringify({ rules: config.rules.map((r) => ({ ...r, lastRun: runs.get(r.id) ?? null })), alerts: open }));
          return;
        }
        for (const r of config.rules) {
          const run = runs.get(r.id);
          out(`rule ${r.id} (${r.kind}) -> ${r.notify.join(', ')}: ${run ? `evaluated ${run.evaluated_at}, ${run.firing} firing${run.error ? `, error: ${run.error}` : ''}` : 'not evaluated yet'}`);
        }
        if (config.rules.length === 0) out('no rules: add them under alerts: in the config');
        for (const a of open) out(`${a.state.padEnd(12)} ${a.alert_id}  ${a.title}${a.acknowledged_by ? ` (acknowledged by ${a.acknowledged_by})` : ''}`);
      } finally {
        warehouse.close();
      }
    });
  withOptions(alerts.command('test').description('evaluate one rule now and print what it finds (nothing recorded); --send sends it to its first target'))
    .argument('<id>', 'rule id')
    .option('--send', 'send what it finds (or a test message) to the rule\'s first notify target')
    .action(async (id: string, flags: Flags) => {
      const config = rules(flags);
      const rule = config.rules.find((r) => r.id === id);
      if (!rule) throw new Error(`no rule "${id}"; the rules are ${config.rules.map((r) => r.id).join(', ') || 'none'}`);
      const desk = loadConfig(resolveConfigPath(flags.config));
      const warehouse = await openWarehouse(flags);
      try {
        const findings = await findingsOf(rule, ruleContext(warehouse.db, desk, new Date()));
        if (flags.json) out(JSON.stringify(findings));
        else if (findings.length === 0) out(`${id}: nothing out of line now`);
        else for (const f of findings) out([f.title, ...f.lines.map((l) => `  ${l}`)].join('\n'));
        if (flags.send) {
          const target = config.targets.get(rule.notify[0]!)!;
          const first = findings[0];
          const [sent] = await deliver([target], {
            alertId: `${id}:test`, ruleId: id, kind: rule.kind, event: 'test', at: new Date().toISOString(),
            title: first ? `TEST: ${first.title}` : `TEST: ${id} (nothing out of line now)`, lines: first?.lines ?? [], detail: first?.detail ?? {},
          }, (a) => out(`${a.target} attempt ${a.attempt}: ${a.outcome}${a.why ? ` (${a.why})` : ''}`));
          if (!sent) process.exitCode = 1;
        }
      } finally {
        warehouse.close();
      }
    });
  withOptions(alerts.command('history').description('what happened to alerts, newest first, each message with its deliveries (target, sent or failed, attempts, why)'))
    .option('--limit <n>', 'at most this many', '50')
    .action(async (flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const rows = await alertHistory(warehouse.db, { limit: Number(flags.limit) });
        for (const h of rows) {
          if (flags.json) {
            out(JSON.stringify(h));
            continue;
          }
          out(`${h.at} ${h.event.padEnd(12)} ${h.alert_id}${h.by_whom ? ` by ${h.by_whom}` : ''}: ${h.title}`);
          for (const d of h.deliveries) out(`    -> ${deliveryLine(d)}`);
        }
      } finally {
        warehouse.close();
      }
    });
  const ackHelp = { en: 'acknowledge an alert: no more reminders or escalations', zh: '确认告警：不再提醒，也不再升级' };
  withHelpIn(flagErrorsIn(alerts.command('ack')), ackHelp, WAREHOUSE_OPTIONS)
    .argument('<id>', argvLang() === 'zh' ? '告警编号，与 `alerts list` 所列相同' : 'alert id as `alerts list` prints it')
    .action(async (id: string, flags: Flags) => {
      const lang = cliLang(flags.lang);
      await withErrorsIn(lang, async () => {
        const warehouse = await openWarehouse(flags);
        try {
          const [alert] = await listAlerts(warehouse.db, { alertId: id });
          if (!alert) throw new BilingualError(noAlert(id));
          if (alert.state === 'resolved') throw new BilingualError(alertResolved(id));
          const now = new Date();
          const acked = await acknowledgeAlert(warehouse.db, id, cliActor(), now);
          if (!acked) throw new BilingualError(alertResolved(id));
          await addHistory(warehouse.db, id, 'acknowledged', acked.title, now, cliActor());
          out(lang === 'zh' ? `已确认 ${id}` : `acknowledged ${id}`);
        } finally {
          warehouse.close();
        }
      });
    });
}
