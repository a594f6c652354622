// Who applied or rolled back the dispatch rules, as the API records it ("Lin Wei (planner)": the
// token's name and the role key; "planner (open mode, no sign-in)" in open mode), with the role in
// the page's language. The API and the stored versions keep the key: the CLI and exports read it.
import { translate, type Lang } from '../i18n/translate.ts';

const ROLES = ['admin', 'manager', 'team_lead', 'planner', 'ingest'] as const;
type Role = (typeof ROLES)[number];

const isRole = (x: string | undefined): x is Role => (ROLES as readonly string[]).includes(x ?? '');

/** "Lin Wei (Planner)" / "Lin Wei (排班规划)"; any other text as it came. */
export function appliedByText(appliedBy: string, lang: Lang): string {
  const open = /^(\w+) \(open mode, no sign-in\)$/.exec(appliedBy);
  if (open && isRole(open[1])) return `${translate(lang, `role.${open[1]}`)}, ${translate(lang, 'session.open')}`;
  const named = /^(.*) \((\w+)\)$/.exec(appliedBy);
  if (named && isRole(named[2])) return `${named[1]} (${translate(lang, `role.${named[2]}`)})`;
  return appliedBy;
}
