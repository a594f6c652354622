// Alerts inside `serve`: the rules read from the config file (reloaded when it changes; a bad file
// keeps the rules in force and logs why), evaluated every minute and shortly after each data write
// (in the background: an ingest never waits for or fails by an evaluation), one evaluation at a time.
import type { Warehouse } from '../../warehouse/database.ts';
import { deskPulseConfigOf, type DeskPulseConfig } from '../../warehouse/config.ts';
import { readConfigFile } from '../../warehouse/config-file.ts';
import { alertConfigOf, type AlertConfig } from '../config/alert-config.ts';
import { watchConfigFile } from '../config/watch-config.ts';
import type { DeliveryOptions } from '../notify/deliver.ts';
import { evaluateRules, notify } from './evaluate-rules.ts';

export interface RunnerLog { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

/** Every minute by default; DESKPULSE_ALERT_INTERVAL_MS for tests. */
const intervalMs = () => Number(process.env.DESKPULSE_ALERT_INTERVAL_MS ?? 60_000);
const AFTER_WRITE_MS = 1000;

export class AlertRunner {
  private rules: { alerts: AlertConfig; config: DeskPulseConfig } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  /** When the every-minute timer last started or ticked. */
  private lastTick: number | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly warehouse: Warehouse, private readonly configPath: string, private readonly log: RunnerLog,
    private readonly delivery: DeliveryOptions = {}) {}

  /** The rules in force (null before the first good read). */
  current(): AlertConfig | null {
    return this.rules?.alerts ?? null;
  }

  start(): void {
    this.reload();
    this.unwatch = watchConfigFile(this.configPath, () => this.reload());
    this.lastTick = Date.now();
    this.timer = setInterval(() => { this.lastTick = Date.now(); this.schedule(0); }, intervalMs());
    this.schedule(0);
  }

  /** When the every-minute evaluation runs next (a data write may bring one sooner); null when not running. */
  nextRunAt(): Date | null {
    return this.lastTick === null || this.stopped ? null : new Date(this.lastTick + intervalMs());
  }

  reload(): void {
    try {
      // One read of the file for both, so the rules and the config they use are of the same version.
      const read = readConfigFile(this.configPath);
      const alerts = alertConfigOf(read);
      this.rules = { alerts, config: deskPulseConfigOf(read) };
      this.log.info({ alerts: alerts.rules.map((r) => r.id) }, `alerts: ${alerts.rules.length} rules in force`);
      this.schedule(0);
    } catch (err) {
      this.log.error({ alerts: 'reload' }, `alerts: the config was not reloaded, the ${this.rules?.alerts.rules.length ?? 0} rules in force stay: ${(err as Error).message}`);
    }
  }

  /** Evaluates after `delayMs` (a burst of writes gives one evaluation). */
  schedule(delayMs = AFTER_WRITE_MS): void {
    if (this.stopped) return;
    if (this.soon) clearTimeout(this.soon);
    this.soon = setTimeout(() => { this.soon = null; void this.evaluate(); }, delayMs);
  }

  /** One evaluation now (or, when one runs, one more right after it). */
  async evaluate(now = new Date()): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const rules = this.rules;
    if (!rules || rules.alerts.rules.length === 0 || this.stopped) return;
    this.running = (async () => {
      try {
        const result = await evaluateRules(this.warehouse, rules.alerts, rules.config, now);
        for (const e of result.errors) this.log.error({ rule: e.rule }, `alerts: rule ${e.rule} could not be evaluated: ${e.error}`);
        if (result.notifications.length > 0) {
          this.log.info({ alerts: result.notifications.map((n) => n.alert.alert_id) }, `alerts: ${result.notifications.length} to send`);
          await notify(this.warehouse, rules.alerts, result.notifications, this.delivery);
        }
      } catch (err) {
        this.log.error({ alerts: 'evaluate' }, `alerts: evaluation failed: ${(err as Error).message}`);
      } finally {
        this.running = null;
      }
    })();
    await this.running;
    if (this.again && !this.stopped) {
      this.again = false;
      this.schedule(0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of [this.timer, this.soon]) if (t) clearTimeout(t);
    this.unwatch?.();
    await this.running;
  }
}
