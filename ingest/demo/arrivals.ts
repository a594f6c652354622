// The tickets that arrive on one demo day, in creation order: problem type, channel, time of day,
// subtype, product, region, priority, customer (some coming back within 7 days) and routed team.
import { PT, channelMix, expectedArrivals, hourlyWeights, priorityWeights, productWeights, regionWeights, subtypeOffset, subtypeWeights } from './demand-model.ts';
import type { DemoPlan } from './demo-plan.ts';
import type { Rng } from './rng.ts';

/** One day's tickets as columns, sorted by creation time. */
export interface DayTickets {
  n: number;
  t0: Float64Array;
  problemType: Uint8Array;
  channel: Uint8Array;
  subtype: Uint8Array;
  product: Uint8Array;
  region: Uint8Array;
  priority: Uint8Array;
  /** The team the ticket lands in first (sometimes the wrong one) and the one that should own it. */
  team: Uint8Array;
  homeTeam: Uint8Array;
  customer: Uint32Array;
  order: Uint32Array;
  /** Tickets landing in each team today. */
  teamCounts: Float64Array;
}

const REPEAT_SHARE = 0.07;
const REPEAT_WINDOW = 7 * 86_400;
const RETURNING_CUSTOMER_SHARE = 0.15;
const MISROUTE_SHARE = 0.06;
const DAY_NOISE = 0.05;

interface RecentDay {
  day: number;
  t0: Float64Array;
  customer: Uint32Array;
  subtype: Uint8Array;
  product: Uint8Array;
  region: Uint8Array;
  order: Uint32Array;
}

export class ArrivalSampler {
  private customers = 0;
  private orders = 0;
  /** Per problem type, the last 7 days' tickets: where repeat contacts come from. */
  private readonly recent: RecentDay[][];

  constructor(private readonly plan: DemoPlan) {
    this.recent = plan.routes.map(() => []);
  }

  day(d: number, rng: Rng): DayTickets {
    const plan = this.plan;
    const facts = plan.facts[d]!;
    const dayNoise = Math.exp(DAY_NOISE * rng.normal());
    const counts = plan.routes.map((_, pt) =>
      rng.count(expectedArrivals(plan.options.ticketsPerDay, pt, facts, plan.trend[d]! * dayNoise)));
    const n = counts.reduce((a, b) => a + b, 0);

    // Times first, then sort, so that ticket serials and customer numbers follow creation time.
    const start = plan.dayStart[d]!;
    const rawPt = new Uint8Array(n);
    const rawCh = new Uint8Array(n);
    const keys = new Float64Array(n);
    let i = 0;
    counts.forEach((count, pt) => {
      const mix = channelMix(pt);
      for (let k = 0; k < count; k++, i++) {
        const ch = rng.pick(mix);
        const second = rng.pick(hourlyWeights(ch)) * 3600 + rng.int(3600);
        rawPt[i] = pt;
        rawCh[i] = ch;
        keys[i] = second * 2 ** 21 + i;
      }
    });
    keys.sort();

    const out: DayTickets = {
      n,
      t0: new Float64Array(n),
      problemType: new Uint8Array(n),
      channel: new Uint8Array(n),
      subtype: new Uint8Array(n),
      product: new Uint8Array(n),
      region: new Uint8Array(n),
      priority: new Uint8Array(n),
      team: new Uint8Array(n),
      homeTeam: new Uint8Array(n),
      customer: new Uint32Array(n),
      order: new Uint32Array(n),
      teamCounts: new Float64Array(plan.teams.length),
    };
    for (let s = 0; s < n; s++) {
      const key = keys[s]!;
      const raw = key % 2 ** 21;
      const pt = rawPt[raw]!;
      out.t0[s] = start + Math.floor(key / 2 ** 21);
      out.problemType[s] = pt;
      out.channel[s] = rawCh[raw]!;
      this.describe(out, s, pt, rng);
      const route = plan.routes[pt]!;
      const home = route.teams[rng.pick(route.weights)]!;
      const landed = plan.teams.length > 1 && rng.chance(MISROUTE_SHARE) ? (home + 1 + rng.int(plan.teams.length - 1)) % plan.teams.length : home;
      out.homeTeam[s] = home;
      out.team[s] = landed;
      out.teamCounts[landed]!++;
    }
    this.remember(d, out);
    return out;
  }

  /** Customer, subtype, product, region, order and priority of ticket s: a repeat contact copies them. */
  private describe(out: DayTickets, s: number, pt: number, rng: Rng): void {
    const prior = rng.chance(REPEAT_SHARE) ? this.pickRecent(pt, out.t0[s]!, rng) : null;
    const priorities = priorityWeights(pt);
    if (prior) {
      const [day, k] = prior;
      out.customer[s] = day.customer[k]!;
      out.subtype[s] = day.subtype[k]!;
      out.product[s] = day.product[k]!;
      out.region[s] = day.region[k]!;
      out.order[s] = day.order[k]!;
      // Coming back about the same problem makes it more pressing.
      out.priority[s] = Math.min(3, rng.pick(priorities) + (rng.chance(0.4) ? 1 : 0));
      return;
    }
    out.customer[s] = this.customers > 0 && rng.chance(RETURNING_CUSTOMER_SHARE) ? 1 + rng.int(this.customers) : ++this.customers;
    out.subtype[s] = subtypeOffset(pt) + rng.pick(subtypeWeights(pt));
    out.product[s] = rng.pick(productWeights(pt));
    out.region[s] = rng.pick(regionWeights(pt));
    out.order[s] = pt !== PT.pre_sales && rng.chance(0.9) ? 3_000_000_000 + ++this.orders * 13 + rng.int(13) : 0;
    out.priority[s] = rng.pick(priorities);
  }

  private pickRecent(pt: number, t0: number, rng: Rng): [RecentDay, number] | null {
    const days = this.recent[pt]!;
    let total = 0;
    for (const day of days) total += day.t0.length;
    if (total === 0) return null;
    let k = rng.int(total);
    for (const day of days) {
      if (k < day.t0.length) return t0 - day.t0[k]! <= REPEAT_WINDOW ? [day, k] : null;
      k -= day.t0.length;
    }
    return null;
  }

  private remember(d: number, out: DayTickets): void {
    this.recent.forEach((days, pt) => {
      const idx: number[] = [];
      for (let s = 0; s < out.n; s++) if (out.problemType[s] === pt) idx.push(s);
      const take = <T extends Float64Array | Uint32Array | Uint8Array>(col: T): T => new (col.constructor as new (xs: number[]) => T)(idx.map((s) => col[s]!));
      days.push({ day: d, t0: take(out.t0), customer: take(out.customer), subtype: take(out.subtype), product: take(out.product), region: take(out.region), order: take(out.order) });
      while (days.length > 0 && days[0]!.day < d - 7) days.shift();
    });
  }
}
