// Names of dimension values (/api/labels: teams, problem types, channels, ... in both languages),
// loaded once per session (asked again after a sign-in); ids without a name show as themselves.
import { apiGet, currentSession } from './api-client.ts';
import { namedTable } from './named-table.ts';
import type { MetricTable } from './types.ts';
import type { Lang } from '../i18n/translate.ts';
import { slaTerm } from '../i18n/ticket-terms.ts';

type Names = Record<string, Record<string, { en: string | null; zh: string | null }>>;

class ValueLabels {
  names = $state.raw<Names>({});
  #loading: { session: number; names: Promise<void> } | null = null;
  #ids: { names: Names; ids: Map<string, string> } | null = null;

  load(): Promise<void> {
    // Without names the ids still read; a failure is retried on the next load, as is a request of an
    // earlier session (refused before a sign-in, its answer maybe still to come).
    if (this.#loading?.session === currentSession()) return this.#loading.names;
    const loading = {
      session: currentSession(),
      names: apiGet<{ labels: Names }>('/api/labels').then(
        (body) => { if (this.#loading === loading) this.names = body.labels; },
        () => { if (this.#loading === loading) this.#loading = null; },
      ),
    };
    this.#loading = loading;
    return loading.names;
  }

  /** The name of `value` of `dimension` in `lang` (else in the other language, else the id). */
  name(dimension: string, value: string, lang: Lang): string {
    const term = slaTerm(dimension, value, lang);
    if (term !== null) return term;
    const names = this.names[dimension]?.[value];
    return (lang === 'zh' ? names?.zh ?? names?.en : names?.en ?? names?.zh) ?? value;
  }

  /**
   * The id a shown name stands for, in either language (the name itself when no dimension has it):
   * what chart colours are keyed by, so a team keeps its colour in zh and en.
   */
  idOf(name: string): string {
    if (this.#ids?.names !== this.names) {
      const ids = new Map<string, string>();
      for (const [dimension, values] of Object.entries(this.names)) {
        for (const [id, { en, zh }] of Object.entries(values)) for (const n of [en, zh]) if (n) ids.set(n, `${dimension}:${id}`);
      }
      this.#ids = { names: this.names, ids };
    }
    return this.#ids.ids.get(name) ?? name;
  }
  /** `table` with its dimension ids (and a `value` column of `valueDimension`) named in `lang`. */
  named(table: MetricTable, lang: Lang, valueDimension?: string): MetricTable {
    return namedTable(table, (dimension, value) => this.name(dimension, value, lang), valueDimension);
  }
}

export const valueLabels = new ValueLabels();
