// An agent as screens show them: "Name (A012)" when /api/labels names the agent (dimension
// 'agent': the demo's roster, or the config's labels), else the id alone.
import type { Lang } from '../i18n/translate.ts';
import { valueLabels } from './value-labels.svelte.ts';

export function agentName(id: string, lang: Lang): string {
  const name = valueLabels.name('agent', id, lang);
  return name === id ? id : `${name} (${id})`;
}
