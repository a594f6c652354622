// `deskpulse token create|list|revoke`: API tokens for people and scripts. A token is printed
// once, at creation; the warehouse keeps only its SHA-256, so a lost token is revoked and replaced.
import { cliActor } from '../cli-actor.ts';
import type { Command } from 'commander';
import { summaryOf } from '../command-list.ts';
import { createToken, listTokens, revokeToken, ROLES, type TokenInfo } from '../../web/server/auth/token-store.ts';
import { openWarehouse } from '../open-warehouse.ts';

interface Flags { role?: string; team: string[]; name?: string; json?: boolean; db?: string; config?: string }

const collect = (value: string, previous: string[]) => [...previous, value];


function describe(t: TokenInfo): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? 'never'}`;
  return `${t.tokenId}  ${t.role.padEnd(9)}  ${(t.teams?.join(',') ?? '-').padEnd(12)}  ${t.name}  (created ${t.createdAt} by ${t.createdBy}; ${state})`;
}

export function register(program: Command): void {
  const token = program.command('token').description(summaryOf('token'));
  token.command('create')
    .description('create a token and print it (only this once)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--team <team>', 'a team a team_lead token may see (repeat for several)', collect, [])
    .option('--name <name>', 'what or who the token is for')
    .option('--json', 'print {token, tokenId, role, teams, name, createdAt} as JSON')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const { token: secret, info } = await createToken(warehouse.db, { role: flags.role!, teams: flags.team, name: flags.name, createdBy: cliActor() });
        if (flags.json) return void process.stdout.write(`${JSON.stringify({ token: secret, ...info })}\n`);
        // The token alone on stdout (TOKEN=$(deskpulse token create ...)); the advice on stderr.
        process.stderr.write(`token ${info.tokenId} (${info.role}${info.teams ? ` of ${info.teams.join(', ')}` : ''}, "${info.name}") created. ` +
          'It is shown only this once: keep it in a password manager or secret store.\n' +
          'Use it as "Authorization: Bearer <token>", or paste it into the dashboard sign-in.\n');
        process.stdout.write(`${secret}\n`);
      } finally {
        warehouse.close();
      }
    });
  token.command('list')
    .description('list tokens (ids, roles, teams, use; never secrets)')
    .option('--json', 'print a JSON array')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const tokens = await listTokens(warehouse.db);
        if (flags.json) return void process.stdout.write(`${JSON.stringify(tokens)}\n`);
        if (tokens.length === 0) process.stderr.write('no tokens yet; create one with `deskpulse token create --role admin`\n');
        for (const t of tokens) process.stdout.write(`${describe(t)}\n`);
      } finally {
        warehouse.close();
      }
    });
  token.command('revoke')
    .description('revoke a token: it is refused from the next request on')
    .argument('<id>', 'the token id (the part after "dp_", as shown by `token list`)')
    .option('--db <path>', 'warehouse file')
    .option('--config <path>', 'DeskPulse config')
    .action(async (id: string, flags: Flags) => {
      const warehouse = await openWarehouse(flags);
      try {
        const info = await revokeToken(warehouse.db, id);
        process.stdout.write(`token ${info.tokenId} (${info.role}, "${info.name}") revoked at ${info.revokedAt}\n`);
      } finally {
        warehouse.close();
      }
    });
}
