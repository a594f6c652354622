// The `deskpulse` command: each sub-command is a module in cli/commands/ that registers itself.
import { Command, CommanderError } from 'commander';
import { register as registerDemo } from './commands/demo.ts';
import { register as registerDispatchRules } from './commands/dispatch-rules.ts';
import { register as registerForecast } from './commands/forecast.ts';
import { register as registerIngest } from './commands/ingest.ts';
import { register as registerMigrate } from './commands/migrate.ts';
import { register as registerMapping } from './commands/mapping.ts';
import { register as registerQuarantine } from './commands/quarantine.ts';
import { register as registerRederive } from './commands/rederive.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerStaffing } from './commands/staffing.ts';
import { register as registerToken } from './commands/token.ts';

const program = new Command('deskpulse')
  .description('DeskPulse: analytics, forecasting and staffing for customer-service tickets')
  .exitOverride();
for (const register of [registerIngest, registerQuarantine, registerDemo, registerServe, registerMigrate, registerForecast, registerToken, registerStaffing, registerDispatchRules, registerMapping, registerRederive]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  process.stderr.write(`deskpulse: ${(err as Error).message}\n`);
  process.exit(1);
}
