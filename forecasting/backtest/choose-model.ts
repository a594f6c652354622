// Picks the model with the lowest backtest MASE (MASEs equal to two decimals: the lower WAPE)
// and says why in one sentence a planner can read.
import type { ModelName } from '../models/model.ts';
import type { ModelScore } from './rolling-origin.ts';

export const MODEL_LABELS: Record<ModelName, string> = {
  'seasonal-naive': 'seasonal naive',
  'holt-winters': 'holt-winters',
  'calendar-regression': 'calendar regression',
};

const rank = (x: number) => (Number.isFinite(x) ? x : Number.POSITIVE_INFINITY);
const two = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const percent = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : 'n/a');

export function chooseModel(scores: readonly ModelScore[]): { chosen: ModelScore; explanation: string } {
  if (scores.length === 0) throw new Error('no model scores to choose from');
  const compare = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  const masePoints = (s: ModelScore) => Math.round(rank(s.mase) * 100);
  const sorted = [...scores].sort((a, b) => compare(masePoints(a), masePoints(b)) || compare(rank(a.wape), rank(b.wape)));
  const chosen = sorted[0]!;
  const baseline = scores.find((s) => s.model === 'seasonal-naive');
  const others = sorted.slice(1).filter((s) => s.model !== 'seasonal-naive')
    .map((s) => `${MODEL_LABELS[s.model]} ${two(s.mase)}`);
  const versus = chosen.model === 'seasonal-naive' || !baseline ? '' : ` vs seasonal naive ${two(baseline.mase)}`;
  const also = others.length > 0 ? ` (${others.join(', ')})` : '';
  const explanation = `${MODEL_LABELS[chosen.model]} chosen: MASE ${two(chosen.mase)}${versus}${also}, ` +
    `WAPE ${percent(chosen.wape)}, 80% interval covers ${percent(chosen.coverage)}`;
  return { chosen, explanation };
}
