// What the zh walk counts as English left in a Chinese screen: runs of two or more Latin letters,
// except the short allow-list below and identifiers (a ticket's or agent's id, a hash), which are
// data a Chinese reader sees as such, not words.

/**
 * Names a Chinese user reads as they are: the product's name, file formats on download links,
 * SLA (the trade's own word in Chinese service desks, and 服务水平 already names the Erlang
 * service level, a different figure), the authors' names the forecasting methods go by in Chinese
 * too (Erlang C / A, Holt-Winters), and the backtest's error measures MASE and WAPE (no Chinese short
 * name; the page says what they mean).
 * Metric abbreviations with a Chinese name (CSAT, AHT, FRT) are NOT here: a zh reader sees
 * 满意度, 平均处理时长, 首次响应时长.
 */
export const ALLOWED_LATIN = new Set(['DeskPulse', 'CSV', 'Excel', 'PDF', 'SLA', 'Erlang', 'Holt', 'Winters', 'MASE', 'WAPE']);

/** An id or a hash: letters then digits (T000123, A012), hex of 8 or more, a UUID. Single letters (p90, a unit) never count as words. */
const IDENTIFIER = /^(?:[A-Z]{1,2}\d{2,}(?:-\d+)?|[0-9a-f]{8,}|[0-9a-f]{8}-[0-9a-f-]{27})$/;

export function latinWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/[^A-Za-z0-9_-]+/)) {
    if (!/[A-Za-z]{2,}/.test(token) || IDENTIFIER.test(token)) continue;
    for (const part of token.split(/[_-]+/)) if (/[A-Za-z]{2,}/.test(part) && !ALLOWED_LATIN.has(part) && !IDENTIFIER.test(part)) words.push(part);
  }
  return words;
}
