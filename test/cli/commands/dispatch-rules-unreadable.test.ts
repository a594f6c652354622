// A dispatch rules file that cannot be read, as `deskpulse forecast` and `staffing simulate` say it:
// in the run's language (--lang, else the locale), the file by its path, why by the error's code,
// before any warehouse is opened.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertFreshServerBuild } from '../../support/fresh-build.ts';

assertFreshServerBuild();

let config = '';
let missing = '';
const ENV = { LC_ALL: '', LC_MESSAGES: '', LANG: '', DESKPULSE_PII_KEY: 'lang' };

function deskpulse(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', join(config, '..', 'none.duckdb'), '--config', config],
    { encoding: 'utf8', env: { ...process.env, ...ENV, ...env } });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-rules-unreadable-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  config = join(dir, 'config', 'deskpulse.yaml');
  missing = join(dir, 'config', 'nowhere.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^dispatch_rules: .*$/m, 'dispatch_rules: ./nowhere.yaml'));
});

describe('a dispatch rules file that cannot be read, from the CLI', () => {
  it('is said in Chinese with --lang zh or a zh locale, in English otherwise', () => {
    const zh = `deskpulse: ${missing}: 无法读取分派规则（找不到该文件）：请检查配置中的 dispatch_rules\n`;
    expect(deskpulse(['forecast', '--lang', 'zh'])).toMatchObject({ code: 1, out: '', err: zh });
    expect(deskpulse(['staffing', 'simulate'], { LANG: 'zh_CN.UTF-8' })).toMatchObject({ code: 1, out: '', err: zh });
    expect(deskpulse(['forecast'])).toMatchObject({ code: 1,
      err: `deskpulse: ${missing}: cannot read the dispatch rules (no such file); check dispatch_rules in the config\n` });
  });

  it('says every problem of an invalid file in the run\'s language, at its line and column', () => {
    const invalid = join(config, '..', 'invalid.yaml');
    writeFileSync(invalid, readFileSync('config/dispatch-rules.yaml', 'utf8').replace(/^timezone: .*$/m, 'timezone: Mars/Olympus'));
    const line = readFileSync(invalid, 'utf8').split('\n').findIndex((l) => l.startsWith('timezone:')) + 1;
    const invalidConfig = join(config, '..', 'invalid-config.yaml');
    writeFileSync(invalidConfig, readFileSync(config, 'utf8').replace(/^dispatch_rules: .*$/m, 'dispatch_rules: ./invalid.yaml'));
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', join(config, '..', 'none.duckdb'), '--config', invalidConfig],
        { encoding: 'utf8', env: { ...process.env, ...ENV, ...env } });
      return { code: r.status, err: r.stderr };
    };
    expect(run(['forecast', '--lang', 'zh'])).toEqual({ code: 1, err: `deskpulse: ${invalid}:${line}:11: timezone: 应为 IANA 时区，例如 Asia/Shanghai，实际为 "Mars/Olympus"\n` });
    expect(run(['staffing', 'simulate'], { LANG: 'zh_CN.UTF-8' }).err).toContain('应为 IANA 时区');
    expect(run(['forecast'])).toEqual({ code: 1, err: `deskpulse: ${invalid}:${line}:11: timezone: expected an IANA time zone such as Asia/Shanghai, got "Mars/Olympus"\n` });
  });
});
