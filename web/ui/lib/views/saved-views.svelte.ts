// The signed-in user's saved views (/api/views). Every dashboard role has its own views, so the
// list needs no role to be asked: the root layout's load asks it ahead, beside who is signed in (it
// waited for /api/me, as the header's Views menu is drawn only then). The menu reads and refreshes it.
import { apiGet, currentSession } from '../api/api-client.ts';

export interface SavedView { id: string; name: string; path: string; search: string; isDefault: boolean; own: boolean }

class SavedViews {
  list = $state.raw<SavedView[]>([]);
  #ahead: { session: number; views: Promise<SavedView[]> } | null = null;

  /** Asks for the list before the menu is drawn (at most one such request waits; a refusal is dropped). */
  askAhead(): void {
    if (this.#ahead) return;
    const ahead = { session: currentSession(), views: this.refresh() };
    this.#ahead = ahead;
    ahead.views.catch(() => { if (this.#ahead === ahead) this.#ahead = null; });
  }

  /**
   * The list for a menu just drawn: the one asked ahead in this session, used once (a menu drawn after
   * another sign-in asks anew, as does one whose list was asked before the sign-in: it is refused).
   */
  take(): Promise<SavedView[]> {
    const ahead = this.#ahead;
    this.#ahead = null;
    return ahead?.session === currentSession() ? ahead.views : this.refresh();
  }

  async refresh(): Promise<SavedView[]> {
    const { views } = await apiGet<{ views: SavedView[] }>('/api/views');
    this.list = views;
    return views;
  }
}

export const savedViews = new SavedViews();
