import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_COLUMNS, EventColumns, F, STRIDE } from '../../../ingest/demo/event-columns.ts';

function filled(arrivals: number[]): EventColumns {
  const source = new EventColumns(4);
  const bucket = new EventColumns(4);
  arrivals.forEach((arrival, i) => {
    const row = source.add();
    source.rows[row + F.ticket_serial] = i + 1;
    bucket.copyRow(source, i, arrival);
  });
  return bucket;
}

describe('EventColumns', () => {
  it('orders rows by arrival, ties by insertion, for day-wide and wider spans', () => {
    const base = 1_790_000_000;
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 86_399 }), { maxLength: 300 }),
      fc.boolean(),
      (offsets, wide) => {
        // Wide: some arrivals weeks later (the after-the-end bucket), sorted another way.
        const arrivals = offsets.map((o, i) => base + o + (wide && i % 7 === 0 ? 30 * 86_400 : 0));
        const expected = arrivals.map((a, i) => [a, i] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([, i]) => i);
        expect([...filled(arrivals).arrivalOrder()]).toEqual(expected);
      },
    ));
  });

  it('grows, copies whole rows and starts new rows with null codes', () => {
    const bucket = filled(Array.from({ length: 100 }, (_, i) => 1000 - i));
    expect(bucket.length).toBe(100);
    expect(bucket.capacity).toBeGreaterThanOrEqual(100);
    const chunk = bucket.toChunk();
    expect(chunk.length).toBe(100);
    expect(chunk.columns.ticket_serial[0]).toBe(100); // latest added, earliest arrival
    expect(chunk.columns.handle[0]).toBe(-1);
    expect(chunk.columns.channel[0]).toBe(0);
    expect(Object.keys(chunk.columns)).toEqual(CODE_COLUMNS.map((c) => c.name));
    expect(STRIDE).toBe(CODE_COLUMNS.length);
  });
});
