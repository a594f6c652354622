// The language of an export's headers and notes: `?lang=` when given, else the first of Chinese or
// English the browser's Accept-Language prefers (by q), else English.
import type { FastifyRequest } from 'fastify';
import type { Lang } from './table-to-csv.ts';

export function acceptedLang(header: string | undefined): Lang | null {
  const ranked = (header ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    return { primary: tag.split('-')[0], q: q === undefined ? 1 : Number(q), i };
  }).filter((t) => t.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranked.find((t) => t.primary === 'zh' || t.primary === 'en');
  return (first?.primary as Lang | undefined) ?? null;
}

export function exportLang(request: FastifyRequest): Lang {
  const asked = (request.query as { lang?: string } | undefined)?.lang;
  if (asked === 'zh' || asked === 'en') return asked;
  return acceptedLang(request.headers['accept-language']) ?? 'en';
}
