// Who is signed in (/api/me: role, teams, open mode), loaded once by the layout and shown in the
// header; the API enforces what each role sees, this is only for display.
import { apiDelete, apiGet, apiPost, sessionChanged } from './api-client.ts';
import type { Me } from './types.ts';

class Session {
  me = $state.raw<Me | null>(null);
  #loading: Promise<void> | null = null;

  /** One /api/me at a time: the layout asks it before its first render and again from its effect. */
  load(): Promise<void> {
    this.#loading ??= apiGet<Me>('/api/me').then((me) => { this.me = me; }).finally(() => { this.#loading = null; });
    return this.#loading;
  }

  async signIn(token: string): Promise<void> {
    this.me = await apiPost<Me>('/api/session', { token });
    sessionChanged();
  }

  async signOut(): Promise<void> {
    await apiDelete('/api/session');
    sessionChanged();
    this.me = null;
  }
}

export const session = new Session();
