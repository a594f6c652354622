// `deskpulse alerts propose-route ID --team TEAM [--apply]`: the dispatch-rule change sending a
// product or region alert's tickets to a team, previewed (nothing written) or applied as a new
// dispatch-rules version. With `serve` holding the warehouse it asks that server (DESKPULSE_TOKEN:
// the token's role decides, as on the Alerts page); otherwise it opens the file as its owner.
import { cliActor } from '../cli-actor.ts';
import type { Command } from 'commander';
import { openWarehouse } from '../open-warehouse.ts';
import { runningServer } from '../server-note.ts';
import { readAlertConfig } from '../../alerts/config/alert-config.ts';
import { proposeRoute } from '../../alerts/routing/propose-route.ts';
import { readForecastSettings } from '../../forecasting/forecast-config.ts';
import { loadConfig, resolveConfigPath } from '../../warehouse/config.ts';
import { resolveDbPath } from '../../warehouse/database.ts';

interface Flags { team: string; apply?: boolean; who?: string; json?: boolean; db?: string; config?: string }

/** What the preview and the apply print: the same fields the API answers. */
interface Shown {
  alert: { id: string; state: string; title: string };
  lines: { en: string[] };
  diff: string;
  changed: boolean;
  versionId: number | null;
  previousVersion: number | null;
  appliedBy: string;
  path: string;
}

function print(p: Shown, flags: Flags): void {
  if (flags.json) { process.stdout.write(`${JSON.stringify(p, null, 2)}\n`); return; }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`alert ${p.alert.id} (${p.alert.state}): ${p.alert.title}`);
  out(`${flags.apply ? 'applied' : 'previewed'} by ${p.appliedBy}, ${p.path}:`);
  for (const line of p.lines.en) out(`  ${line}`);
  if (p.changed) process.stdout.write(p.diff);
  process.stderr.write(!p.changed ? 'propose-route: nothing to change; nothing written\n'
    : !flags.apply ? 'propose-route: preview; nothing was written (add --apply to write it)\n'
      : `propose-route: recorded as dispatch-rules version ${p.versionId}; undo: deskpulse dispatch-rules rollback ${p.previousVersion}\n`);
}

async function viaServer(url: string, id: string, flags: Flags): Promise<Shown> {
  const path = `${url}/api/alerts/${encodeURIComponent(id)}/route-proposal`;
  const auth: Record<string, string> = process.env.DESKPULSE_TOKEN ? { authorization: `Bearer ${process.env.DESKPULSE_TOKEN}` } : {};
  const response = flags.apply
    ? await fetch(path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ team: flags.team }) })
    : await fetch(`${path}?${new URLSearchParams({ team: flags.team })}`, { headers: auth });
  const body = (await response.json()) as Shown & { message?: string };
  if (response.status === 401) throw new Error(`the server at ${url} wants a token: set DESKPULSE_TOKEN to a planner's or admin's token (${body.message})`);
  if (!response.ok) throw new Error(body.message ?? `the server answered ${response.status}`);
  return body;
}

async function direct(id: string, flags: Flags): Promise<Shown> {
  const configFile = resolveConfigPath(flags.config);
  const rules = readAlertConfig(configFile).rules;
  const warehouse = await openWarehouse(flags);
  process.stderr.write(`propose-route: opened the warehouse file ${warehouse.path} directly\n`);
  try {
    const p = await proposeRoute({
      db: warehouse, alertId: id, team: flags.team, teams: loadConfig(configFile).teams, rules,
      dispatchRulesPath: readForecastSettings(flags.config).dispatchRulesPath, who: flags.who ?? cliActor(), apply: Boolean(flags.apply),
    });
    return { ...p, appliedBy: p.who, path: p.file };
  } finally {
    warehouse.close();
  }
}

export function registerProposeRoute(alerts: Command): void {
  alerts.command('propose-route')
    .description('from a product or region alert, the dispatch-rule change sending its tickets to a team: preview, or --apply as a new version')
    .argument('<id>', 'alert id as `alerts list` prints it')
    .requiredOption('--team <team>', 'the team (of the config\'s teams:) to send the tickets to')
    .option('--apply', 'write it into the dispatch rules (a version is recorded; `dispatch-rules rollback` undoes it)')
    .option('--who <name>', 'who applies, for the version history (default cli:<login name>; through a server: the token\'s name)')
    .option('--json', 'print JSON')
    .option('--db <path>', 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)')
    .option('--config <path>', 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)')
    .action(async (id: string, flags: Flags) => {
      const server = runningServer(resolveDbPath(flags.db));
      if (server) process.stderr.write(`propose-route: ${resolveDbPath(flags.db)} is held by the server at ${server.url}; asking it\n`);
      print(server ? await viaServer(server.url, id, flags) : await direct(id, flags), flags);
    });
}
