// The human summary of a simulation, in English or Chinese: per queue its totals beside the plan
// (or, replayed, beside the real first-response times) and one line per local day; simulated
// figures are the runs' medians, service level with the runs' p10-p90 range. Queue ids,
// names as the rules write them, dates and units (s, m, h, %) are data.
import { DateTime } from 'luxon';
import type { SimulationResult } from './run-simulation.ts';
import type { Band } from './replications.ts';
import type { Figures } from './simulation-report.ts';
import { DISAGREEMENT } from './simulation-report.ts';

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const pctRange = (b: Band | null) => (b === null ? '-' : `${(b[0] * 100).toFixed(1)}-${pct(b[1])}`);

/** Seconds as "42s", "12m", "3.5h". */
export function shortDuration(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

export type TextLang = 'en' | 'zh';

const WORDS = {
  en: {
    columns: ['date', 'arrivals', 'SL sim', 'SL p10-p90', 'SL plan', 'FRT p50', 'FRT p90', 'abandon', 'occupancy', 'peak backlog', 'flagged'],
    head: (mode: 'plan' | 'replay', from: string, to: string, zone: string, minutes: number, queues: number, arrivals: number, reopens: number, agents: number) =>
      `${mode === 'replay' ? 'replayed' : 'simulated plan'} ${from} to ${to} (${zone}), ${minutes}-minute intervals: ` +
      `${queues} queues, ${arrivals} arrivals (+${reopens} reopened), ${agents} agents`,
    runs: (runs: number, first: number, last: number, points: number) => runs === 1
      ? `1 run (seed ${first}): one run's figures swing with its random draws; --runs 5 or more gives a range`
      : `${runs} runs (seeds ${first}-${last}): each figure the runs' median, service level with their p10-p90 range; ` +
        `an interval is flagged where the plan lies outside that range and the median is more than ${points} points from it`,
    overall: (p50: string, p90: string, realP50: string, realP90: string) => `all queues: FRT p50 ${p50} p90 ${p90} simulated, ${realP50} / ${realP90} real`,
    real: (p50: string, p90: string, tickets: number) => `real FRT p50 ${p50} p90 ${p90} (${tickets} answered)`,
    plan: (sl: string, occ: string, planOcc: string) => `plan SL ${sl}, occupancy ${occ} (plan ${planOcc})`,
    queue: (id: string, name: string, strategy: string, method: string, sl: string, range: string, p50: string, p90: string, abandon: string) =>
      `${id} ${name} (${strategy}, ${method}): SL ${sl} (p10-p90 ${range}), FRT p50 ${p50} p90 ${p90}, abandonment ${abandon}`,
    backlog: (n: number) => `backlog at end ${n}`,
    sep: '; ',
    flagged: (n: number, points: number, whole: boolean) => `${n} intervals off the plan by more than ${points} points${whole ? ', and the whole horizon too' : ''}`,
    offOverall: (points: number) => `off the plan by more than ${points} points over the horizon (no single interval has enough arrivals to tell)`,
    agrees: (points: number) => `no interval off the plan: wherever one has enough arrivals to tell, the plan lies within the runs' range or ${points} points of their median`,
    strategy: (code: string) => code,
    method: (code: string) => code,
  },
  zh: {
    columns: ['日期', '到达', '模拟服务水平', '服务水平 p10-p90', '计划服务水平', '首响 p50', '首响 p90', '放弃率', '占用率', '最高积压', '偏离时段'],
    head: (mode: 'plan' | 'replay', from: string, to: string, zone: string, minutes: number, queues: number, arrivals: number, reopens: number, agents: number) =>
      `${mode === 'replay' ? '回放' : '模拟排班计划'} ${from} 至 ${to}（${zone}），每 ${minutes} 分钟一个时段：` +
      `${queues} 个队列，${arrivals} 个到达（另有 ${reopens} 个重开），${agents} 名坐席`,
    runs: (runs: number, first: number, last: number, points: number) => runs === 1
      ? `运行 1 次（种子 ${first}）：单次运行的数字随随机抽样波动；--runs 5 或更多可得到区间`
      : `运行 ${runs} 次（种子 ${first}-${last}）：各数字取各次运行的中位数，服务水平附 p10-p90 区间；` +
        `计划落在该区间之外且与中位数相差超过 ${points} 个百分点的时段才标为偏离`,
    overall: (p50: string, p90: string, realP50: string, realP90: string) => `全部队列：模拟首响 p50 ${p50}、p90 ${p90}，实际 ${realP50} / ${realP90}`,
    real: (p50: string, p90: string, tickets: number) => `实际首响 p50 ${p50}、p90 ${p90}（${tickets} 个已回复）`,
    plan: (sl: string, occ: string, planOcc: string) => `计划服务水平 ${sl}，占用率 ${occ}（计划 ${planOcc}）`,
    queue: (id: string, name: string, strategy: string, method: string, sl: string, range: string, p50: string, p90: string, abandon: string) =>
      `${id} ${name}（${strategy}，${method}）：服务水平 ${sl}（p10-p90 ${range}），首响 p50 ${p50}、p90 ${p90}，放弃率 ${abandon}`,
    backlog: (n: number) => `期末积压 ${n}`,
    sep: '；',
    flagged: (n: number, points: number, whole: boolean) => `${n} 个时段偏离计划超过 ${points} 个百分点${whole ? '，整个周期也是' : ''}`,
    offOverall: (points: number) => `整个周期偏离计划超过 ${points} 个百分点（没有单个时段的到达量足以判断）`,
    agrees: (points: number) => `没有偏离计划的时段：凡到达量足以判断的时段，计划均落在各次运行的区间内或与中位数相差不超过 ${points} 个百分点`,
    strategy: (code: string) => ({ round_robin: '轮流分配', least_loaded: '分给在办最少者', skill_match: '按技能匹配' } as Record<string, string>)[code] ?? code,
    method: (code: string) => ({ erlang_c: 'Erlang C', erlang_a: 'Erlang A', workload: '工作量模型', live: '实时渠道' } as Record<string, string>)[code] ?? code,
  },
} as const;

function dayRow(date: string, f: Figures, peakBacklog: number, flagged: number): string[] {
  return [date, String(f.arrivals), pct(f.serviceLevel), pctRange(f.bands.serviceLevel), pct(f.plannedServiceLevel), shortDuration(f.frtP50Seconds), shortDuration(f.frtP90Seconds),
    pct(f.abandonment), pct(f.occupancy), String(peakBacklog), String(flagged)];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => `  ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`);
}

