// Rolls the dispatch rules back to an earlier version: that version's full text is written back
// through the same path as an apply (writeRulesVersion) and recorded as a NEW version saying which
// one it restores, so the history only grows and a rollback can itself be rolled back.
import { basename, resolve } from 'node:path';
import type { InBothLanguages } from '../bilingual-error.ts';
import type { WarehouseSession } from '../warehouse-session.ts';
import { readDispatchRules, readDispatchRulesText } from './read-dispatch-rules.ts';
import { unifiedDiff } from './unified-diff.ts';
import { getVersion, recordRollback, type DispatchRuleVersion } from './versions.ts';
import { writeRulesVersion } from './write-rules-version.ts';

/** The version asked for is not one DeskPulse wrote to this file (the route answers 404). */
export class UnknownVersionError extends Error {
  readonly statusCode = 404;
  readonly messages: InBothLanguages;
  constructor(versionId: number, file: string) {
    const en = `version ${versionId} is not a version of ${file} (see \`deskpulse dispatch-rules history\` or GET /api/dispatch-rules/versions)`;
    super(en);
    this.name = 'UnknownVersionError';
    this.messages = { en, zh: `版本 ${versionId} 不是 ${file} 的版本（见 \`deskpulse dispatch-rules history\` 或 GET /api/dispatch-rules/versions）` };
  }
}

export interface RollbackOptions {
  db: WarehouseSession;
  dispatchRulesPath: string;
  versionId: number;
  who: string;
  /** Show the diff, write nothing. */
  dryRun?: boolean;
  now?: number;
}

export interface RollbackResult {
  restored: DispatchRuleVersion;
  /** The new version; null on a dry run or when the file already holds that text. */
  versionId: number | null;
  changed: boolean;
  /** Unified diff from the file's text now to the restored one. */
  diff: string;
}

/** A version of this file (by its recorded path), or UnknownVersionError. */
export async function versionOfFile(db: WarehouseSession, dispatchRulesPath: string, versionId: number): Promise<DispatchRuleVersion> {
  const path = resolve(dispatchRulesPath);
  const version = await getVersion(db, versionId);
  if (!version || version.path !== path) throw new UnknownVersionError(versionId, basename(path));
  return version;
}

export async function rollbackDispatchRules(o: RollbackOptions): Promise<RollbackResult> {
  if (o.who.trim() === '') throw new Error('rollbackDispatchRules: say who rolls back (who), for the version history');
  const path = resolve(o.dispatchRulesPath);
  const restored = await versionOfFile(o.db, path, o.versionId);
  const text = readDispatchRulesText(path);
  // It was valid when written; a config change since (a renamed key) would make it unusable now.
  readDispatchRules(restored.content, `${basename(path)} (version ${restored.versionId})`);
  const name = basename(path);
  const diff = unifiedDiff(text, restored.content, { fromFile: `a/${name}`, toFile: `b/${name}` });
  const changed = text !== restored.content;
  if (o.dryRun || !changed) return { restored, versionId: null, changed, diff };
  const appliedAt = o.now ?? Date.now();
  const versionId = await writeRulesVersion({
    db: o.db, path, before: text, after: restored.content,
    record: () => recordRollback(o.db, restored, { appliedAt, appliedBy: o.who, before: text, diff }),
  });
  return { restored, versionId, changed, diff };
}
