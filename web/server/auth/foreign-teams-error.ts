// A team lead asking for teams not theirs (e.g. a shared `?team=other` link): refused with a 403 that
// names every team by its label in the viewer's language (the teams table, as /api/labels gives
// them), the id only for a team without one. The names are read when the refusal is answered.
import type { DuckDBConnection } from '@duckdb/node-api';
import { readValueLabels } from '../../../warehouse/value-labels.ts';
import type { Label } from '../../../warehouse/metrics/table.ts';
import { ForbiddenError } from './forbidden-error.ts';

export type TeamNames = Map<string, { en: string | null; zh: string | null }>;

export function foreignTeamsLabel(foreign: readonly string[], own: readonly string[], names: TeamNames = new Map()): Label {
  const named = (lang: keyof Label) => (ids: readonly string[]) => ids.map((id) => names.get(id)?.[lang] ?? id);
  const en = named('en');
  const zh = named('zh');
  return {
    en: `Team ${en(foreign).join(', ')} is not one of your teams (${en(own).join(', ') || '—'}). Remove it from the filter, or ask a manager for these figures.`,
    zh: `团队 ${zh(foreign).join('、')} 不属于您负责的团队（${zh(own).join('、') || '—'}）。请从筛选中移除该团队，或请经理查看这些数据。`,
  };
}

export class ForeignTeamsError extends ForbiddenError {
  constructor(readonly foreign: string[], readonly own: string[]) {
    super(`team ${foreign.join(', ')} is not one of your teams (${own.join(', ') || '—'}); remove it from the filter, or ask a manager`,
      foreignTeamsLabel(foreign, own));
  }

  /** The refusal with the teams' names (ids where the warehouse names none). */
  async named(db: DuckDBConnection): Promise<ForbiddenError> {
    const names: TeamNames = new Map((await readValueLabels(db)).filter((l) => l.dimension === 'team').map((l) => [l.value, { en: l.en, zh: l.zh }]));
    const label = foreignTeamsLabel(this.foreign, this.own, names);
    return new ForbiddenError(label.en, label);
  }
}
