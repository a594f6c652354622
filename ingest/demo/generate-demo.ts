// The demo generator: day by day, the day's arrivals live their lives; every event is delivered to
// the day it arrives (a few late, a few twice) and each finished day comes out as a chunk.
import { ArrivalSampler } from './arrivals.ts';
import { decodeChunk } from './decode-chunk.ts';
import { planDemo, type DemoOptions, type DemoPlan } from './demo-plan.ts';
import { EventColumns, F, type DemoChunk } from './event-columns.ts';
import { Rng, mixSeed } from './rng.ts';
import { TicketSimulator, type TicketSeed } from './ticket-lifecycle.ts';
import type { CanonicalEvent } from '../../warehouse/event-model.ts';

/** Share of events delivered hours to days after they happened. */
export const LATE_SHARE = 0.01;
/** Share of events delivered a second time (same event_id, same content). */
export const DUPLICATE_SHARE = 0.005;

/**
 * One delivered day: its events row-major in `events`, output order in `order`. Call release()
 * when done, so the generator can reuse the memory (fresh memory is what costs most).
 */
export interface DemoBlock {
  events: EventColumns;
  order: Uint32Array;
  release(): void;
}

/**
 * Columnar chunks in delivery order: one per day (the events that arrived that day, by arrival
 * time) and a last one for what arrived after the end. Decode with plan.dictionaries.
 */
export function* demoChunks(plan: DemoPlan): Generator<DemoChunk> {
  for (const block of demoBlocks(plan)) {
    if (!block) continue;
    const chunk = block.events.toChunk(block.order);
    block.release();
    yield chunk;
  }
}

/** The days as blocks, with a null after every `stepTickets` tickets so a caller can interleave other work. */
export function* demoBlocks(plan: DemoPlan, stepTickets = Infinity): Generator<DemoBlock | null> {
  const { options, dayStart, endInstant } = plan;
  const days = options.days;
  const arrivals = new ArrivalSampler(plan);
  const simulator = new TicketSimulator(plan);
  const scratch = new EventColumns(64);
  // Bucket per arrival day; index `days` holds what arrives after the end.
  const buckets = new Map<number, EventColumns>();
  // Released buckets are reused, so after the first days nothing grows or allocates (fresh memory
  // is what costs most). A bucket that grew far past a day's size on a promotion peak is dropped.
  const bucketRows = Math.ceil(options.ticketsPerDay * 12);
  const spare: EventColumns[] = [];
  const blockOf = (bucket: EventColumns): DemoBlock => ({
    events: bucket,
    order: bucket.arrivalOrder(),
    release: () => {
      bucket.clear();
      if (bucket.capacity <= 2 * bucketRows) spare.push(bucket);
    },
  });
  let lastDay = -1;
  let lastBucket = new EventColumns(0);
  const bucketOf = (arrival: number): EventColumns => {
    if (lastDay >= 0 && arrival >= dayStart[lastDay]! && (lastDay === days || arrival < dayStart[lastDay + 1]!)) return lastBucket;
    let d = Math.min(days, Math.max(0, Math.floor((arrival - dayStart[0]!) / 86_400)));
    // Day lengths differ around DST changes: step to the day that really holds `arrival`.
    while (d > 0 && arrival < dayStart[d]!) d--;
    while (d < days && arrival >= dayStart[d + 1]!) d++;
    let bucket = buckets.get(d);
    if (!bucket) buckets.set(d, (bucket = spare.pop() ?? new EventColumns(bucketRows)));
    lastDay = d;
    lastBucket = bucket;
    return bucket;
  };
  const ticket: TicketSeed = {
    day: 0, serial: 0, t0: 0, problemType: 0, channel: 0, subtype: 0, product: 0, region: 0,
    priority: 0, team: 0, homeTeam: 0, customer: 0, order: 0,
  };
  const load = new Float64Array(plan.teams.length);
  let sinceStep = 0;

  for (let d = 0; d < days; d++) {
    const rng = new Rng(mixSeed(options.seed, d, 1));
    const delivery = new Rng(mixSeed(options.seed, d, 2));
    const today = arrivals.day(d, rng);
    for (let k = 0; k < load.length; k++) load[k] = today.teamCounts[k]! / Math.max(1, plan.teamBaseline[k]!);
    for (let s = 0; s < today.n; s++) {
      ticket.day = d;
      ticket.serial = s + 1;
      ticket.t0 = today.t0[s]!;
      ticket.problemType = today.problemType[s]!;
      ticket.channel = today.channel[s]!;
      ticket.subtype = today.subtype[s]!;
      ticket.product = today.product[s]!;
      ticket.region = today.region[s]!;
      ticket.priority = today.priority[s]!;
      ticket.team = today.team[s]!;
      ticket.homeTeam = today.homeTeam[s]!;
      ticket.customer = today.customer[s]!;
      ticket.order = today.order[s]!;
      scratch.clear();
      simulator.run(ticket, rng, load, scratch);
      for (let i = 0; i < scratch.length; i++) {
        const t = scratch.get(i, F.at);
        // What has not happened by the end is not in the data: those tickets are the backlog.
        if (t >= endInstant) break;
        // One draw decides: on time (most), late, or on time and again later.
        const fate = delivery.next();
        const arrival = fate < LATE_SHARE ? t + Math.round(Math.max(600, delivery.logNormal(6 * 3600, 1))) : t;
        bucketOf(arrival).copyRow(scratch, i, arrival);
        if (fate >= 1 - DUPLICATE_SHARE) {
          const again = arrival + Math.round(delivery.uniform(60, 6 * 3600));
          bucketOf(again).copyRow(scratch, i, again);
        }
      }
      if (++sinceStep >= stepTickets) {
        sinceStep = 0;
        yield null;
      }
    }
    // Every ticket that can still deliver into day d was created by now.
    const done = buckets.get(d);
    buckets.delete(d);
    lastDay = -1;
    if (done && done.length > 0) yield blockOf(done);
  }
  const tail = buckets.get(days);
  if (tail && tail.length > 0) yield blockOf(tail);
}

/**
 * The demo as canonical events, one array per delivered day. `end` defaults to yesterday in the
 * config's zone, so pass it explicitly wherever the output must not depend on today's date.
 */
export function* generateDemo(options: DemoOptions): Generator<CanonicalEvent[]> {
  const plan = planDemo(options);
  for (const chunk of demoChunks(plan)) yield decodeChunk(chunk, plan.dictionaries);
}
