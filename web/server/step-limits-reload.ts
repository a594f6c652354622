// Step limits follow deskpulse.yaml inside `serve`, as the alert rules and reports do: when the file
// changes, its step_limits: replace the warehouse's (a data write through the write queue, so the
// cached metrics are dropped and the alert rules evaluated again); a file that cannot be read keeps
// the limits in force and the log says why.
import { watchConfigFile } from '../../alerts/config/watch-config.ts';
import { syncStepLimits } from '../../warehouse/calendar/sync-config.ts';
import { deskPulseConfigOf, type StepLimit } from '../../warehouse/config.ts';
import { readConfigFile } from '../../warehouse/config-file.ts';
import type { AppContext } from './app.ts';

export interface ReloadLog { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

export class StepLimitReload {
  private unwatch: (() => void) | null = null;
  /** The limits in force, as written to the warehouse (JSON): an edit elsewhere in the file writes nothing. */
  private inForce: string | null = null;

  constructor(private readonly ctx: Pick<AppContext, 'warehouse' | 'writes'>, private readonly configPath: string, private readonly log: ReloadLog) {}

  start(): void {
    // `serve` loaded these at start (openWarehouse).
    const limits = this.read();
    this.inForce = limits && JSON.stringify(limits);
    this.unwatch = watchConfigFile(this.configPath, () => void this.reload());
  }

  /** Reads the file again and writes its step limits when they changed; never throws. */
  async reload(): Promise<void> {
    let limits: StepLimit[];
    try {
      limits = deskPulseConfigOf(readConfigFile(this.configPath)).step_limits;
    } catch (err) {
      this.log.error({ stepLimits: 'reload' }, `step limits: the config was not reloaded, the limits in force stay: ${(err as Error).message}`);
      return;
    }
    const written = JSON.stringify(limits);
    if (written === this.inForce) return;
    try {
      await this.ctx.writes.run(() => this.ctx.warehouse.transaction((db) => syncStepLimits(db, limits)));
      this.inForce = written;
      this.log.info({ stepLimits: limits.length }, `step limits: ${limits.length} in force after the config changed`);
    } catch (err) {
      this.log.error({ stepLimits: 'reload' }, `step limits: the new limits were not written, the limits in force stay: ${(err as Error).message}`);
    }
  }

  stop(): void {
    this.unwatch?.();
  }

  private read(): StepLimit[] | null {
    try {
      return deskPulseConfigOf(readConfigFile(this.configPath)).step_limits;
    } catch {
      return null;
    }
  }
}
