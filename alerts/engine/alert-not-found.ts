// The one wording of "no such alert", for the API and the routing proposal alike.
import type { Label } from '../../warehouse/metrics/table.ts';

/** Said of an alert that does not exist and of one the caller may not see alike: nothing tells them apart. */
export const alertNotFound = (id: string): Label => ({
  en: `no alert "${id}" that you may see; GET /api/alerts or \`deskpulse alerts list\` lists them`,
  zh: `没有告警 "${id}"（或您无权查看）`,
});
