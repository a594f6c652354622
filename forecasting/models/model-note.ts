// What a model fitted, as an id and its figures (never a sentence): the CLI and the Forecast page
// word it in the reader's language (web/ui/lib/i18n/model-labels.ts), so no English reaches a
// Chinese screen. Kept in stored runs' scores; a run stored before notes had ids holds a string.
import type { SingleModelName } from './model.ts';

/** A regression feature: the trend, or a holiday / promotion day `offset` days from the event (0 on it). */
export interface RegressionEffect { feature: 'trend' | 'holiday' | 'promotion'; offset: number; effect: number }

export interface CombinationWeight { model: SingleModelName; weight: number }

export type ModelNote =
  | { id: 'seasonal-naive' }
  | { id: 'weekday-slot-mean'; weeks: number }
  | { id: 'day-type'; levelDays: number; profileWeeks: number }
  /** Holt-Winters' smoothing: level alpha, daily season delta (null for daily series), weekly omega, error damping phi. */
  | { id: 'holt-winters'; alpha: number; delta: number | null; omega: number; phi: number }
  /** log1p effects of the regression's features and Duan's smearing factor (null: nothing was fitted). */
  | { id: 'calendar-regression'; effects: RegressionEffect[]; smearing: number | null }
  /** The combination's members and weights per kind of day. */
  | { id: 'combination'; day1: CombinationWeight[]; later: CombinationWeight[]; holidays: CombinationWeight[]; promotions: CombinationWeight[] };

export type ModelNoteId = ModelNote['id'];

const IDS: readonly ModelNoteId[] = ['seasonal-naive', 'weekday-slot-mean', 'day-type', 'holt-winters', 'calendar-regression', 'combination'];

/** A note as read back from a stored run: null for a run stored before notes had ids (an English sentence). */
export function storedNote(value: unknown): ModelNote | null {
  return typeof value === 'object' && value !== null && IDS.includes((value as { id: ModelNoteId }).id) ? value as ModelNote : null;
}

/** A regression feature's name (calendar-features.ts: trend, holiday+1, promotion-3, ...) as a feature and offset. */
export function regressionEffect(name: string, effect: number): RegressionEffect {
  const m = /^(trend|holiday|promotion)([+-]\d+)?$/.exec(name);
  if (!m) throw new Error(`calendar regression: unknown feature "${name}"`);
  return { feature: m[1] as RegressionEffect['feature'], offset: m[2] ? Number(m[2]) : 0, effect };
}

/** Figures of a note to 3 decimals, as they are read. */
export const round3 = (x: number) => Math.round(x * 1000) / 1000;