/** Where the simulation leaves the plan, worded as the page words it (web/ui/lib/planning/simulation-summary.ts). */
function offThePlan(flagged: number, wholeHorizon: boolean, lang: TextLang): string {
  const points = DISAGREEMENT * 100;
  const w = WORDS[lang];
  if (flagged > 0) return w.flagged(flagged, points, wholeHorizon);
  return wholeHorizon ? w.offOverall(points) : w.agrees(points);
}

export function simulationText(r: SimulationResult, lang: TextLang): string {
  const w = WORDS[lang];
  const zone = r.queues[0]?.zone ?? 'UTC';
  const day = (t: number) => DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const lines: string[] = [w.head(r.mode, day(r.from), day(r.to), zone, r.intervalMinutes, r.queues.length, r.arrivals, r.reopens, r.agents),
    w.runs(r.runs, r.seed, r.seed + r.runs - 1, DISAGREEMENT * 100)];
  if (r.overall) {
    const o = r.overall;
    lines.push(w.overall(shortDuration(o.frtP50Seconds), shortDuration(o.frtP90Seconds), shortDuration(o.realFrtP50Seconds), shortDuration(o.realFrtP90Seconds)));
  }
  for (const q of r.queues) {
    const s = q.summary;
    const versus = r.mode === 'replay' && q.real
      ? w.real(shortDuration(q.real.frtP50Seconds), shortDuration(q.real.frtP90Seconds), q.real.tickets)
      : w.plan(pct(s.plannedServiceLevel), pct(s.occupancy), pct(s.plannedOccupancy));
    lines.push('', [w.queue(q.queueId, q.name, w.strategy(q.strategy), w.method(q.method), pct(s.serviceLevel), pctRange(s.bands.serviceLevel), shortDuration(s.frtP50Seconds),
      shortDuration(s.frtP90Seconds), pct(s.abandonment)), versus, w.backlog(s.backlogAtEnd), offThePlan(s.intervalsFlagged, s.disagrees, lang)].join(w.sep));
    lines.push(...table([[...w.columns], ...q.days.map((d) => dayRow(d.date, d, d.peakBacklog, d.intervalsFlagged))]));
  }
  return `${lines.join('\n')}\n`;
}
