import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../warehouse/event-model.ts';
import { ruleLabel } from '../../../warehouse/metrics/first-response-notes.ts';

// The rule shown beside a first response figure reads in the asked language: a declared
// first_response: { event: TYPE } names the event in Chinese on a Chinese screen, not by its code.
describe('first response rule labels', () => {
  it('name every event type of an event rule in Chinese', () => {
    expect(ruleLabel('event:commented').zh).toBe('首次响应 = 首个「备注」事件');
    for (const type of EVENT_TYPES.filter((t) => t !== 'created')) {
      const zh = ruleLabel(`event:${type}`).zh;
      expect([type, /[a-z_]/.test(zh)]).toEqual([type, false]);
    }
    expect(ruleLabel('event:commented').en).toBe('first response = first "commented" event');
  });
});
