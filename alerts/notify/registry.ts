// The notify types by name and `send(target, message)`. Webhook-style types post JSON over HTTP(S);
// a channel robot that answers 200 with an error code (WeCom, DingTalk, Feishu) has failed too.
import { dingtalkRequest, feishuRequest, slackRequest, webhookRequest, wecomRequest } from './formats.ts';
import type { AlertMessage } from './message.ts';
import type { NotifyTarget, NotifyType, OutgoingRequest } from './target.ts';

const TIMEOUT_MS = 10_000;

function checkUrl(settings: Record<string, unknown>): { key: string; reason: string }[] {
  const url = settings.url;
  if (typeof url !== 'string') return [{ key: 'url', reason: 'give the webhook address, e.g. url: https://example.com/hook' }];
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return [];
  } catch { /* said below */ }
  return [{ key: 'url', reason: `"${url}" is not an http(s) address` }];
}

/** The secret as written, or from the environment variable `secret_env` names (kept out of the file). */
export function secretOf(settings: Record<string, unknown>): string | undefined {
  if (typeof settings.secret_env === 'string') return process.env[settings.secret_env] || undefined;
  return typeof settings.secret === 'string' ? settings.secret : undefined;
}

async function post(request: OutgoingRequest): Promise<void> {
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  // Robots answer 200 and say in the body when they refused (errcode / code not 0).
  let answer: { errcode?: unknown; code?: unknown; errmsg?: unknown; msg?: unknown } | undefined;
  try { answer = JSON.parse(text); } catch { return; }
  const code = answer?.errcode ?? answer?.code;
  if (typeof code === 'number' && code !== 0) throw new Error(`refused (code ${code}): ${String(answer?.errmsg ?? answer?.msg ?? '')}`.trim());
}

const webhookStyle = (format: (target: NotifyTarget, message: AlertMessage) => OutgoingRequest, extraCheck = (_: Record<string, unknown>) => [] as { key: string; reason: string }[]): NotifyType => ({
  check: (settings) => [...checkUrl(settings), ...extraCheck(settings)],
  send: (target, message) => post(format(target, message)),
});

const NOTIFY_TYPES = new Map<string, NotifyType>([
  ['webhook', webhookStyle((t, m) => webhookRequest(String(t.settings.url), m))],
  ['wecom', webhookStyle((t, m) => wecomRequest(String(t.settings.url), m))],
  ['dingtalk', webhookStyle((t, m) => dingtalkRequest(String(t.settings.url), m, secretOf(t.settings)), (s) =>
    s.secret_env !== undefined && typeof s.secret_env !== 'string' ? [{ key: 'secret_env', reason: 'name an environment variable' }] : [])],
  ['feishu', webhookStyle((t, m) => feishuRequest(String(t.settings.url), m))],
  ['lark', webhookStyle((t, m) => feishuRequest(String(t.settings.url), m))],
  ['slack', webhookStyle((t, m) => slackRequest(String(t.settings.url), m))],
]);

/** Adds a channel type (the digest's side adds `email`). */
export function registerNotifyType(name: string, type: NotifyType): void {
  NOTIFY_TYPES.set(name, type);
}

export function notifyType(name: string): NotifyType | undefined {
  return NOTIFY_TYPES.get(name);
}

export function notifyTypeNames(): string[] {
  return [...NOTIFY_TYPES.keys()];
}

/** Sends one message to one target; throws with the reason when it was not delivered. */
export async function send(target: NotifyTarget, message: AlertMessage): Promise<void> {
  const type = NOTIFY_TYPES.get(target.type);
  if (!type) throw new Error(`notify target "${target.id}": no channel type "${target.type}"`);
  await type.send(target, message);
}
