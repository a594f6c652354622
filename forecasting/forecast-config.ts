// The parts of config/deskpulse.yaml the forecaster reads (zone, default calendar, promotion days,
// where the dispatch rules live), and the dispatch rules' queues. Structural, so the config that
// warehouse/config.ts loads fits ForecastConfigView as is.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { readDispatchRules, type DispatchRules } from './dispatch-rules/read-dispatch-rules.ts';
import type { ForecastConfigView } from './forecast.ts';
import type { DispatchQueues } from './series/queues.ts';

export const DEFAULT_CONFIG_PATH = './config/deskpulse.yaml';

export interface ForecastSettings {
  config: ForecastConfigView;
  /** Absolute path of the dispatch rules file. */
  dispatchRulesPath: string;
}

/** Reads the forecaster's settings from a DeskPulse config file (path from --config, DESKPULSE_CONFIG, or the default). */
export function readForecastSettings(path?: string): ForecastSettings {
  const file = resolve(path ?? process.env.DESKPULSE_CONFIG ?? DEFAULT_CONFIG_PATH);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read the config (${(err as Error).message.split('\n')[0]}); pass --config PATH`);
  }
  const raw = (doc ?? {}) as Partial<ForecastConfigView>;
  if (typeof raw.timezone !== 'string') throw new Error(`${file}: key "timezone" is missing; set the default zone, e.g. timezone: Asia/Shanghai`);
  const dispatchRulesPath = resolve(dirname(file), raw.dispatch_rules ?? './dispatch-rules.yaml');
  return {
    config: { timezone: raw.timezone, default_calendar: raw.default_calendar ?? null, promotions: raw.promotions ?? [], dispatch_rules: dispatchRulesPath },
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
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: cannot read the dispatch rules (${(err as Error).message}); check dispatch_rules in the config`);
  }
  const rules = readDispatchRules(text, path);
  return {
    path, text, rules,
    dispatch: dispatchQueuesOf(rules),
  };
}
