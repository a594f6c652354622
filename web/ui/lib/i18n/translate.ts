// Looks up a text in the chosen language and fills its {placeholders}; pure, so it is testable
// and usable from both components and chart-spec builders.
import { en, type MessageKey } from './en.ts';
import { zh } from './zh.ts';

export type Lang = 'en' | 'zh';
export type { MessageKey };
export type Vars = Record<string, string | number>;

const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, zh };

export function translate(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A label the API sent in both languages ({en, zh}), in the chosen one. */
export function pick(label: { en: string; zh: string }, lang: Lang): string {
  return label[lang] || label.en;
}

/** The language to start with: the saved choice, else the browser's. */
export function initialLang(saved: string | null, browser: string | undefined): Lang {
  if (saved === 'en' || saved === 'zh') return saved;
  return browser?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
