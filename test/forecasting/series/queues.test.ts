import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDispatchRules } from '../../../forecasting/dispatch-rules/read-dispatch-rules.ts';
import { dispatchQueuesOf } from '../../../forecasting/forecast-config.ts';
import { queueFromSpec } from '../../../forecasting/series/queues.ts';

const readDispatchQueues = (text: string, source: string) => dispatchQueuesOf(readDispatchRules(text, source));

describe('dispatch-rule queues', () => {
  it('reads the queues and their match from the shipped dispatch rules', () => {
    const rules = readDispatchQueues(readFileSync('config/dispatch-rules.yaml', 'utf8'), 'dispatch-rules.yaml');
    expect(rules.timezone).toBe('Asia/Shanghai');
    const returns = rules.queues.find((q) => q.id === 'returns')!;
    expect(returns.name).toBe('售后退换货');
    expect(returns.names).toEqual({ zh: '售后退换货', en: 'Returns & exchanges' });
    expect(returns.match).toEqual({ problem_type: ['return_exchange'], channel: ['web', 'app', 'phone', 'chat', 'wechat', 'email'] });
    expect(rules.queues.map((q) => q.id)).toContain('escalations');
  });

  it('says file, line and column of a match on an unknown field', () => {
    const text = 'version: 1\ntimezone: UTC\nqueues:\n  - id: a\n    match: { problem_type: [x], colour: [red] }\n';
    expect(() => readDispatchQueues(text, 'rules.yaml')).toThrow('rules.yaml:5:33: queues[0].match.colour: cannot match on "colour"');
  });

  it('resolves --queue specs: queue ids, FIELD:VALUE, all', () => {
    const rules = readDispatchQueues('version: 1\ntimezone: UTC\nqueues:\n  - id: returns\n    match: { problem_type: [return_exchange] }\n', 'r');
    expect(queueFromSpec('returns', rules).match).toEqual({ problem_type: ['return_exchange'] });
    expect(queueFromSpec('channel:phone,chat', rules)).toEqual({ id: 'channel:phone,chat', name: 'channel:phone,chat', match: { channel: ['phone', 'chat'] }, team: null });
    expect(queueFromSpec('team:quality', rules).team).toBe('quality');
    expect(queueFromSpec('all', rules).match).toEqual({});
    expect(() => queueFromSpec('nope', rules)).toThrow('unknown queue "nope": use a dispatch-rule queue (returns), all, or FIELD:VALUE');
  });
});
