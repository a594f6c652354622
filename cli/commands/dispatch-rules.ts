// `deskpulse dispatch-rules history | show N | rollback N`: the versions of the dispatch rules file
// DeskPulse wrote (who, when, what), one version's diff or full text, and writing an earlier
// version back, recorded as a new version (as the Forecast page and the API do).
import { cliActor } from '../cli-actor.ts';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { rollbackDispatchRules, versionOfFile } from '../../forecasting/dispatch-rules/rollback.ts';
import { listVersions, type DispatchRuleVersion } from '../../forecasting/dispatch-rules/versions.ts';
import { AS_FOUND_MODEL, parseRouteVersionModel } from '../../alerts/routing/route-version.ts';
import { readForecastSettings } from '../../forecasting/forecast-config.ts';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';
import { openWarehouseFile } from './forecast.ts';

interface CommonFlags { json?: boolean; db?: string; config?: string }

/** A version number as people type it: 3 or v3. */
function versionArg(text: string): number {
  const n = Number(text.replace(/^v/i, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${text}: give a version number from \`deskpulse dispatch-rules history\`, e.g. 3`);
  return n;
}

/** "rollback to v1", a route from an alert, the file as found before one, or the queues' staffing and its model. */
function whatText(v: DispatchRuleVersion): string {
  if (v.restoresVersion !== null) return `rollback to v${v.restoresVersion}`;
  const route = parseRouteVersionModel(v.model);
  if (route) return `route ${Object.entries(route.routed).map(([f, x]) => `${f} ${x}`).join(', ')} to team ${route.team} in queue ${v.queues.join(', ')} (alert ${route.alertId})`;
  if (v.model === AS_FOUND_MODEL) return 'the file as found (recorded before a route, so rollback can restore it)';
  return `staffing of ${v.queues.join(', ') || '-'} (${v.model})`;
}

const when = (v: DispatchRuleVersion, zone: string) => isoAt(v.appliedAt, zone).slice(0, 16).replace('T', ' ');

function asJson(v: DispatchRuleVersion, zone: string, full: boolean) {
  return {
    version: v.versionId, appliedAt: isoAt(v.appliedAt, zone), appliedBy: v.appliedBy, model: v.model, forecastRun: v.forecastRunId,
    queues: v.queues, restores: v.restoresVersion, ...(full ? { diff: v.diff, content: v.content } : {}),
  };
}

/** Opens the warehouse and the config, runs `work`, closes the warehouse. */
async function withRules<T>(flags: CommonFlags, command: string,
  work: (w: Awaited<ReturnType<typeof openWarehouseFile>>, path: string, zone: string) => Promise<T>): Promise<T> {
  const settings = readForecastSettings(flags.config);
  const warehouse = await openWarehouseFile(flags.db, `dispatch-rules ${command}`);
  try {
    return await work(warehouse, settings.dispatchRulesPath, settings.config.timezone);
  } finally {
    warehouse.close();
  }
}

export function register(program: Command): void {
  const rules = program.command('dispatch-rules').description(summaryOf('dispatch-rules'));
  const common = (c: Command) => c
    .option('--json', 'print JSON')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)');

  common(rules.command('history')
    .description('the versions of the config\'s dispatch rules file, newest first: who, when (config zone), what')
    .option('--limit <n>', 'newest versions shown', '20'))
    .action((flags: CommonFlags & { limit: string }) => withRules(flags, 'history', async (w, path, zone) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Error(`--limit ${flags.limit}: give a whole number from 1 to 500`);
      const versions = await listVersions(w, { path, limit });
      if (flags.json) { process.stdout.write(`${JSON.stringify(versions.map((v) => asJson(v, zone, false)), null, 2)}\n`); return; }
      if (versions.length === 0) { process.stdout.write('no versions yet: apply staffing first (deskpulse forecast --apply, or the Forecast page)\n'); return; }
      for (const v of versions) process.stdout.write(`v${v.versionId}  ${when(v, zone)}  ${v.appliedBy}  ${whatText(v)}\n`);
    }));

  common(rules.command('show <version>')
    .description('one version: who, when, what, then its diff (or --content: the full text it wrote)')
    .option('--content', 'print the full text of the file as that version wrote it'))
    .action((version: string, flags: CommonFlags & { content?: boolean }) => withRules(flags, 'show', async (w, path, zone) => {
      const v = await versionOfFile(w, path, versionArg(version));
      if (flags.json) { process.stdout.write(`${JSON.stringify(asJson(v, zone, true), null, 2)}\n`); return; }
      if (flags.content) { process.stdout.write(v.content); return; }
      process.stdout.write(`v${v.versionId}  ${when(v, zone)}  ${v.appliedBy}  ${whatText(v)}\n${v.diff}`);
    }));

  common(rules.command('rollback <version>')
    .description('write that version\'s text back into the dispatch rules, recorded as a new version')
    .option('--dry-run', 'show the diff, write nothing')
    .option('--who <name>', 'who rolls back, for the version history (default cli:<login name>)'))
    .action((version: string, flags: CommonFlags & { dryRun?: boolean; who?: string }) => withRules(flags, 'rollback', async (w, path) => {
      const r = await rollbackDispatchRules({
        db: w, dispatchRulesPath: path, versionId: versionArg(version), who: flags.who ?? cliActor(), dryRun: Boolean(flags.dryRun),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ dryRun: Boolean(flags.dryRun), changed: r.changed, versionId: r.versionId, restored: r.restored.versionId, diff: r.diff }, null, 2)}\n`);
      } else {
        process.stdout.write(r.diff);
      }
      process.stderr.write(!r.changed ? `dispatch-rules: the file already holds version ${r.restored.versionId}; nothing written\n`
        : flags.dryRun ? `dispatch-rules: dry run: rolling back to version ${r.restored.versionId} would change the file as shown; nothing written\n`
          : `dispatch-rules: wrote version ${r.restored.versionId} back; recorded as version ${r.versionId}\n`);
    }));
}
