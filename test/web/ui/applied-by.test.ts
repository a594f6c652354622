import { describe, expect, it } from 'vitest';
import { appliedByText } from '../../../web/ui/lib/planning/applied-by.ts';

describe('who applied the dispatch rules, on the page', () => {
  it('shows the role recorded as a key in the page\'s language', () => {
    expect(appliedByText('Lin Wei (planner)', 'en')).toBe('Lin Wei (Planner)');
    expect(appliedByText('Lin Wei (planner)', 'zh')).toBe('Lin Wei (排班规划)');
    expect(appliedByText('ops (lead) (admin)', 'zh')).toBe('ops (lead) (管理员)');
  });

  it('says open mode in the page\'s language, and leaves anything else as recorded', () => {
    expect(appliedByText('planner (open mode, no sign-in)', 'zh')).toBe('排班规划, 开放演示（无需登录）');
    expect(appliedByText('planner (open mode, no sign-in)', 'en')).toBe('Planner, open demo (no sign-in)');
    expect(appliedByText('Lin Wei (night shift)', 'zh')).toBe('Lin Wei (night shift)');
    expect(appliedByText('unknown', 'zh')).toBe('unknown');
  });
});
