import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DispatchRulesError } from '../../../forecasting/dispatch-rules/dispatch-rules-error.ts';
import { readDispatchRules, readDispatchRulesFile, readDispatchRulesText } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';

const FIXTURE = 'test/forecasting/dispatch-rules/fixtures/dispatch-rules.yaml';

function issuesOf(text: string): DispatchRulesError {
  try {
    readDispatchRules(text, 'rules.yaml');
  } catch (err) {
    if (err instanceof DispatchRulesError) return err;
    throw err;
  }
  throw new Error('expected a DispatchRulesError');
}

describe('readDispatchRules', () => {
  it('reads queues, matches, SLAs and service levels', () => {
    const rules = readDispatchRules(readFileSync(FIXTURE, 'utf8'), FIXTURE);
    expect(rules.timezone).toBe('Asia/Shanghai');
    const [returns, logistics, quality] = rules.queues;
    expect(returns).toMatchObject({
      id: 'returns', name: '售后退换货', strategy: 'least_loaded', skills: ['returns'], regionAffinity: true, maxOpenPerAgent: 8,
      match: { problem_type: ['return_exchange'], channel: ['web', 'app', 'phone'] },
      sla: { firstResponseSeconds: 1800, resolutionSeconds: 86_400, clock: 'business' },
      serviceLevel: { target: 0.8, answerWithinSeconds: 60 }, line: 8, column: 5,
    });
    expect(logistics!.serviceLevel).toBeNull();
    expect(quality!.match).toEqual({ problem_type: ['product_quality'] });
    // Unknown keys are kept and warned about, with their place.
    expect(rules.warnings).toEqual([{ line: 41, column: 5, path: 'queues[2].extra_note', message: expect.stringContaining('unknown key'), zh: expect.stringContaining('未知的键') }]);
  });

  it('reads the example config of the repository', () => {
    const rules = readDispatchRules(readFileSync('config/dispatch-rules.yaml', 'utf8'), 'config/dispatch-rules.yaml');
    expect(rules.queues.map((q) => q.id)).toEqual(['returns', 'logistics', 'quality', 'install', 'presales', 'escalations']);
    expect(rules.warnings).toEqual([]);
    // A patience makes the queue's staffing Erlang A.
    expect(rules.queues[1]!.serviceLevel).toEqual({ target: 0.8, answerWithinSeconds: 30, patienceSeconds: 180 });
    expect(rules.queues[0]!.serviceLevel).toEqual({ target: 0.8, answerWithinSeconds: 60 });
    expect(issuesOf(readFileSync('config/dispatch-rules.yaml', 'utf8').replace('patience: 3m', 'patience: soon')).message)
      .toMatch(/queues\[1\]\.service_level\.patience: expected a duration with its unit, e.g. 3m; got "soon"/);
  });

  it('reports YAML syntax errors with line and column', () => {
    const err = issuesOf('version: 1\ntimezone: UTC\nqueues:\n  - id: a\n    match: { channel: [web }\n');
    expect(err.issues[0]).toMatchObject({ line: 5, message: expect.stringContaining('YAML syntax') });
    expect(err.message).toMatch(/^rules\.yaml:5:\d+: YAML syntax/);
  });

  it('reports every schema problem with line, column and key path', () => {
    const text = [
      'version: 2',                                                      // 1
      'timezone: Mars/Olympus',                                          // 2
      'queues:',                                                         // 3
      '  - id: a',                                                       // 4
      '    match: { colour: [red], channel: [] }',                       // 5
      '    strategy: fastest',                                           // 6
      '    max_open_per_agent: -2',                                      // 7
      '    sla: { first_response: 30, resolution: 1 day, clock: wall }', // 8
      '    service_level: { target: 80, answer_within: 20s }',          // 9
      '  - id: a',                                                       // 10
      '    name: twin',                                                  // 11
    ].join('\n');
    const err = issuesOf(text);
    const found = err.issues.map((i) => `${i.line}:${i.column} ${i.path}`);
    expect(found).toEqual([
      '1:10 version',
      '2:11 timezone',
      '5:14 queues[0].match.colour',
      '5:38 queues[0].match.channel',
      '6:15 queues[0].strategy',
      '7:25 queues[0].max_open_per_agent',
      '8:28 queues[0].sla.first_response',
      '8:44 queues[0].sla.resolution',
      '8:58 queues[0].sla.clock',
      '9:30 queues[0].service_level.target',
      '10:9 queues[1].id',
    ]);
    expect(err.message).toContain('rules.yaml:9:30: queues[0].service_level.target: expected a share between 0 and 1, e.g. 0.80; got 80');
    expect(err.message).toContain('rules.yaml:10:9: queues[1].id: queue id "a" is already used by queues[0]');
    expect(err.message).toContain('rules.yaml:8:28: queues[0].sla.first_response: expected a duration with its unit, e.g. 30m; got 30');
    // every problem in Chinese too, at the same place and key path, with no English sentence left
    const zh = err.messages.zh.split('\n');
    expect(zh).toHaveLength(11);
    expect(zh).toContain('rules.yaml:9:30: queues[0].service_level.target: 应为 0 到 1 之间的比例，例如 0.80；实际为 80');
    expect(zh).toContain('rules.yaml:10:9: queues[1].id: 队列 id“a”已被 queues[0] 使用：id 不能重复');
    expect(zh).toContainEqual(expect.stringMatching(/^rules\.yaml:5:14: queues\[0\]\.match\.colour: 不能按“colour”匹配：请用 problem_type、problem_subtype、channel、/));
    expect(zh).toContain('rules.yaml:8:58: queues[0].sla.clock: 应为 business 或 calendar，实际为“wall”');
    for (const line of zh) expect(line.replace(/^[^ ]+ [^ ]+ /, '')).not.toMatch(/\b(expected|got|missing|give|every|the)\b/);
  });

  it('says a YAML syntax error in Chinese by its code, at the same line and column', () => {
    const err = issuesOf('version: 1\ntimezone: UTC\nqueues:\n  - id: a\n    match: { channel: [web }\n');
    expect(err.messages.zh).toMatch(/^rules\.yaml:5:\d+: YAML 语法错误：/);
    expect(err.messages.zh.split('\n')[0]!.split('YAML 语法错误：')[1]).not.toMatch(/[A-Za-z]/);
    expect(issuesOf('version: 1\n\ttimezone: UTC\n').messages.zh).toContain('YAML 语法错误：');
  });

  it('needs queues to be a list of mappings with ids', () => {
    expect(issuesOf('version: 1\ntimezone: UTC\nqueues: {}\n').message).toContain('rules.yaml:3:9: queues: expected a list of queues');
    expect(issuesOf('version: 1\ntimezone: UTC\nqueues:\n  - name: x\n').message).toContain('rules.yaml:4:5: queues[0].id: every queue needs an id');
  });

  it('names a queue in both languages, or with one name shown in both', () => {
    const rules = readDispatchRules(readFileSync('config/dispatch-rules.yaml', 'utf8'), 'config/dispatch-rules.yaml');
    expect(rules.queues.every((q) => q.names.zh !== q.names.en)).toBe(true);
    expect(rules.queues[0]).toMatchObject({ name: '售后退换货', names: { zh: '售后退换货', en: 'Returns & exchanges' } });
    const head = 'version: 1\ntimezone: UTC\nqueues:\n';
    const plain = readDispatchRules(`${head}  - id: a\n    name: 售后\n  - id: b\n`, 'rules.yaml');
    expect(plain.queues.map((q) => q.names)).toEqual([{ zh: '售后', en: '售后' }, { zh: 'b', en: 'b' }]);
  });

  it('says file, line and column of a name missing a language or of the wrong shape', () => {
    const head = 'version: 1\ntimezone: UTC\nqueues:\n';
    expect(issuesOf(`${head}  - id: a\n    name: { zh: 售后 }\n`).message)
      .toBe('rules.yaml:5:11: queues[0].name.en: missing: give the queue\'s English name, name: { zh: 售后退换货, en: Returns & exchanges }');
    expect(issuesOf(`${head}  - id: a\n    name: { zh: 售后, en: '' }\n`).message).toMatch(/^rules\.yaml:5:25: queues\[0\]\.name\.en: expected a non-empty name/);
    expect(issuesOf(`${head}  - id: a\n    name: [售后, Returns]\n`).message).toMatch(/^rules\.yaml:5:11: queues\[0\]\.name: expected a name, or one per language/);
  });
});

