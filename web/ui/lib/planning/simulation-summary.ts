// One line per queue of GET /api/staffing/simulation for the Forecast page: the simulated service
// level (the runs' median and p10-p90 range) beside the plan's, the first-response times, occupancy, hang-ups and the intervals that
// disagree with the plan; in the chosen language.
import { formatDuration, formatValue, MISSING } from '../../../../warehouse/metrics/format-value.ts';
import { translate, type Lang } from '../i18n/translate.ts';
import type { InBothLanguages } from './planning.ts';
import { queueNameIn } from './queue-name.ts';

export interface SimulatedQueueSummary {
  queue: string;
  name: string;
  names?: InBothLanguages;
  method: string;
  summary: {
    serviceLevel: number | null; plannedServiceLevel: number | null; frtP50Seconds: number | null; frtP90Seconds: number | null;
    abandonment: number | null; occupancy: number | null; intervalsFlagged: number; disagrees: boolean;
    bands: { serviceLevel: readonly [number, number] | null };
  };
}

export interface SimulationSummaryView {
  seed: number;
  runs: number;
  from: string;
  to: string;
  flagRule: { points: number };
  queues: SimulatedQueueSummary[];
}

export function simulationQueueText(q: SimulatedQueueSummary, points: number, lang: Lang): string {
  const s = q.summary;
  const ratio = (x: number | null) => formatValue(x, 'ratio', lang);
  const seconds = (x: number | null) => (x === null ? MISSING : formatDuration(x, lang));
  const parts = [translate(lang, 'forecast.simulation.queue', {
    name: queueNameIn(q, lang), slName: translate(lang, q.method === 'workload' ? 'forecast.summary.sl.async' : 'forecast.summary.sl.live'),
    sl: ratio(s.serviceLevel), range: s.bands.serviceLevel ? `${ratio(s.bands.serviceLevel[0])}-${ratio(s.bands.serviceLevel[1])}` : MISSING, planSl: ratio(s.plannedServiceLevel), p50: seconds(s.frtP50Seconds), p90: seconds(s.frtP90Seconds), occ: ratio(s.occupancy),
  })];
  if (s.abandonment !== null) parts.push(translate(lang, 'forecast.simulation.abandonment', { share: ratio(s.abandonment) }));
  if (s.intervalsFlagged > 0) parts.push(translate(lang, 'forecast.simulation.flagged', { n: s.intervalsFlagged, points }));
  else if (s.disagrees) parts.push(translate(lang, 'forecast.simulation.offOverall', { points }));
  else parts.push(translate(lang, 'forecast.simulation.agrees', { points }));
  return parts.join('; ');
}
