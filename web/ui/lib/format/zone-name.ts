// A time zone as a reader names it: the IANA id in English (Asia/Shanghai, what configs say), and
// the zone's own Chinese name in Chinese (中国标准时间), from the browser's Intl data.
import type { Lang } from '../i18n/translate.ts';

export function zoneName(zone: string, lang: Lang): string {
  if (lang === 'en') return zone;
  try {
    const parts = new Intl.DateTimeFormat('zh-CN', { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone; // a zone this browser does not know: its id, not nothing
  }
}
