// The language a command writes its text in: `--lang en|zh`, else the shell's locale (LC_ALL,
// LC_MESSAGES, LANG: zh_CN.UTF-8 and any zh* is Chinese), else English. Data (ids, names as
// written, timestamps) and units stay as they are.
export type CliLang = 'en' | 'zh';

export const LANG_HELP = {
  en: 'language of the text, en or zh (default: from LC_ALL, LC_MESSAGES or LANG; zh_* is zh, else en)',
  zh: '文字的语言，en 或 zh（默认按 LC_ALL、LC_MESSAGES 或 LANG：zh_* 为中文，否则英文）',
};

export function cliLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): CliLang {
  if (flag !== undefined) {
    if (flag !== 'en' && flag !== 'zh') throw new Error(`--lang ${flag}: choose en or zh`);
    return flag;
  }
  // POSIX precedence: the first of these that is set names the locale.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}
