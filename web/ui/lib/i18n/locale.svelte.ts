// The chosen language as shared reactive state: components read locale.lang / locale.t(...),
// the header switches it, and the choice is kept in localStorage.
import { initialLang, translate, type Lang, type MessageKey, type Vars } from './translate.ts';

const STORAGE_KEY = 'deskpulse.lang';

class Locale {
  lang = $state<Lang>(initialLang(
    typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY),
    typeof navigator === 'undefined' ? undefined : navigator.language,
  ));

  t = (key: MessageKey, vars?: Vars): string => translate(this.lang, key, vars);

  set(lang: Lang): void {
    this.lang = lang;
    localStorage.setItem(STORAGE_KEY, lang);
  }
}

export const locale = new Locale();
