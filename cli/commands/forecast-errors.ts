// The errors of `deskpulse forecast` and `deskpulse staffing simulate` in the run's language:
// the forecaster's own (they carry both languages), a file that cannot be read, and commander's
// flag errors (unknown option, missing argument), which commander writes in English only.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { BilingualError, messagesOf, unreadableFileReason } from '../../forecasting/bilingual-error.ts';
import { cliLang, type CliLang } from '../lang.ts';

/** The language of the run as far as the arguments tell before commander parses them (a bad --lang: English). */
export function argvLang(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): CliLang {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = at < 0 ? undefined : argv[at]!.startsWith('--lang=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
  try {
    return cliLang(flag, env);
  } catch {
    return 'en';
  }
}

/** Commander's messages (commander/lib/command.js) in Chinese; the flags and values in them are data. */
const COMMANDER_ZH: [RegExp, string][] = [
  [/^error: unknown option '([^']*)'/, '错误：未知选项 $1'],
  [/^error: option '([^']*)' argument missing/, '错误：选项 $1 缺少参数值'],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\./, '错误：选项 $1 的参数值 $2 无效'],
  [/^error: required option '([^']*)' not specified/, '错误：缺少必需的选项 $1'],
  [/^error: missing required argument '([^']*)'/, '错误：缺少必需的参数 $1'],
  [/^error: too many arguments.*$/m, '错误：参数过多'],
  [/^error: (.*) cannot be used with (.*)$/m, '错误：$1 不能与 $2 同时使用'],
  [/\(Did you mean one of (.*)\?\)/, '（是否想用以下之一：$1？）'],
  [/\(Did you mean (.*)\?\)/, '（是否想用 $1？）'],
];

function commanderZh(text: string): string {
  let out = text;
  for (const [pattern, zh] of COMMANDER_ZH) out = out.replace(pattern, zh);
  // A message this table does not know: say so in Chinese and keep commander's text as the detail.
  return /^error:/.test(out) ? `错误：选项或参数有误（${out.trim().replace(/^error: /, '')}）\n` : out;
}

/** Commander's flag errors and the hint after them in `lang` (decided from the arguments: commander reports before --lang is parsed). */
export function flagErrorsIn(command: Command, lang: CliLang = argvLang()): Command {
  if (lang === 'en') return command;
  return command
    .configureOutput({ outputError: (text, write) => write(commanderZh(text)) })
    .showHelpAfterError('（`deskpulse --help` 列出各命令，`deskpulse 命令 --help` 列出其选项）');
}

/** Runs a command's action with its errors in `lang`: the forecaster's own in Chinese where it wrote them. */
export async function withErrorsIn<T>(lang: CliLang, action: () => Promise<T> | T): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (lang === 'en' || !(err instanceof Error)) throw err;
    const messages = messagesOf(err);
    throw messages.zh === err.message ? err : new Error(messages.zh);
  }
}

/** A file named by a flag, as text; one that cannot be read is an error naming the flag and the file, in both languages. */
export function readFlagFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const why = unreadableFileReason(err);
    throw new BilingualError({ en: `${flag} ${path}: ${why.en}`, zh: `${flag} ${path}：${why.zh}` });
  }
}
