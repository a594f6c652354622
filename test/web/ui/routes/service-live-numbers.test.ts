// The Service page's chart summaries and the wallboard's totals, from hand-made API rows.
import { describe, expect, it } from 'vitest';
import { arrivalPeaks, backlogChange, firstResponseShares, replyTimeRange, waitMedians } from '../../../../web/ui/routes/service/service-summaries.ts';
import { floorTotals, online, teamsNow } from '../../../../web/ui/routes/live/wallboard.ts';

describe('service summaries', () => {
  it('finds the busiest weekday x hour and weekday, first of equals, and counts every arrival', () => {
    const rows = [
      { weekday: 1, hour: 9, tickets: 4 }, { weekday: 1, hour: 10, tickets: 6 },
      { weekday: 2, hour: 9, tickets: 6 }, { weekday: 2, hour: 10, tickets: 5 }, { weekday: 3, hour: 0, tickets: 0 },
    ];
    expect(arrivalPeaks(rows)).toEqual({ total: 21, cell: { weekday: 1, hour: 10, tickets: 6 }, day: { weekday: 2, tickets: 11 } });
    expect(arrivalPeaks([{ weekday: 1, hour: 0, tickets: 0 }])).toEqual({ total: 0, cell: null, day: null });
  });

  it('adds the first response buckets up to 1 h and 24 h and keeps the unanswered apart', () => {
    const rows = ['<1h', '1-4h', '4-8h', '8-24h', '>24h', 'unanswered'].map((bucket, i) => ({ bucket, tickets: i + 1 }));
    expect(firstResponseShares(rows)).toEqual({ total: 21, within1h: 1, within24h: 10, unanswered: 6 });
  });

  it('reads the two waits, the reply time extremes (days without a median skipped) and the backlog change', () => {
    expect(waitMedians([{ status: 'requester_wait', median: 600 }, { status: 'agent_wait', median: null }])).toEqual({ requester: 600, agent: null });
    expect(replyTimeRange([{ day: 'd1', replies: 0, median: null }, { day: 'd2', replies: 3, median: 90 }, { day: 'd3', replies: 5, median: 30 }]))
      .toEqual({ replies: 8, low: { day: 'd3', median: 30 }, high: { day: 'd2', median: 90 } });
    expect(backlogChange([{ day: 'd1', backlog: 7 }, { day: 'd2', backlog: 4 }])).toEqual({ firstDay: 'd1', first: 7, lastDay: 'd2', last: 4 });
    expect(backlogChange([])).toBeNull();
  });
});

describe('wallboard', () => {
  const live = [
    { team: 'b', age_bucket: '<1h', open: 3, unassigned: 1, unanswered: 2 },
    { team: 'a', age_bucket: '1-3d', open: 1, unassigned: 0, unanswered: 1 },
    { team: null, age_bucket: '<1h', open: 1, unassigned: 1, unanswered: 1 },
  ];
  const agents = [
    { team: 'a', agent: 'x', agent_state: 'busy' }, { team: 'a', agent: 'y', agent_state: 'idle' },
    { team: 'b', agent: 'z', agent_state: 'away' }, { team: 'c', agent: 'w', agent_state: 'idle' },
  ];

  it('totals the floor and lists each team of either table, teamless last', () => {
    expect(floorTotals(live)).toEqual({ open: 5, unassigned: 2, waiting: 4 });
    const teams = teamsNow(live, agents);
    expect(teams).toEqual([
      { team: 'a', open: 1, waiting: 1, busy: 1, idle: 1, away: 0 },
      { team: 'b', open: 3, waiting: 2, busy: 0, idle: 0, away: 1 },
      { team: 'c', open: 0, waiting: 0, busy: 0, idle: 1, away: 0 },
      { team: '', open: 1, waiting: 1, busy: 0, idle: 0, away: 0 },
    ]);
    expect(online(teams)).toBe(3);
  });
});
