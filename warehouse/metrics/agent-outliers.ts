// Marks agents whose value lies far from their own team's: a robust z-score, (value - team median) /
// (1.4826 x MAD), beyond +-3.5 (Iglewicz & Hoaglin's modified z), among the team's agents whose value
// rests on enough tickets or ratings. Whether a mark is good or bad follows the metric's direction.
// Pure (no database): the agents query and the UI import it.
import type { Label } from './table.ts';

export type OutlierSide = 'high' | 'low' | null;

/** The agents table's outlier columns and the metric each judges. */
export const OUTLIER_OF = {
  assigned_outlier: 'assigned',
  handle_outlier: 'aht_seconds',
  frt_outlier: 'frt_median',
  resolution_outlier: 'resolution_median',
  csat_outlier: 'csat',
  reopen_outlier: 'reopen_rate',
} as const;
export type JudgedMetric = (typeof OUTLIER_OF)[keyof typeof OUTLIER_OF];

/** The count of the agent's row each judged value rests on (null: the value is itself a count of work). */
export const OUTLIER_SAMPLE_OF: Record<JudgedMetric, 'assigned' | 'resolved' | 'ratings' | null> = {
  assigned: null, aht_seconds: 'assigned', frt_median: 'assigned', resolution_median: 'resolved', csat: 'ratings', reopen_rate: 'resolved',
};

/** |modified z| beyond which a value is marked. */
export const OUTLIER_Z = 3.5;
/** An agent's value counts (is judged and shapes the team's distribution) when it rests on this many tickets or ratings. */
export const OUTLIER_MIN_SAMPLE = 5;
/** A team with fewer agents with a counted value marks nobody (a median of 3 values means little). */
export const OUTLIER_MIN_AGENTS = 5;

function median(sorted: readonly number[]): number {
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/**
 * The robust scale of values around their median: 1.4826 x MAD (the standard deviation for normal
 * data), or, when more than half the values are equal (MAD 0), 1.2533 x the mean absolute deviation.
 */
function robustScale(values: readonly number[], center: number): number {
  const deviations = values.map((v) => Math.abs(v - center)).sort((a, b) => a - b);
  const mad = median(deviations);
  return mad > 0 ? 1.4826 * mad : 1.2533 * (deviations.reduce((s, d) => s + d, 0) / deviations.length);
}

/** 'high' / 'low' for each value whose modified z within its own group is beyond +-OUTLIER_Z; null for the others and for values left out. */
export function outlierSides(values: readonly (number | null)[], groups: readonly (string | null)[] = values.map(() => ''),
  counted: readonly boolean[] = values.map(() => true)): OutlierSide[] {
  const members = new Map<string | null, number[]>();
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v) || !counted[i]) return;
    members.set(groups[i] ?? null, [...(members.get(groups[i] ?? null) ?? []), v]);
  });
  const scales = new Map([...members].filter(([, vs]) => vs.length >= OUTLIER_MIN_AGENTS).map(([group, vs]) => {
    const center = median([...vs].sort((a, b) => a - b));
    return [group, { center, scale: robustScale(vs, center) }] as const;
  }));
  return values.map((v, i) => {
    const team = scales.get(groups[i] ?? null);
    if (v === null || !Number.isFinite(v) || !counted[i] || !team || team.scale === 0) return null;
    const z = (v - team.center) / team.scale;
    return z > OUTLIER_Z ? 'high' : z < -OUTLIER_Z ? 'low' : null;
  });
}

/** Whether a mark is good or bad news: from the metric's direction (higher is better / worse / neither). */
export function outlierTone(side: OutlierSide, higherIsBetter: boolean | null): 'good' | 'bad' | 'neutral' | null {
  if (side === null) return null;
  if (higherIsBetter === null) return 'neutral';
  return (side === 'high') === higherIsBetter ? 'good' : 'bad';
}

/** A mark's words (title and screen reader), by tone and side. */
export function outlierLabel(side: 'high' | 'low', tone: 'good' | 'bad' | 'neutral'): Label {
  const dir = side === 'high' ? { en: 'far above', zh: '明显高于' } : { en: 'far below', zh: '明显低于' };
  const verdict = tone === 'good' ? { en: 'better than the team', zh: '优于团队' } : tone === 'bad' ? { en: 'worse than the team', zh: '差于团队' } : null;
  return {
    en: `${verdict ? `${verdict.en}: ` : ''}${dir.en} the team's agents`,
    zh: `${verdict ? `${verdict.zh}：` : ''}${dir.zh}本团队其他客服`,
  };
}

/** The rule, for a tooltip and the metric catalogue. */
export const OUTLIER_RULE: Label = {
  en: `Marked (▲ above, ▼ below; ✓ green: better, ✗ red: worse, grey: neither) when an agent's value is more than ${OUTLIER_Z} robust ` +
    `standard deviations (1.4826 × MAD) from the median of their own team's agents. Only values resting on at least ` +
    `${OUTLIER_MIN_SAMPLE} tickets or ratings count, and only teams with at least ${OUTLIER_MIN_AGENTS} such agents are judged.`,
  zh: `当客服的数值偏离其所在团队客服中位数超过 ${OUTLIER_Z} 个稳健标准差（1.4826 × 中位数绝对偏差）时标记（▲ 偏高，▼ 偏低；✓ 绿色为更好，` +
    `✗ 红色为更差，灰色为无好坏之分）。仅计入基于至少 ${OUTLIER_MIN_SAMPLE} 张工单或评价的数值，且团队中至少有 ${OUTLIER_MIN_AGENTS} 名这样的客服时才判断。`,
};
