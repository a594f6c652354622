// Live queues across closed hours: a call that comes while nobody is on duty waits in line for the
// opening (or hangs up after its patience), as the simulation runs it. Such a call has missed any
// answer-within target, and the callers still holding at the opening are answered first (oldest
// first), ahead of the opening interval's own callers: a fluid drain of that carried work.

/**
 * Share of a closed interval's callers still holding when the queue opens `secondsToOpening` after
 * the interval ends: 1 without a patience; with an exponential patience of mean p, arrivals spread
 * evenly over the interval's L seconds hold with mean (p / L)·(e^{-a/p} - e^{-(a+L)/p}).
 */
export function holdingAtOpening(intervalSeconds: number, secondsToOpening: number, patienceSeconds: number | null | undefined): number {
  if (!patienceSeconds) return 1;
  const p = patienceSeconds;
  return (p / intervalSeconds) * (Math.exp(-secondsToOpening / p) - Math.exp(-(secondsToOpening + intervalSeconds) / p));
}

export interface CarriedWork {
  /** Share of the interval's own callers who wait past the target behind the carried callers. */
  missedShare: number;
  /** Carried work (agent seconds) still waiting at the interval's end. */
  carriedOutSeconds: number;
  /** Carried work done in the interval, agent seconds. */
  doneSeconds: number;
}

/**
 * An open interval that starts with `carriedSeconds` of callers' work waiting, worked by `agents`
 * with `traffic` erlangs arriving: all agents clear the line first, so a caller arriving s seconds in
 * waits (W - (N - A)·s) / N; those arriving before that falls to the target T miss it.
 */
export function drainCarriedWork(carriedSeconds: number, agents: number, traffic: number, intervalSeconds: number, answerWithinSeconds: number): CarriedWork {
  if (carriedSeconds <= 0) return { missedShare: 0, carriedOutSeconds: 0, doneSeconds: 0 };
  const spare = agents - traffic;
  if (spare <= 0) return { missedShare: 1, carriedOutSeconds: carriedSeconds - spare * intervalSeconds, doneSeconds: Math.min(carriedSeconds, agents * intervalSeconds) };
  const meetsFrom = Math.max(0, (carriedSeconds - agents * answerWithinSeconds) / spare);
  const carriedOutSeconds = Math.max(0, carriedSeconds - spare * intervalSeconds);
  return { missedShare: Math.min(1, meetsFrom / intervalSeconds), carriedOutSeconds, doneSeconds: carriedSeconds - carriedOutSeconds };
}
