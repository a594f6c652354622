// The Overview step tile's per-status line: counts grouped like the page's other counts, en and zh.
import { describe, expect, it } from 'vitest';
import { stepStatusLine } from '../../../../web/ui/routes/step-status-line.ts';

describe('step status line', () => {
  const row = { status: 'new', step_on_time: 20849 / 22181, on_time: 20849, visits: 22181 };
  it('groups thousands in English and Chinese', () => {
    expect(stepStatusLine(row, 'en')).toBe('New: 94.0% (20,849 of 22,181 within the limit)');
    expect(stepStatusLine(row, 'zh')).toMatch(/：94\.0%（22,181 次中 20,849 次在时限内）$/);
  });
  it('reads a missing rate as a dash, not 0%', () => {
    expect(stepStatusLine({ ...row, step_on_time: null, on_time: 0, visits: 0 }, 'en')).toBe('New: — (0 of 0 within the limit)');
  });
});
