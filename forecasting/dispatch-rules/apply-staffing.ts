// Applies a staffing recommendation to the dispatch rules file: validates it, writes the queues'
// staffing blocks in place, shows the diff and a per-queue summary (a dry run stops there), records
// the version and replaces the file atomically (writeRulesVersion).
import { basename, resolve } from 'node:path';
import { isoAt } from '../../warehouse/calendar/zoned-iso.ts';
import type { WarehouseSession } from '../warehouse-session.ts';
import type { QueueRecommendation, StaffingRecommendation } from '../staffing/recommend.ts';
import { applySummary, type QueueApplySummary } from './apply-summary.ts';
import { formatIssue } from './dispatch-rules-error.ts';
import { readDispatchRulesFile } from './read-dispatch-rules.ts';
import type { StaffingBlock } from './staffing-block.ts';
import { unifiedDiff } from './unified-diff.ts';
import { recordVersion } from './versions.ts';
import { capacityWarnings, overlapWarnings, rankWarnings, staffingWarnings, type DispatchWarning } from './warnings.ts';
import { writeRulesVersion } from './write-rules-version.ts';
import { writeStaffingBlocks } from './write-staffing-blocks.ts';

export interface ApplyStaffingOptions {
  db: WarehouseSession;
  dispatchRulesPath: string;
  recommendations: StaffingRecommendation;
  /** Model recorded with the version; default the queues' models. */
  model?: string;
  /** Who applied it (user name, token owner). */
  who: string;
  /** Show the diff and warnings, write nothing. */
  dryRun?: boolean;
  /** When it was applied (default now). */
  now?: number;
}

export interface ApplyStaffingResult {
  /** Unified diff of the file, '' when nothing changes. */
  diff: string;
  warnings: DispatchWarning[];
  /** Per written queue: agents per day-part before and after, peak, shortfall, its warnings. */
  summary: QueueApplySummary[];
  /** dispatch_rule_versions.version_id, or null for a dry run or an unchanged file. */
  versionId: number | null;
  changed: boolean;
  /** Queue ids whose staffing block was written. */
  queues: string[];
  /** The new text (what was, or on a dry run would be, written). */
  text: string;
}

/** The staffing block of one queue: its open intervals, times in the queue's zone, agents to schedule (after shrinkage). */
export function staffingBlockOf(q: QueueRecommendation, generatedAt: number): StaffingBlock {
  return {
    // Whole seconds, as people write it (2026-11-22T20:00:00+08:00).
    generatedAt: isoAt(Math.floor(generatedAt / 1000) * 1000, q.zone),
    model: q.model,
    method: q.method,
    shrinkage: q.target.shrinkage,
    // Open intervals only: a closed one schedules nobody, and the router reads no row as "closed".
    intervals: q.intervals.filter((i) => i.open).map((i) => ({ start: isoAt(i.start, q.zone), minutes: i.minutes, forecast: i.p50, p90: i.p90, agents: i.scheduledAgents })),
  };
}

export function modelSummary(r: StaffingRecommendation): string {
  const models = [...new Set(r.queues.map((q) => q.model))];
  return models.length <= 1 ? models[0] ?? 'none' : r.queues.map((q) => `${q.queueId}=${q.model}`).join(', ');
}

export async function applyStaffing(o: ApplyStaffingOptions): Promise<ApplyStaffingResult> {
  if (o.who.trim() === '') throw new Error('applyStaffing: say who applies the staffing (who), for the version history');
  const path = resolve(o.dispatchRulesPath);
  const { text, rules } = readDispatchRulesFile(path);
  const r = o.recommendations;
  const blocks = new Map<string, StaffingBlock>();
  const found: DispatchWarning[] = rules.warnings.map((w) => {
    const messages = { en: formatIssue(basename(path), w), zh: formatIssue(basename(path), w, 'zh') };
    return { kind: 'unknown-key' as const, queues: [], message: messages.en, messages, ...(w.line !== undefined ? { line: w.line } : {}) };
  });
  for (const q of r.queues) {
    if (rules.queues.some((rule) => rule.id === q.queueId)) blocks.set(q.queueId, staffingBlockOf(q, r.generatedAt));
    else found.push({ kind: 'not-in-rules', queues: [q.queueId], message: `queue ${q.queueId} is not a queue of ${basename(path)}: its staffing is not written there` });
  }
  const { text: after, written, previous } = writeStaffingBlocks(text, path, blocks);
  const warnings = rankWarnings([...found, ...staffingWarnings(r), ...capacityWarnings(rules, r), ...overlapWarnings(rules)]);
  const name = basename(path);
  const diff = unifiedDiff(text, after, { fromFile: `a/${name}`, toFile: `b/${name}` });
  const changed = after !== text;
  const result = { diff, warnings, summary: applySummary(r.queues, written, previous, warnings, rules.queues), versionId: null, changed, queues: written, text: after };
  if (o.dryRun || !changed) return result;

  const now = o.now ?? Date.now();
  const versionId = await writeRulesVersion({
    db: o.db, path, before: text, after,
    record: () => recordVersion(o.db, {
      appliedAt: now, appliedBy: o.who, path, model: o.model ?? modelSummary(r), before: text, after, diff, queues: written,
    }, r),
  });
  return { ...result, versionId };
}
