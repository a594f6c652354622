// `deskpulse forecast --help` and `deskpulse staffing simulate --help` in the language the command
// writes in: --lang, else the locale. The Chinese help has no English word left but notation (flags,
// values, paths, variables) and names; the English help is as it was.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

assertFreshServerBuild();

function help(args: string[], env: Record<string, string> = {}): string {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--help'], { encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env } });
  expect(run.status).toBe(0);
  return run.stdout;
}

/** Words a Chinese reader takes as they are: formats, the product, an id, the language codes, the values the flags take. */
const NAMES = new Set(['CSV', 'JSON', 'DeskPulse', 'id', 'en', 'zh', 'all', 'daily', 'kind', 'holiday', 'promotion', 'stderr', 'LANG', 'deskpulse', 'forecast', 'staffing', 'simulate']);

/** English words left once notation (any token with - $ . : _ < > * / , or digits in it) is taken out. */
function englishWords(text: string): string[] {
  const words = text.split(/[\s（），、；：“”"'()]+/).filter((t) => /[A-Za-z]{2,}/.test(t) && !/[-$.:_<>*/,\d]/.test(t));
  return [...new Set(words.flatMap((t) => t.match(/[A-Za-z]{2,}/g) ?? []))].filter((w) => !NAMES.has(w));
}

describe('the help of the commands that write Chinese', () => {
  it('is in Chinese with --lang zh: headings, every option, the defaults and -h', () => {
    const text = help(['forecast', '--lang', 'zh']);
    expect(text).toMatch(/^用法： deskpulse forecast \[选项\]\n\n按队列（或计数文件）预测进线量/);
    expect(text).toContain('\n选项：\n');
    expect(text).toMatch(/--horizon <horizon> +预测多远，例如 14d、2w、48h（默认：14d）/);
    expect(text).toMatch(/-h, --help +显示本命令的帮助/);
    expect(englishWords(text)).toEqual([]);
    // every option of the English help is there
    const flags = (t: string) => [...t.matchAll(/^ {2}(-[^ ]+(?: <[^>]+>)?)/gm)].map((m) => m[1]);
    expect(flags(text)).toEqual(flags(help(['forecast'])));
  });

  it('follows the locale without --lang, and --lang over the locale', () => {
    const text = help(['staffing', 'simulate'], { LANG: 'zh_CN.UTF-8' });
    expect(text).toMatch(/^用法： deskpulse staffing simulate \[选项\]/);
    expect(text).toMatch(/--days <n> +模拟天数，1 到 14（默认：7）/);
    expect(englishWords(text)).toEqual([]);
    const english = help(['staffing', 'simulate', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(english).toMatch(/^Usage: deskpulse staffing simulate \[options\]\n\nsimulate the staffing plan/);
    expect(english).toMatch(/--days <n> +days to simulate, 1 to 14 \(default: "7"\)/);
    expect(english).toMatch(/-h, --help +display help for command/);
  });
});
