// Demo events as numbers: categorical fields are small codes (0 = null, i + 1 = entry i of the
// field's dictionary). Rows are built row-major in one Float64Array and leave as columns.

/** The code columns, in row order. */
export const CODE_COLUMNS = [
  { name: 'ticket_day' }, // creation day index -> ticket id date part (0-based, never null)
  { name: 'ticket_serial' }, // 1-based serial within the creation day
  { name: 'seq' }, // 1-based event number within the ticket
  { name: 'type' }, // EVENT_TYPES index (0-based, never null)
  { name: 'at' }, // occurred_at, epoch seconds
  { name: 'actor' },
  { name: 'agent' },
  { name: 'team' },
  { name: 'channel' },
  { name: 'problem_type' },
  { name: 'subtype' },
  { name: 'product' },
  { name: 'region' },
  { name: 'priority' },
  { name: 'status' },
  { name: 'rating' }, // the rating itself, 0 = null
  { name: 'rating_dimension' }, // what a rating rates (speed, quality, attitude), 0 = the overall rating
  { name: 'comment' },
  { name: 'customer' }, // customer number, 0 = null
  { name: 'order_no' }, // order number for attrs, 0 = null
  { name: 'handle' }, // handle seconds, -1 = null
] as const;
export type CodeColumn = (typeof CODE_COLUMNS)[number]['name'];

/** Offset of each column within a row. */
export const F = Object.fromEntries(CODE_COLUMNS.map((c, k) => [c.name, k])) as Record<CodeColumn, number>;
/** Slots per row. */
export const STRIDE = CODE_COLUMNS.length;

/** A growable block of event rows, each with the arrival time (epoch seconds) that orders the output. */
export class EventColumns {
  length = 0;
  rows: Float64Array;
  arrival: Float64Array;

  constructor(capacity = 1024) {
    this.rows = new Float64Array(capacity * STRIDE);
    this.arrival = new Float64Array(capacity);
  }

  /** Appends a row with every code 0 and handle -1; returns the offset of its first slot. */
  add(): number {
    if ((this.length + 1) * STRIDE > this.rows.length) this.grow();
    const base = this.length++ * STRIDE;
    this.rows.fill(0, base, base + STRIDE);
    this.rows[base + F.handle] = -1;
    return base;
  }

  /** Appends row `i` of `from` with the given arrival time. */
  copyRow(from: EventColumns, i: number, arrival: number): void {
    if ((this.length + 1) * STRIDE > this.rows.length) this.grow();
    const base = this.length++ * STRIDE;
    const src = from.rows;
    const dst = this.rows;
    const s = i * STRIDE;
    for (let k = 0; k < STRIDE; k++) dst[base + k] = src[s + k]!;
    this.arrival[this.length - 1] = arrival;
  }

  /** Column `column` of row `i`. */
  get(i: number, column: number): number {
    return this.rows[i * STRIDE + column]!;
  }

  clear(): void {
    this.length = 0;
  }

  /** Rows it holds without growing. */
  get capacity(): number {
    return this.rows.length / STRIDE;
  }

  /** The rows in the given order (by default arrival order), as columns. */
  toChunk(order: Uint32Array = this.arrivalOrder()): DemoChunk {
    const n = order.length;
    const rows = this.rows;
    const list = CODE_COLUMNS.map(() => new Float64Array(n));
    // Row by row: one random access per row instead of one per field.
    for (let r = 0; r < n; r++) {
      const base = order[r]! * STRIDE;
      for (let k = 0; k < STRIDE; k++) list[k]![r] = rows[base + k]!;
    }
    const columns = Object.fromEntries(CODE_COLUMNS.map((c, k) => [c.name, list[k]!])) as Record<CodeColumn, Float64Array>;
    return { length: n, columns };
  }

  private grow(): void {
    const capacity = Math.max(this.capacity * 2, 64);
    const rows = new Float64Array(capacity * STRIDE);
    rows.set(this.rows);
    this.rows = rows;
    const arrival = new Float64Array(capacity);
    arrival.set(this.arrival);
    this.arrival = arrival;
  }

  /**
   * Row indexes sorted by arrival (whole seconds), ties by index. A day's arrivals span about
   * 86,400 seconds, so a counting sort over the seconds does it in two passes.
   */
  arrivalOrder(): Uint32Array {
    const n = this.length;
    const arrival = this.arrival;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
      const t = arrival[i]!;
      if (t < min) min = t;
      if (t > max) max = t;
    }
    const order = new Uint32Array(n);
    if (n === 0) return order;
    const span = max - min + 1;
    if (span > COUNTING_SORT_SPAN) return this.sortedByKeys(min);
    const starts = new Uint32Array(span + 1);
    for (let i = 0; i < n; i++) starts[arrival[i]! - min + 1]!++;
    for (let s = 1; s <= span; s++) starts[s]! += starts[s - 1]!;
    for (let i = 0; i < n; i++) order[starts[arrival[i]! - min]!++] = i;
    return order;
  }

  /** The same order for wide spans (the after-the-end bucket): one native sort of packed keys. */
  private sortedByKeys(min: number): Uint32Array {
    const n = this.length;
    if (n >= INDEX_SPAN) throw new Error(`demo bucket of ${n} events is too big; lower ticketsPerDay`);
    const keys = new Float64Array(n);
    // Whole seconds from the first arrival stay far below 2^29, so keys stay exact (< 2^53).
    for (let i = 0; i < n; i++) keys[i] = (this.arrival[i]! - min) * INDEX_SPAN + i;
    keys.sort();
    const order = new Uint32Array(n);
    for (let r = 0; r < n; r++) order[r] = keys[r]! % INDEX_SPAN;
    return order;
  }
}

const COUNTING_SORT_SPAN = 4 * 86_400;
const INDEX_SPAN = 2 ** 24;

/** A chunk of demo events in output order, one Float64Array per code column. */
export interface DemoChunk {
  length: number;
  columns: Readonly<Record<CodeColumn, Float64Array>>;
}