describe('readDispatchRulesFile, the one reader of the file', () => {
  it('refuses a bad value at the file\'s path, line and column, and a missing file by its path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'dispatch-rules.yaml');
    writeFileSync(file, 'version: 1\ntimezone: Asia/Shanghai\nqueues:\n  - id: a\n    name: A\n    service_level: { target: 80, answer_within: 60s }\n');
    expect(() => readDispatchRulesFile(file)).toThrow(`${file}:6:30: queues[0].service_level.target: expected a share between 0 and 1`);
    writeFileSync(file, 'version: 1\ntimezone: Asia/Shanghai\nqueues:\n  - id: a\n    name: A\n');
    expect(readDispatchRulesFile(file).rules.queues.map((q) => q.id)).toEqual(['a']);
    expect(() => readDispatchRulesFile(`${file}.missing`)).toThrow(`${file}.missing: cannot read the dispatch rules`);
  });

  it('says why a file cannot be read in en and zh, by the error\'s code, with no OS text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const refusal = (path: string) => {
      try {
        readDispatchRulesText(path);
      } catch (err) {
        return err as DispatchRulesError;
      }
      throw new Error(`${path} was read`);
    };
    const missing = refusal(join(dir, 'missing.yaml'));
    expect(missing).toBeInstanceOf(DispatchRulesError);
    expect(missing.messages).toEqual({
      en: `${dir}/missing.yaml: cannot read the dispatch rules (no such file); check dispatch_rules in the config`,
      zh: `${dir}/missing.yaml: 无法读取分派规则（找不到该文件）：请检查配置中的 dispatch_rules`,
    });
    expect(refusal(dir).messages).toEqual({
      en: `${dir}: cannot read the dispatch rules (a folder, not a file); check dispatch_rules in the config`,
      zh: `${dir}: 无法读取分派规则（这是文件夹，不是文件）：请检查配置中的 dispatch_rules`,
    });
    // a problem worded in English only is English in both
    expect(new DispatchRulesError('r.yaml', [{ path: 'queues', message: 'expected a list' }]).messages).toEqual({ en: 'r.yaml: queues: expected a list', zh: 'r.yaml: queues: expected a list' });
  });
});
