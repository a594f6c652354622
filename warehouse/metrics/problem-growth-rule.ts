// When a problem type is growing: its tickets against what the calendar expects (sql/problem-expected.sql).
// Pure (no database): the problems query, the catalog and the UI's sentences read these.

/** History read for the promotion lift: a year and a bit, so last year's promotion days are seen. */
export const EXPECTED_HISTORY_DAYS = 400;
/** Growing: at least this far above the expected count... */
export const GROWING_MIN_RATIO = 0.1;
/** ...and more than this many Poisson standard deviations (sqrt(expected)) above it, so a few tickets more is not growth. */
export const GROWING_MIN_SIGMAS = 2;

/**
 * Whether `tickets` grow beyond what the calendar expects: null when it expects nothing knowable
 * (no history); a type the history never saw grows when it has tickets.
 */
export function isGrowing(tickets: number, expected: number | null): boolean | null {
  if (expected === null) return null;
  if (expected === 0) return tickets > 0;
  return tickets >= (1 + GROWING_MIN_RATIO) * expected && tickets - expected > GROWING_MIN_SIGMAS * Math.sqrt(expected);
}

