// fetch against /api with the session cookie: JSON in, JSON out, and an ApiError carrying the
// API's own message (the UI shows it as is). A 401 from any call sent in this session runs the sign-in handler.
import type { Label } from './types.ts';

export class ApiError extends Error {
  /** `label`: the refusal in both languages, when the API words it for a page (e.g. a team not the caller's). */
  constructor(readonly status: number, message: string, readonly field: string | null = null, readonly label: Label | null = null) {
    super(message);
    this.name = 'ApiError';
  }
}

let unauthorized: (message: string) => void = () => {};
// Counts sign-ins and sign-outs: a request sent before the latest one is answered for a session gone
// (on a loaded server its 401 can come after the sign-in), which says nothing of the one now.
let sessionNumber = 0;

/** This session's number: what is asked once per session is asked again when it changes. */
export const currentSession = (): number => sessionNumber;

/** A sign-in or sign-out: the answers to requests sent before it are of the session gone. */
export function sessionChanged(): void {
  sessionNumber += 1;
}

/** What to do when the API says the caller is not signed in (the layout sends them to /login). */
export function onUnauthorized(handler: (message: string) => void): void {
  unauthorized = handler;
}

async function read<T>(response: Response, what: string, sentIn: number): Promise<T> {
  if (response.ok) return (response.status === 204 ? null : await response.json()) as T;
  const body = (await response.json().catch(() => null)) as { message?: unknown; field?: unknown; label?: Label } | null;
  const message = typeof body?.message === 'string' ? body.message : `${what}: HTTP ${response.status} ${response.statusText}`;
  if (response.status === 401 && sentIn === sessionNumber) unauthorized(message);
  const label = typeof body?.label?.en === 'string' && typeof body.label.zh === 'string' ? body.label : null;
  throw new ApiError(response.status, message, typeof body?.field === 'string' ? body.field : null, label);
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const sentIn = sessionNumber;
  let response: Response;
  try {
    response = await fetch(url, {
      method, credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    throw new ApiError(0, `${method} ${url.split('?')[0]}: the server did not answer (${(err as Error).message}); is \`deskpulse serve\` running?`);
  }
  return read<T>(response, `${method} ${url.split('?')[0]}`, sentIn);
}

export const apiGet = <T>(url: string): Promise<T> => send<T>('GET', url);
export const apiPost = <T>(url: string, body: unknown): Promise<T> => send<T>('POST', url, body);
export const apiDelete = (url: string): Promise<void> => send<void>('DELETE', url);
