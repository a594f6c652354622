import { describe, expect, it } from 'vitest';
import { activeSlots, futureOpenMask } from '../../../forecasting/series/open-periods.ts';

describe('open periods', () => {
  // Two weekly slots, 6 weeks of history: slot 0 open every week but one (a holiday), slot 1
  // open only in the first two weeks (hours that were cut).
  const historyOpen = [true, true, true, true, false, false, true, false, true, false, true, false];
  const slots = Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);

  it('opens a future slot that was open in at least half of its last four weeks', () => {
    expect(futureOpenMask(historyOpen, slots, Int32Array.from([0, 1]), 2)).toEqual([true, false]);
  });

  it('opens what the calendar opens even if history did not', () => {
    expect(futureOpenMask(historyOpen, slots, Int32Array.from([0, 1]), 2, [false, true])).toEqual([true, true]);
  });

  it('keeps a slot never seen in history closed', () => {
    expect(futureOpenMask(historyOpen, slots, Int32Array.from([2]), 3)).toEqual([false]);
  });

  it('marks slots with arrivals in more than half of their weeks as active', () => {
    expect(activeSlots([1, 0, 0, 1, 3, 1, 2, 0], Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1]), 2)).toEqual([true, false]);
  });
});
