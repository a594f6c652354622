import { describe, expect, it } from 'vitest';
import { queueNameIn } from '../../../../../web/ui/lib/planning/queue-name.ts';
import { simulationQueueText } from '../../../../../web/ui/lib/planning/simulation-summary.ts';

describe('queue names on the Forecast page', () => {
  const q = { queue: 'returns', name: '售后退换货', names: { zh: '售后退换货', en: 'Returns & exchanges' } };

  it('shows the name in the page\'s language, the plain name when the server sends no names', () => {
    expect(queueNameIn(q, 'en')).toBe('Returns & exchanges');
    expect(queueNameIn(q, 'zh')).toBe('售后退换货');
    expect(queueNameIn({ name: 'returns' }, 'en')).toBe('returns');
  });

  it('names the queue in English in the English simulation line', () => {
    const summary = { serviceLevel: 0.8, plannedServiceLevel: 0.82, frtP50Seconds: 10, frtP90Seconds: 40, abandonment: null, occupancy: 0.7, intervalsFlagged: 0, disagrees: false,
      bands: { serviceLevel: [0.75, 0.85] as const } };
    expect(simulationQueueText({ ...q, method: 'erlang_c', summary }, 0.05, 'en')).toContain('Returns & exchanges');
    expect(simulationQueueText({ ...q, method: 'erlang_c', summary }, 0.05, 'zh')).toContain('售后退换货');
  });
});
