// The one wording of "no such alert", for the API and the routing proposal alike; and of "resolved
// already", for acknowledging one from the API and the CLI alike.
import type { Label } from '../../warehouse/metrics/table.ts';

/** Said of an alert that does not exist and of one the caller may not see alike: nothing tells them apart. */
export const alertNotFound = (id: string): Label => ({
  en: `no alert "${id}" that you may see; GET /api/alerts or \`deskpulse alerts list\` lists them`,
  zh: `没有告警 "${id}"（或您无权查看）`,
});

/** Acknowledging an alert that is resolved (perhaps by the scheduler since it was shown). */
export const alertResolved = (id: string): Label => ({ en: `alert "${id}" is resolved already; nothing to acknowledge`, zh: `告警 "${id}" 已恢复，无需确认` });
