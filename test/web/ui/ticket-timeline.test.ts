// The ticket page's pure parts: the time between events, agent name matching for the search box,
// and the translated words of the timeline.
import { describe, expect, it } from 'vitest';
import { timeline } from '../../../web/ui/routes/tickets/[ticket]/timeline.ts';
import { agentsNamed } from '../../../web/ui/lib/components/search-target.ts';
import { eventTypeLabel, statusLabel, ticketText } from '../../../web/ui/lib/i18n/ticket-terms.ts';

describe('timeline', () => {
  it('gives each event the seconds since the one before, across zones', () => {
    const steps = timeline([
      { occurred_at: '2026-03-02T10:00:00+01:00' },
      { occurred_at: '2026-03-02T09:30:00Z' },
      { occurred_at: '2026-03-02T17:30:00+08:00' },
    ]);
    expect(steps.map((s) => s.sinceSeconds)).toEqual([null, 1800, 0]);
  });
});

describe('agentsNamed', () => {
  const agents = { A001: { en: 'Wang Fang', zh: '王芳' }, A002: { en: 'Li Na', zh: '李娜' } };
  it('matches a whole name in either language, ignoring case and spaces around', () => {
    expect(agentsNamed(' wang fang ', agents)).toEqual(['A001']);
    expect(agentsNamed('李娜', agents)).toEqual(['A002']);
    expect(agentsNamed('Wang', agents)).toEqual([]);
    expect(agentsNamed('Wang Fang', undefined)).toEqual([]);
  });
});

describe('ticket terms', () => {
  it('translates event types and statuses, and leaves unknown values as they are', () => {
    expect([eventTypeLabel('status_changed', 'zh'), statusLabel('on_hold', 'en'), statusLabel('waiting_parts', 'zh')])
      .toEqual(['状态变更', 'On hold', 'waiting_parts']);
    expect(ticketText('zh', 'since', { duration: '5分' })).toBe('间隔 5分');
  });
});
