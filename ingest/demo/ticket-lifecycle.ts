// The life of one demo ticket as events: created, auto-reply, assignment, replies in open hours,
// waits for the customer, holds, transfers, escalations, resolution, reopens, closing, rating.
import { ACTORS, EVENT_TYPES, STATUSES } from '../../warehouse/event-model.ts';
import { CH, LIVE_CHANNELS, PT, subtypeOffset, subtypeWeights } from './demand-model.ts';
import type { DemoPlan } from './demo-plan.ts';
import { F, type EventColumns } from './event-columns.ts';
import { COMMENT_RANGES, commentCode } from './rating-comments.ts';
import { mixSeed, Rng } from './rng.ts';

const TYPE = Object.fromEntries(EVENT_TYPES.map((t, i) => [t, i])) as Record<(typeof EVENT_TYPES)[number], number>;
const ACTOR = Object.fromEntries(ACTORS.map((a, i) => [a, i + 1])) as Record<(typeof ACTORS)[number], number>;
const STATUS = Object.fromEntries(STATUSES.map((s, i) => [s, i + 1])) as Record<(typeof STATUSES)[number], number>;
const NONE = -1;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

// Per problem type (return_exchange, logistics, product_quality, installation, pre_sales, complaint, invoice):
/** Solved during the first call or chat. */
const LIVE_FIRST_CONTACT_RESOLUTION = [0.55, 0.72, 0.3, 0.35, 0.8, 0.2, 0.65];
/** Solved with the first written answer. */
const ASYNC_FIRST_REPLY_RESOLUTION = [0.45, 0.6, 0.2, 0.3, 0.72, 0.15, 0.62];
/** Waits on something outside the team: goods back in the warehouse, a technician visit, a carrier. */
const ON_HOLD_SHARE = [0.2, 0.1, 0.3, 0.4, 0.02, 0.12, 0.08];
const ON_HOLD_MEDIAN_HOURS = [60, 30, 80, 60, 12, 48, 24];
const REOPEN_SHARE = [0.06, 0.05, 0.14, 0.12, 0.03, 0.1, 0.04];
const RELATED_TRANSFER_SHARE = [0.05, 0.06, 0.07, 0.06, 0.04, 0.05, 0.04];
const ESCALATION_SHARE = [0.02, 0.015, 0.04, 0.03, 0.005, 0.3, 0.01];
const HANDLE_FACTOR = [1, 0.9, 1.2, 1.2, 0.8, 1.5, 0.8];
/** Per channel (phone, chat, web, app, wechat, email). */
const ASYNC_FIRST_REPLY_MEDIAN = [0, 0, 90 * MINUTE, 50 * MINUTE, 20 * MINUTE, 150 * MINUTE];
const SURVEY_RESPONSE = [0.3, 0.45, 0.3, 0.38, 0.4, 0.22];
/** Per priority (low, normal, high, urgent): how much sooner agents get to it. */
const PRIORITY_DELAY = [1.8, 1, 0.5, 0.25];
/** Agents answering outside open hours now and then. */
const OVERTIME_SHARE = 0.04;
/** Tickets stuck for weeks waiting on a vendor: the old tail of the backlog. */
const STUCK_SHARE = 0.015;
const NO_CUSTOMER_REPLY_SHARE = 0.12;
/** What the longer survey form rates beside the overall rating (the rating_dimension dictionary, in code order). */
export const RATING_DIMENSIONS = ['speed', 'quality', 'attitude'] as const;
/** Survey answers that also fill in the longer form. */
const DIMENSION_SURVEY_SHARE = 0.55;
/** Stream number of the dimension survey's draws (generate-demo.ts uses 1 and 2 per day). */
const DIMENSION_STREAM = 3;

/** The arrival facts of one ticket, as ArrivalSampler produced them. */
export interface TicketSeed {
  day: number;
  serial: number;
  t0: number;
  problemType: number;
  channel: number;
  subtype: number;
  product: number;
  region: number;
  priority: number;
  team: number;
  homeTeam: number;
  customer: number;
  order: number;
}

