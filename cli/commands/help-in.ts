// A command's `--help` in the run's language (`--lang`, else the locale: the language its output
// takes), for the commands that write Chinese: each option's text in both languages beside its
// flags, and commander's own words (Usage, Options, default, -h) in Chinese where asked.
import type { Command, Option } from 'commander';
import { LANG_HELP, type CliLang } from '../lang.ts';
import { argvLang } from './forecast-errors.ts';

export interface HelpText { en: string; zh: string }

/** One option: commander's flags notation (data in both languages), its text, and its default value if any. */
export interface OptionHelp { flags: string; text: HelpText; defaultValue?: string }

/** The warehouse, config and language options of the commands that open a warehouse and write in either language. */
export const WAREHOUSE_OPTIONS: readonly OptionHelp[] = [
  { flags: '--db <path>', text: { en: 'warehouse file (default $DESKPULSE_DB or ./data/deskpulse.duckdb)', zh: '仓库文件（默认 $DESKPULSE_DB 或 ./data/deskpulse.duckdb）' } },
  { flags: '--config <path>', text: { en: 'DeskPulse config (default $DESKPULSE_CONFIG or ./config/deskpulse.yaml)', zh: 'DeskPulse 配置（默认 $DESKPULSE_CONFIG 或 ./config/deskpulse.yaml）' } },
  { flags: '--lang <lang>', text: LANG_HELP },
];

const TITLES_ZH: Readonly<Record<string, string>> = {
  'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：',
};

/** The default commander would show (value options and true/false switches), worded in Chinese. */
function optionTextZh(option: Option): string {
  const shown = option.defaultValue !== undefined && (option.required || option.optional || typeof option.defaultValue === 'boolean');
  return shown ? `${option.description}（默认：${option.defaultValueDescription ?? String(option.defaultValue)}）` : option.description;
}

/**
 * `command` described and given `options` in `lang` (decided from the arguments before commander
 * parses them: `--help` prints before any action runs).
 */
export function withHelpIn(command: Command, description: HelpText, options: readonly OptionHelp[], lang: CliLang = argvLang()): Command {
  command.description(description[lang]);
  for (const o of options) command.option(o.flags, o.text[lang], o.defaultValue);
  if (lang === 'en') return command;
  return command.usage('[选项]').helpOption('-h, --help', '显示本命令的帮助').configureHelp({
    styleTitle: (title) => TITLES_ZH[title] ?? title,
    optionDescription: optionTextZh,
  });
}
