// The parts of config/deskpulse.yaml the forecaster reads (zone, default calendar, promotion days,
// where the dispatch rules live), and the dispatch rules' queues. Structural, so the config that
// warehouse/config.ts loads fits ForecastConfigView as is.
import { dirname, resolve } from 'node:path';
import { resolveConfigPath } from '../warehouse/config.ts';
import { readConfigFile } from '../warehouse/config-file.ts';
import { readDispatchRulesFile, type DispatchRules } from './dispatch-rules/read-dispatch-rules.ts';
import type { ForecastConfigView } from './forecast.ts';
import type { DispatchQueues } from './series/queues.ts';

export interface ForecastSettings {
  config: ForecastConfigView;
  /** Absolute path of the dispatch rules file. */
  dispatchRulesPath: string;
}

/**
 * The forecaster's settings from a DeskPulse config file (path from --config, DESKPULSE_CONFIG, or the
 * default), as the config's one reader checks it: a config that names only a zone still forecasts.
 */
export function readForecastSettings(path?: string): ForecastSettings {
  const { file, yaml, fail } = readConfigFile(resolveConfigPath(path));
  if (yaml.timezone === undefined) fail([], 'key "timezone" is missing; set the default zone, e.g. timezone: Asia/Shanghai');
  const dispatchRulesPath = resolve(dirname(file), yaml.dispatch_rules ?? './dispatch-rules.yaml');
  return {
    config: {
      timezone: yaml.timezone!, default_calendar: yaml.default_calendar ?? null, dispatch_rules: dispatchRulesPath,
      promotions: (yaml.promotions ?? []).map((p) => ({ date: p.date, ...(p.name !== undefined ? { name: String(p.name) } : {}) })),
    },
    dispatchRulesPath,
  };
}

/** The dispatch rules' queues as the forecaster reads them (id, names, match; each queue's team shares its id). */
export function dispatchQueuesOf(rules: DispatchRules): DispatchQueues {
  return { timezone: rules.timezone, queues: rules.queues.map((q) => ({ id: q.id, name: q.name, names: q.names, match: q.match, team: q.id })) };
}

/** The queues of the dispatch rules file, read and validated by the one reader (readDispatchRules). */
export function loadDispatchQueues(path: string): DispatchQueues {
  return loadDispatchRules(path).dispatch;
}

export interface LoadedDispatchRules {
  path: string;
  text: string;
  /** Validated (DispatchRulesError with line and column otherwise). */
  rules: DispatchRules;
  /** The same queues as the forecaster reads them. */
  dispatch: DispatchQueues;
}

/** Reads and validates the dispatch rules once, for both the forecaster and the staffing. */
export function loadDispatchRules(path: string): LoadedDispatchRules {
  const { text, rules } = readDispatchRulesFile(path);
  return {
    path, text, rules,
    dispatch: dispatchQueuesOf(rules),
  };
}