export class TicketSimulator {
  private out!: EventColumns;
  private rng!: Rng;
  private load!: Float64Array;
  private tk!: TicketSeed;
  private seq = 0;
  private t = 0;
  private team = 0;
  private agent = NONE;
  private priority = 0;
  private firstReplyAt = 0;
  private resolvedAt = 0;
  private transfers = 0;
  private reopens = 0;
  private escalated = false;

  constructor(private readonly plan: DemoPlan) {}

  /** Appends the ticket's events, in time order, to `out`; `load` is each team's load that day. */
  run(tk: TicketSeed, rng: Rng, load: Float64Array, out: EventColumns): void {
    this.out = out;
    this.rng = rng;
    this.load = load;
    this.tk = tk;
    this.seq = 0;
    this.t = tk.t0 - 1;
    this.team = tk.team;
    this.agent = NONE;
    this.priority = tk.priority;
    this.firstReplyAt = 0;
    this.resolvedAt = 0;
    this.transfers = 0;
    this.reopens = 0;
    this.escalated = false;

    const created = this.emit(TYPE.created, tk.t0, ACTOR.customer, NONE, STATUS.new, NONE);
    const rows = out.rows;
    rows[created + F.channel] = tk.channel + 1;
    rows[created + F.problem_type] = tk.problemType + 1;
    rows[created + F.subtype] = tk.subtype + 1;
    rows[created + F.product] = tk.product + 1;
    rows[created + F.region] = tk.region + 1;
    rows[created + F.priority] = tk.priority + 1;
    rows[created + F.customer] = tk.customer;
    rows[created + F.order_no] = tk.order;

    const live = LIVE_CHANNELS.has(tk.channel);
    const solvedAtOnce = live ? this.liveContact() : this.firstWrittenReply();
    if (tk.team !== tk.homeTeam) this.transfer(tk.homeTeam, live ? 2 * MINUTE : 30 * MINUTE);
    if (rng.chance(0.03)) this.reclassify();
    if (!solvedAtOnce || tk.team !== tk.homeTeam) this.followUp();
    this.resolve();
    this.afterResolution();
  }

  /**
   * Appends one event at `at` (kept after the previous one) with the current team; returns the
   * row's offset in out.rows for the fields only some events carry.
   */
  private emit(type: number, at: number, actor: number, agent: number, status: number, handle: number): number {
    // Ids and the file writer label sequence numbers with two digits; a ticket has at most ~50 events.
    if (this.seq >= 99) throw new Error(`demo ticket ${this.tk.day}/${this.tk.serial}: more than 99 events; the lifecycle loops are unbounded`);
    const time = Math.max(Math.round(at), this.t + 1);
    this.t = time;
    const row = this.out.add();
    const rows = this.out.rows;
    rows[row + F.ticket_day] = this.tk.day;
    rows[row + F.ticket_serial] = this.tk.serial;
    rows[row + F.seq] = ++this.seq;
    rows[row + F.type] = type;
    rows[row + F.at] = time;
    rows[row + F.actor] = actor;
    rows[row + F.agent] = agent + 1;
    rows[row + F.team] = this.team + 1;
    rows[row + F.status] = status > 0 ? status : 0;
    rows[row + F.handle] = handle < 0 ? -1 : Math.round(handle);
    return row;
  }

  private clock() {
    return this.plan.teamClocks[this.team]!;
  }

  private agentSpeed(): number {
    return this.agent === NONE ? 1 : this.plan.roster[this.agent]!.speed;
  }

  /** When an agent gets to something that takes `seconds` of open time from `from`. */
  private agentTime(from: number, seconds: number): number {
    if (this.rng.chance(OVERTIME_SHARE)) return from + seconds * 0.5;
    return this.clock().addBusiness(from, seconds);
  }

  /** Delay factor of the current team today: queues grow faster than the load. */
  private busy(power: number): number {
    return Math.min(8, Math.max(0.5, this.load[this.team]!) ** power);
  }

  private pickAgent(team: number): number {
    const pool = this.plan.agentPools[team]!;
    return pool.agents[this.rng.pick(pool.weights)]!;
  }

  private assign(at: number, team: number): void {
    this.team = team;
    this.agent = this.pickAgent(team);
    this.emit(TYPE.assigned, at, ACTOR.system, this.agent, NONE, NONE);
  }

