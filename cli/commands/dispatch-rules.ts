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
import { BilingualError } from '../../forecasting/bilingual-error.ts';
import { cliLang, type CliLang } from '../lang.ts';
import { argvLang, flagErrorsIn, withErrorsIn } from './forecast-errors.ts';
import { openWarehouseFile } from './forecast.ts';
import { WAREHOUSE_OPTIONS, withHelpIn, type OptionHelp } from './help-in.ts';

interface CommonFlags { json?: boolean; db?: string; config?: string; lang?: string }

/** A version number as people type it: 3 or v3. */
function versionArg(text: string): number {
  const n = Number(text.replace(/^v/i, ''));
  if (!Number.isInteger(n) || n < 1) {
    throw new BilingualError({ en: `${text}: give a version number from \`deskpulse dispatch-rules history\`, e.g. 3`,
      zh: `${text}：请给出 \`deskpulse dispatch-rules history\` 所列的版本号，例如 3` });
  }
  return n;
}

/** "rollback to v1", a route from an alert, the file as found before one, or the queues' staffing and its model. */
function whatText(v: DispatchRuleVersion, lang: CliLang): string {
  const zh = lang === 'zh';
  if (v.restoresVersion !== null) return zh ? `回滚到 v${v.restoresVersion}` : `rollback to v${v.restoresVersion}`;
  const route = parseRouteVersionModel(v.model);
  if (route) {
    const routed = Object.entries(route.routed).map(([f, x]) => `${f} ${x}`).join(', ');
    return zh ? `把 ${routed} 分派给队列 ${v.queues.join(', ')} 中的团队 ${route.team}（告警 ${route.alertId}）`
      : `route ${routed} to team ${route.team} in queue ${v.queues.join(', ')} (alert ${route.alertId})`;
  }
  if (v.model === AS_FOUND_MODEL) return zh ? '文件原样（在分派前记录，以便回滚时恢复）' : 'the file as found (recorded before a route, so rollback can restore it)';
  return zh ? `${v.queues.join(', ') || '-'} 的排班（${v.model}）` : `staffing of ${v.queues.join(', ') || '-'} (${v.model})`;
}

const when = (v: DispatchRuleVersion, zone: string) => isoAt(v.appliedAt, zone).slice(0, 16).replace('T', ' ');

function asJson(v: DispatchRuleVersion, zone: string, full: boolean) {
  return {
    version: v.versionId, appliedAt: isoAt(v.appliedAt, zone), appliedBy: v.appliedBy, model: v.model, forecastRun: v.forecastRunId,
    queues: v.queues, restores: v.restoresVersion, ...(full ? { diff: v.diff, content: v.content } : {}),
  };
}

/** Opens the warehouse and the config, runs `work` with its errors in the run's language, closes the warehouse. */
async function withRules<T>(flags: CommonFlags, command: string,
  work: (w: Awaited<ReturnType<typeof openWarehouseFile>>, path: string, zone: string, lang: CliLang) => Promise<T>): Promise<T> {
  const lang = cliLang(flags.lang);
  return withErrorsIn(lang, async () => {
    const settings = readForecastSettings(flags.config);
    const warehouse = await openWarehouseFile(flags.db, `dispatch-rules ${command}`, lang);
    try {
      return await work(warehouse, settings.dispatchRulesPath, settings.config.timezone, lang);
    } finally {
      warehouse.close();
    }
  });
}

const VERSION_ARG = { en: 'version number as `history` prints it: 3 or v3', zh: '版本号，与 `history` 所列相同：3 或 v3' };
const JSON_OPTION: OptionHelp = { flags: '--json', text: { en: 'print JSON', zh: '输出 JSON' } };

/** A subcommand with its help, flag errors and options (JSON, warehouse, config, language) in the run's language. */
function subcommand(rules: Command, name: string, description: { en: string; zh: string }, options: readonly OptionHelp[] = []): Command {
  return withHelpIn(flagErrorsIn(rules.command(name)), description, [JSON_OPTION, ...WAREHOUSE_OPTIONS, ...options]);
}

