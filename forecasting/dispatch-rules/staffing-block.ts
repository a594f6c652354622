// Renders one queue's `staffing` block as YAML text: generated_at, model, how the agents were
// computed, and one flow map per interval, as in design.md's dispatch rule example.
import { Document } from 'yaml';

export interface StaffingBlockInterval {
  /** ISO 8601 with the queue zone's offset, e.g. 2026-11-23T09:00:00+08:00. */
  start: string;
  minutes: number;
  /** Forecast arrivals (p50) and their p90. */
  forecast: number;
  p90: number;
  /** Agents to schedule (after shrinkage). */
  agents: number;
}

export interface StaffingBlock {
  generatedAt: string;
  model: string;
  method: 'erlang_c' | 'erlang_a' | 'workload';
  shrinkage: number;
  intervals: StaffingBlockInterval[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** One interval as a one-line flow map, as the yaml library would write it (start is a plain ISO scalar). */
const intervalLine = (i: StaffingBlockInterval) =>
  `- { start: ${i.start}, minutes: ${i.minutes}, forecast: ${round1(i.forecast)}, p90: ${round1(i.p90)}, agents: ${i.agents} }`;

/** The block's lines (key line included), indented by `indent` spaces, each ending in "\n". */
export function renderStaffingBlock(block: StaffingBlock, indent: number): string {
  // The few header keys through the yaml library (quoting as needed); the intervals, thousands of
  // them at 92 days x 15 min, written directly: the Document API takes seconds for them.
  const doc = new Document({
    staffing: { generated_at: block.generatedAt, model: block.model, method: block.method, shrinkage: block.shrinkage, intervals: [] },
  });
  const pad = ' '.repeat(indent);
  const header = doc.toString({ lineWidth: 0, indent: 2 }).split('\n').filter((l) => l !== '');
  const last = header.pop()!;
  const intervals = block.intervals.length === 0 ? [last] : [last.replace(/ \[\]$/, ''), ...block.intervals.map((i) => `    ${intervalLine(i)}`)];
  return [...header, ...intervals].map((l) => `${pad}${l}\n`).join('');
}