  private agentReply(at: number, handle: number): void {
    this.emit(TYPE.replied, at, ACTOR.agent, this.agent, NONE, handle);
    if (this.firstReplyAt === 0) this.firstReplyAt = this.t;
  }

  private handle(median: number): number {
    return this.rng.logNormal(median * this.agentSpeed() * HANDLE_FACTOR[this.tk.problemType]!, 0.4);
  }

  /** Phone or chat: queue, answer, talk. True when solved in that contact. */
  private liveContact(): boolean {
    const rng = this.rng;
    const tk = this.tk;
    const open = this.clock().nextOpen(tk.t0);
    // Outside open hours the customer leaves a message and is called back after opening.
    const start = open > tk.t0 ? open + rng.logNormal(15 * MINUTE, 0.8) * this.busy(1) : tk.t0;
    const wait = Math.min(30 * MINUTE, rng.logNormal(tk.channel === CH.phone ? 40 : 25, 0.8) * this.busy(1.3));
    this.assign(start + wait, this.team);
    const talk = this.handle(tk.channel === CH.phone ? 330 : 540);
    this.agentReply(this.t + rng.uniform(3, 20), talk);
    this.t += Math.round(talk);
    return rng.chance(LIVE_FIRST_CONTACT_RESOLUTION[tk.problemType]!);
  }

  /** Web, app, WeChat, e-mail: auto-reply, dispatch, first written answer. True when that solved it. */
  private firstWrittenReply(): boolean {
    const rng = this.rng;
    const tk = this.tk;
    this.emit(TYPE.replied, tk.t0 + rng.uniform(2, 15), ACTOR.system, NONE, NONE, NONE);
    this.assign(this.clock().addBusiness(this.t, rng.logNormal(10 * MINUTE, 0.7) * this.busy(1)), this.team);
    if (tk.team !== tk.homeTeam) return false;
    this.writtenReply(ASYNC_FIRST_REPLY_MEDIAN[tk.channel]!, 0.9);
    return rng.chance(ASYNC_FIRST_REPLY_RESOLUTION[tk.problemType]!);
  }

  /** An agent's written answer after a median `median` of open time (priority, speed and load apply). */
  private writtenReply(median: number, sigma: number): void {
    const delay = this.rng.logNormal(median * PRIORITY_DELAY[this.priority]! * this.agentSpeed() * this.busy(0.8), sigma);
    this.agentReply(this.agentTime(this.t, delay), this.handle(240));
  }

  private transfer(team: number, median: number): void {
    const at = this.agentTime(this.t, this.rng.logNormal(median, 0.7));
    const from = this.agent;
    this.team = team;
    this.agent = this.pickAgent(team);
    this.transfers++;
    this.emit(TYPE.transferred, at, ACTOR.agent, this.agent, NONE, from === NONE ? NONE : this.rng.uniform(30, 180));
    this.writtenReply(this.tk.channel === CH.wechat ? 30 * MINUTE : 90 * MINUTE, 0.8);
  }

  /** The agent files the ticket under a better subtype. */
  private reclassify(): void {
    const pt = this.tk.problemType;
    const i = this.emit(TYPE.updated, this.t + this.rng.uniform(30, 600), ACTOR.agent, this.agent, NONE, this.rng.uniform(10, 60));
    this.out.rows[i + F.subtype] = subtypeOffset(pt) + this.rng.pick(subtypeWeights(pt)) + 1;
  }

  /** Everything between the first contact and the solution. */
  private followUp(): void {
    const rng = this.rng;
    const pt = this.tk.problemType;
    if (rng.chance(RELATED_TRANSFER_SHARE[pt]!)) this.transfer(this.plan.relatedTeam[pt]!, HOUR);
    const escalation = pt === PT.complaint && this.team === this.plan.escalationTeam ? 0.05 : ESCALATION_SHARE[pt]!;
    if (rng.chance(escalation * (this.priority >= 2 ? 1.5 : 1))) this.escalate();
    let held = false;
    for (let round = 0; round < 4; round++) {
      if (!held && rng.chance(ON_HOLD_SHARE[pt]!)) {
        held = true;
        this.hold();
      } else if (rng.chance(0.4)) {
        if (!this.askCustomer()) return;
      } else {
        if (rng.chance(0.3)) this.emit(TYPE.commented, this.agentTime(this.t, rng.logNormal(20 * MINUTE, 0.8)), ACTOR.agent, this.agent, NONE, rng.logNormal(150, 0.5));
        this.writtenReply(2 * HOUR, 0.8);
      }
      if (!rng.chance(0.2)) return;
    }
  }