export function register(program: Command): void {
  const rules = program.command('dispatch-rules').description(summaryOf('dispatch-rules'));
  const out = (text: string) => { process.stdout.write(text); };

  subcommand(rules, 'history', {
    en: 'the versions of the config\'s dispatch rules file, newest first: who, when (config zone), what',
    zh: '配置中分派规则文件的各个版本，最新的在前：谁、何时（配置时区）、做了什么',
  }, [{ flags: '--limit <n>', text: { en: 'newest versions shown', zh: '显示最新的几个版本' }, defaultValue: '20' }])
    .action((flags: CommonFlags & { limit: string }) => withRules(flags, 'history', async (w, path, zone, lang) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
        throw new BilingualError({ en: `--limit ${flags.limit}: give a whole number from 1 to 500`, zh: `--limit ${flags.limit}：请给出 1 到 500 之间的整数` });
      }
      const versions = await listVersions(w, { path, limit });
      if (flags.json) { out(`${JSON.stringify(versions.map((v) => asJson(v, zone, false)), null, 2)}\n`); return; }
      if (versions.length === 0) {
        out(lang === 'zh' ? '还没有版本：请先应用排班（deskpulse forecast --apply，或预测页面）\n'
          : 'no versions yet: apply staffing first (deskpulse forecast --apply, or the Forecast page)\n');
        return;
      }
      for (const v of versions) out(`v${v.versionId}  ${when(v, zone)}  ${v.appliedBy}  ${whatText(v, lang)}\n`);
    }));

  subcommand(rules, 'show', {
    en: 'one version: who, when, what, then its diff (or --content: the full text it wrote)',
    zh: '一个版本：谁、何时、做了什么，然后是它的差异（或 --content：它写入的全文）',
  }, [{ flags: '--content', text: { en: 'print the full text of the file as that version wrote it', zh: '输出该版本写入的文件全文' } }])
    .argument('<version>', VERSION_ARG[argvLang()])
    .action((version: string, flags: CommonFlags & { content?: boolean }) => withRules(flags, 'show', async (w, path, zone, lang) => {
      const v = await versionOfFile(w, path, versionArg(version));
      if (flags.json) { out(`${JSON.stringify(asJson(v, zone, true), null, 2)}\n`); return; }
      if (flags.content) { out(v.content); return; }
      out(`v${v.versionId}  ${when(v, zone)}  ${v.appliedBy}  ${whatText(v, lang)}\n${v.diff}`);
    }));

  subcommand(rules, 'rollback', {
    en: 'write that version\'s text back into the dispatch rules, recorded as a new version',
    zh: '把该版本的文本写回分派规则，并记为一个新版本',
  }, [
    { flags: '--dry-run', text: { en: 'show the diff, write nothing', zh: '只显示差异，不写入' } },
    { flags: '--who <name>', text: { en: 'who rolls back, for the version history (default cli:<login name>)', zh: '回滚人，记入版本历史（默认 cli:<登录名>）' } },
  ])
    .argument('<version>', VERSION_ARG[argvLang()])
    .action((version: string, flags: CommonFlags & { dryRun?: boolean; who?: string }) => withRules(flags, 'rollback', async (w, path, _zone, lang) => {
      const r = await rollbackDispatchRules({
        db: w, dispatchRulesPath: path, versionId: versionArg(version), who: flags.who ?? cliActor(), dryRun: Boolean(flags.dryRun),
      });
      if (flags.json) {
        out(`${JSON.stringify({ dryRun: Boolean(flags.dryRun), changed: r.changed, versionId: r.versionId, restored: r.restored.versionId, diff: r.diff }, null, 2)}\n`);
      } else {
        out(r.diff);
      }
      const restored = r.restored.versionId;
      process.stderr.write(lang === 'zh'
        ? (!r.changed ? `dispatch-rules：文件已是版本 ${restored}；未写入\n`
          : flags.dryRun ? `dispatch-rules：试运行：回滚到版本 ${restored} 会如上改动文件；未写入\n`
            : `dispatch-rules：已写回版本 ${restored}；记为版本 ${r.versionId}\n`)
        : (!r.changed ? `dispatch-rules: the file already holds version ${restored}; nothing written\n`
          : flags.dryRun ? `dispatch-rules: dry run: rolling back to version ${restored} would change the file as shown; nothing written\n`
            : `dispatch-rules: wrote version ${restored} back; recorded as version ${r.versionId}\n`));
    }));
}
