// A queue's name in the page's language: the API sends the dispatch rules' names in both languages
// beside `name` (the rules' plain / Chinese name, what an older server sends alone).
import type { Lang } from '../i18n/translate.ts';
import type { InBothLanguages } from './planning.ts';

export function queueNameIn(q: { name: string; names?: InBothLanguages }, lang: Lang): string {
  return q.names?.[lang] ?? q.name;
}