  private escalate(): void {
    const rng = this.rng;
    const target = this.plan.escalationTeam >= 0 && rng.chance(0.85) ? this.plan.escalationTeam : this.team;
    const at = this.agentTime(this.t, rng.logNormal(HOUR, 0.8));
    const moves = target !== this.team;
    this.escalated = true;
    if (moves) this.transfers++;
    const from = this.agent;
    this.team = target;
    this.emit(TYPE.escalated, at, ACTOR.agent, from, NONE, rng.logNormal(180, 0.5));
    if (this.priority < 2) {
      this.priority = rng.chance(0.3) ? 3 : 2;
      const i = this.emit(TYPE.updated, this.t + rng.uniform(5, 120), ACTOR.agent, from, NONE, NONE);
      this.out.rows[i + F.priority] = this.priority + 1;
    }
    if (moves) this.assign(this.clock().addBusiness(this.t, rng.logNormal(10 * MINUTE, 0.7)), target);
    this.writtenReply(40 * MINUTE, 0.8);
  }

  /** Ask the customer for something; false when the customer never answers. */
  private askCustomer(): boolean {
    const rng = this.rng;
    const live = LIVE_CHANNELS.has(this.tk.channel);
    this.emit(TYPE.status_changed, this.t + rng.uniform(5, 60), ACTOR.agent, this.agent, STATUS.pending, NONE);
    if (rng.chance(NO_CUSTOMER_REPLY_SHARE)) {
      this.t += 3 * DAY;
      return false;
    }
    const answer = this.plan.customerClock.nextOpen(this.t + rng.logNormal(live ? 20 * MINUTE : 3 * HOUR, 1));
    this.emit(TYPE.replied, answer, ACTOR.customer, NONE, NONE, NONE);
    this.emit(TYPE.status_changed, this.t + rng.uniform(1, 5), ACTOR.system, NONE, STATUS.open, NONE);
    this.writtenReply(45 * MINUTE, 0.9);
    return true;
  }

  private hold(): void {
    const rng = this.rng;
    this.emit(TYPE.status_changed, this.t + rng.uniform(10, 300), ACTOR.agent, this.agent, STATUS.on_hold, NONE);
    const wait = rng.chance(STUCK_SHARE) ? rng.uniform(10, 45) * DAY : rng.logNormal(ON_HOLD_MEDIAN_HOURS[this.tk.problemType]! * HOUR, 0.6);
    this.emit(TYPE.status_changed, this.t + wait, ACTOR.system, NONE, STATUS.open, NONE);
    this.writtenReply(30 * MINUTE, 0.8);
  }

  private resolve(): void {
    const at = this.t + this.rng.uniform(20, 600);
    this.emit(TYPE.resolved, at, ACTOR.agent, this.agent, NONE, this.rng.logNormal(60, 0.5));
    this.resolvedAt = this.t;
  }

