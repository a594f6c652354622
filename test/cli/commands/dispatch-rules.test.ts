// `deskpulse dispatch-rules history | show | rollback` as a child process, on a small demo
// warehouse whose dispatch rules were applied twice by `deskpulse forecast --apply`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deskpulse } from '../../e2e/support/e2e-server.ts';

let db: string;
let config: string;
let rules: string;
const texts: string[] = [];

/** Runs the CLI, status and output kept (deskpulse() throws on a failure). */
function cli(...args: string[]) {
  const run = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db, '--config', config], { encoding: 'utf8', env: { ...process.env, DESKPULSE_PII_KEY: 'cli' } });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'deskpulse-rules-cli-'));
  cpSync('config', join(dir, 'config'), { recursive: true });
  [db, config, rules] = [join(dir, 'demo.duckdb'), join(dir, 'config', 'deskpulse.yaml'), join(dir, 'config', 'dispatch-rules.yaml')];
  deskpulse(['demo', '--days', '21', '--tickets-per-day', '40', '--seed', '7'], db, config);
  // Two applies that differ (2 and 3 days ahead): versions 1 and 2.
  for (const horizon of ['2d', '3d']) {
    deskpulse(['forecast', '--queue', 'returns', '--horizon', horizon, '--apply', '--who', 'Lin Wei'], db, config);
    texts.push(readFileSync(rules, 'utf8'));
  }
}, 120_000);

describe('deskpulse dispatch-rules', () => {
  it('lists the history newest first with when in the config\'s zone; shows one version\'s diff', () => {
    const json = JSON.parse(cli('dispatch-rules', 'history', '--json').out) as { version: number; appliedAt: string; appliedBy: string }[];
    expect(json.map((v) => [v.version, v.appliedBy])).toEqual([[2, 'Lin Wei'], [1, 'Lin Wei']]);
    expect(json[0]!.appliedAt).toMatch(/\+08:00$/); // Asia/Shanghai, as on the page
    const shown = cli('dispatch-rules', 'show', '1');
    expect(shown.status).toBe(0);
    expect(shown.out).toMatch(/^v1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}Lin Wei {2}staffing of returns \(.*\)\n--- a\/dispatch-rules\.yaml\n\+\+\+ b\/dispatch-rules\.yaml\n/);
    const missing = cli('dispatch-rules', 'show', '9');
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('version 9 is not a version of dispatch-rules.yaml');
  });

  it('rolls back to version 1 as a new version 3, after a dry run that writes nothing', () => {
    const dry = cli('dispatch-rules', 'rollback', '1', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('--- a/dispatch-rules.yaml');
    expect(dry.err).toContain('dry run');
    expect(readFileSync(rules, 'utf8')).toBe(texts[1]);
    const done = cli('dispatch-rules', 'rollback', '1', '--who', 'Wang Fang');
    expect(done.status).toBe(0);
    expect(done.err).toContain('wrote version 1 back; recorded as version 3');
    expect(readFileSync(rules, 'utf8')).toBe(texts[0]);
    expect(cli('dispatch-rules', 'history').out.split('\n')[0]).toMatch(/^v3 .* Wang Fang {2}rollback to v1$/);
    expect(cli('dispatch-rules', 'rollback', 'v1').err).toContain('already holds version 1; nothing written');
  });

  it('writes its text, errors and help in Chinese with --lang zh or a zh locale', () => {
    const zh = { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };
    const run = (env: Record<string, string>, ...args: string[]) => {
      const r = spawnSync('node', ['bin/deskpulse.js', ...args, '--db', db, '--config', config], { encoding: 'utf8', env: { ...process.env, DESKPULSE_PII_KEY: 'cli', ...env } });
      return { status: r.status, out: r.stdout, err: r.stderr };
    };
    const history = cli('dispatch-rules', 'history', '--lang', 'zh').out.split('\n');
    expect(history[0]).toMatch(/^v3 .* Wang Fang {2}回滚到 v1$/);
    expect(history[2]).toMatch(/^v1 .* Lin Wei {2}returns 的排班（.*）$/);
    expect(run(zh, 'dispatch-rules', 'history').out.split('\n')[0]).toMatch(/回滚到 v1$/);
    expect(run(zh, 'dispatch-rules', 'history', '--lang', 'en').out.split('\n')[0]).toMatch(/rollback to v1$/);
    const missing = cli('dispatch-rules', 'show', '9', '--lang', 'zh');
    expect(missing.status).toBe(1);
    expect(missing.err).toBe('dispatch-rules show：直接打开了仓库文件 ' + db + '\n'
      + 'deskpulse: 版本 9 不是 dispatch-rules.yaml 的版本（见 `deskpulse dispatch-rules history` 或 GET /api/dispatch-rules/versions）\n');
    expect(run(zh, 'dispatch-rules', 'show', 'x').err).toContain('x：请给出 `deskpulse dispatch-rules history` 所列的版本号，例如 3');
    expect(cli('dispatch-rules', 'history', '--limit', '0', '--lang', 'zh').err).toContain('--limit 0：请给出 1 到 500 之间的整数');
    expect(cli('dispatch-rules', 'rollback', '1', '--lang', 'zh').err).toContain('dispatch-rules：文件已是版本 1；未写入');
    expect(cli('dispatch-rules', 'rollback', '2', '--dry-run', '--lang', 'zh').err).toContain('dispatch-rules：试运行：回滚到版本 2 会如上改动文件；未写入');
    expect(readFileSync(rules, 'utf8')).toBe(texts[0]);
    const help = run(zh, 'dispatch-rules', 'rollback', '--help').out;
    expect(help).toContain('用法：');
    expect(help).toContain('把该版本的文本写回分派规则，并记为一个新版本');
    expect(help).toContain('只显示差异，不写入');
    expect(help).not.toMatch(/show the diff|Usage:/);
    expect(cli('dispatch-rules', 'history', '--bogus', '--lang', 'zh').err).toContain('错误：未知选项 --bogus');
  });
});
