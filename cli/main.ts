// The `deskpulse` command. Only the command being run is imported (cli/command-list.ts): its module
// registers its options and action; `--help` and unknown commands list the table and load nothing else.
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './command-list.ts';
import { argvLang } from './commands/forecast-errors.ts';
import { messagesOf } from '../forecasting/bilingual-error.ts';

const program = new Command('deskpulse')
  .description('DeskPulse: analytics, forecasting and staffing for customer-service tickets')
  .showHelpAfterError('(`deskpulse --help` lists the commands, `deskpulse COMMAND --help` their options)')
  .exitOverride();

/** The command the arguments name: `deskpulse NAME ...` or `deskpulse help NAME`. */
function requested(argv: string[]): string | undefined {
  return argv[2] === 'help' ? argv[3] : argv[2];
}

const wanted = COMMANDS.find((c) => c.name === requested(process.argv));
for (const entry of COMMANDS) {
  if (entry === wanted) (await entry.load()).register(program);
  else program.command(entry.name).description(entry.summary);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
  // An error in both languages (a held warehouse file, the forecaster's) in the run's: --lang, else the locale.
  process.stderr.write(`deskpulse: ${messagesOf(err)[argvLang()]}\n`);
  process.exit(1);
}
