// The views the dashboards open with (last 28 days, no filter, every team) asked through the real
// routes into the result cache: at start-up, once writes have settled, and after each local
// midnight (when "the last 28 days" moves), so the morning's first visit finds them computed; the
// default Overview also at the start of every minute (its censored counts are the minute's).
// Team-lead scopes and other filters are computed when first asked. The in-process requests carry
// a per-process random secret instead of a token; it never leaves this process.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { FILTER_DIMENSIONS } from '../ui/lib/filters/url-filter.ts';
import { previousPeriod } from '../../warehouse/metrics/filter.ts';
import { toMetricFilter, type Principal } from './metric-query.ts';
import { CENSORING_SLOT_MS } from './routes/overview.ts';

const HEADER = 'x-deskpulse-warm';

/** As the pages ask them (web/ui/routes, the filter bar's pickers), with their default options. */
export const DEFAULT_VIEWS: readonly string[] = [
  '/api/overview', '/api/timeseries?grain=day', '/api/annotations', ...FILTER_DIMENSIONS.map((d) => `/api/breakdown?by=${d}`),
  '/api/agents', '/api/problems', '/api/problems/subtypes', '/api/problems/trend?grain=week', '/api/problems/heatmap?by=region',
  '/api/satisfaction', '/api/satisfaction/trend?grain=day', '/api/satisfaction/by?by=team', '/api/satisfaction/low-ratings?page=1&page_size=20',
  '/api/labels',
];

/** Who the warming requests are: a manager's view, which admins and planners share. */
export const WARM_PRINCIPAL: Principal = { role: 'manager', teams: null, tokenId: null };

/** The series of the period the default view compares with, which the Overview draws dashed under its trends. */
export function comparedSeriesView(timezone: string): string {
  const compared = previousPeriod(toMetricFilter({}, WARM_PRINCIPAL, timezone));
  return `/api/timeseries?grain=day&from=${compared.from}&to=${compared.to}`;
}

export class ViewWarmer {
  private readonly secret = randomBytes(32).toString('hex');
  private timer: NodeJS.Timeout | null = null;
  private midnight: NodeJS.Timeout | null = null;
  private minutely: NodeJS.Timeout | null = null;
  private app: FastifyInstance | null = null;

  /**
   * `writing`: whether a data write runs. Its end schedules the warming again, so none starts or goes
   * on meanwhile: a stream of ingest batches slower than `settleMs` each had the views computed during
   * every batch, for reads its end made stale (about as much CPU again as the batches took).
   */
  constructor(private readonly timezone: string, private readonly settleMs = 5_000, private readonly writing: () => boolean = () => false) {}

  /** Whether `request` is one of this warmer's own. */
  owns(request: FastifyRequest): boolean {
    const presented = request.headers[HEADER];
    return typeof presented === 'string' && presented.length === this.secret.length
      && timingSafeEqual(Buffer.from(presented), Buffer.from(this.secret));
  }

  start(app: FastifyInstance): void {
    this.app = app;
    this.schedule(0);
    this.atMidnight();
    this.everyMinute();
  }

  /** Warms `delayMs` from now, or later if called again first (writes come in bursts). */
  schedule(delayMs = this.settleMs): void {
    if (!this.app) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.writing()) return;
      this.warm().catch((err: unknown) => this.app?.log.warn({ err }, 'warming the default views stopped'));
    }, delayMs);
    this.timer.unref();
  }

  /** Asks every default view once, one after the other, so the dashboards' own requests still get a core. */
  async warm(): Promise<void> {
    const started = performance.now();
    for (const url of [...DEFAULT_VIEWS, comparedSeriesView(this.timezone)]) {
      if (!this.app || this.writing()) return;
      const reply = await this.app.inject({ url, headers: { [HEADER]: this.secret } });
      if (reply.statusCode !== 200) this.app.log.warn({ url, status: reply.statusCode }, 'warming a default view failed');
    }
    this.app?.log.info({ views: DEFAULT_VIEWS.length + 1, ms: Math.round(performance.now() - started) }, 'default dashboard views computed');
  }

  stop(): void {
    this.app = null;
    for (const timer of [this.timer, this.midnight, this.minutely]) if (timer) clearTimeout(timer);
  }

  /**
   * The default Overview again at the start of every minute: its censored counts are kept within their
   * minute only (routes/overview.ts), and its KPIs for 5 minutes, so a visit finds both computed. About
   * 0.2 s of a core a minute on the 10M-event warehouse (the KPIs' second once in 5 minutes).
   */
  private everyMinute(): void {
    this.minutely = setTimeout(() => {
      this.app?.inject({ url: '/api/overview', headers: { [HEADER]: this.secret } })
        .catch((err: unknown) => this.app?.log.warn({ err }, 'keeping the default overview computed failed'))
        .finally(() => { if (this.app) this.everyMinute(); });
    }, CENSORING_SLOT_MS - (Date.now() % CENSORING_SLOT_MS));
    this.minutely.unref();
  }

  private atMidnight(): void {
    const now = DateTime.now().setZone(this.timezone);
    const wait = now.plus({ days: 1 }).startOf('day').diff(now).as('milliseconds') + 1_000;
    this.midnight = setTimeout(() => { this.schedule(0); this.atMidnight(); }, wait);
    this.midnight.unref();
  }
}