  /** Reopens (at most two) before the system closes the ticket, then the survey answer. */
  private afterResolution(): void {
    const rng = this.rng;
    const closeAfter = rng.uniform(3, 7) * DAY;
    const quality = this.agent === NONE ? 0.6 : this.plan.roster[this.agent]!.quality;
    let reopenChance = REOPEN_SHARE[this.tk.problemType]! * (1.6 - quality) * (1 + 0.3 * this.transfers);
    while (this.reopens < 2 && rng.chance(reopenChance)) {
      this.reopens++;
      reopenChance *= 0.3;
      const at = this.resolvedAt + Math.min(closeAfter * 0.9, rng.logNormal(1.2 * DAY, 0.8));
      this.emit(TYPE.reopened, at, ACTOR.customer, NONE, NONE, NONE);
      if (rng.chance(0.3)) this.assign(this.clock().addBusiness(this.t, rng.logNormal(15 * MINUTE, 0.7)), this.team);
      this.writtenReply(90 * MINUTE, 0.8);
      if (rng.chance(0.3)) this.askCustomer();
      this.resolve();
    }
    const closeAt = this.resolvedAt + closeAfter;
    const rates = rng.chance(SURVEY_RESPONSE[this.tk.channel]!);
    const rateAt = this.resolvedAt + (this.tk.channel === CH.chat ? rng.uniform(20, 300) : rng.logNormal(3 * HOUR, 1.2));
    if (rates && rateAt < closeAt) this.rate(rateAt, quality);
    this.emit(TYPE.closed, closeAt, ACTOR.system, NONE, NONE, NONE);
    if (rates && rateAt >= closeAt) this.rate(rateAt, quality);
  }

  /** CSAT 1..5: worse with long resolution, late first reply, transfers, reopens, escalation. */
  private rate(at: number, quality: number): void {
    const rng = this.rng;
    const tk = this.tk;
    const resolutionHours = (this.resolvedAt - tk.t0) / HOUR;
    const firstReplyHours = this.firstReplyAt > 0 ? (this.firstReplyAt - tk.t0) / HOUR : 0;
    const score = 5.05 + (quality - 0.6)
      - 0.42 * Math.log2(1 + resolutionHours / 6)
      - (firstReplyHours > 8 ? 0.3 : 0)
      - 0.45 * this.transfers - 0.8 * this.reopens - (this.escalated ? 0.35 : 0)
      - (tk.problemType === PT.complaint ? 0.5 : 0)
      + 0.75 * rng.normal();
    const rating = Math.min(5, Math.max(1, Math.round(score)));
    const i = this.emit(TYPE.rated, at, ACTOR.customer, NONE, NONE, NONE);
    const rows = this.out.rows;
    rows[i + F.rating] = rating;
    const range = rating <= 2 ? (rng.chance(0.7) ? COMMENT_RANGES.negative : null)
      : rating === 3 ? (rng.chance(0.35) ? COMMENT_RANGES.neutral : null)
      : rng.chance(rating === 5 ? 0.15 : 0.08) ? COMMENT_RANGES.positive : null;
    if (range) rows[i + F.comment] = commentCode(range, tk.problemType, tk.product, rng);
    this.rateDimensions(at, quality, firstReplyHours, resolutionHours);
  }

  /**
   * The longer survey form: speed, quality and attitude, each after the ticket's experience (a late
   * first reply or a long resolution lowers speed, reopens and transfers lower quality, attitude stays
   * mostly high). Drawn from the ticket's own stream, so every other draw of the demo stays as it was.
   */
  private rateDimensions(at: number, agentQuality: number, firstReplyHours: number, resolutionHours: number): void {
    const rng = new Rng(mixSeed(this.plan.options.seed, this.tk.day, this.tk.serial, DIMENSION_STREAM));
    if (!rng.chance(DIMENSION_SURVEY_SHARE)) return;
    const complaint = this.tk.problemType === PT.complaint;
    const scores = [
      4.9 - 0.6 * Math.log2(1 + firstReplyHours / 2) - 0.3 * Math.log2(1 + resolutionHours / 24) + 0.7 * rng.normal(),
      4.55 + 1.2 * (agentQuality - 0.6) - 1.1 * this.reopens - 0.3 * this.transfers - (complaint ? 0.4 : 0) + 0.7 * rng.normal(),
      4.55 + 0.8 * (agentQuality - 0.6) - (this.escalated ? 0.3 : 0) - (complaint ? 0.3 : 0) + 0.6 * rng.normal(),
    ];
    scores.forEach((score, d) => {
      const i = this.emit(TYPE.rated, at + d + 1, ACTOR.customer, NONE, NONE, NONE);
      this.out.rows[i + F.rating] = Math.min(5, Math.max(1, Math.round(score)));
      this.out.rows[i + F.rating_dimension] = d + 1;
    });
  }
}
