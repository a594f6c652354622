import { describe, expect, it } from 'vitest';
import { warningText } from '../../../../../web/ui/lib/planning/warning-text.ts';

const names: Record<string, string> = { returns: '退换货', 'c++': 'C 队列' };
const name = (queue: string) => names[queue] ?? queue;

describe('a staffing warning on the page', () => {
  it('names its queue instead of the id it starts with, in either language', () => {
    expect(warningText('队列 returns: 2026-12-04 11:00 缺 1 名坐席', ['returns'], name)).toBe('队列 退换货: 2026-12-04 11:00 缺 1 名坐席');
    expect(warningText('queue returns: short of 1 agent', ['returns'], (q) => (q === 'returns' ? 'Returns & exchanges' : q)))
      .toBe('queue Returns & exchanges: short of 1 agent');
  });

  it('leaves other mentions, messages without a queue and ids with regex characters as they should', () => {
    expect(warningText('队列 returns: returns 团队', ['returns'], name)).toBe('队列 退换货: returns 团队');
    expect(warningText('计划整体不足', [], name)).toBe('计划整体不足');
    expect(warningText('队列 c++: x', ['c++'], name)).toBe('队列 C 队列: x');
    expect(warningText('队列 cxx: x', ['c++'], name)).toBe('队列 cxx: x');
  });
});
