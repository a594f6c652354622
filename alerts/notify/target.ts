// A notify target of the config (notify: { id: { type, url, ... } }) and the channel types. The
// registry (registry.ts) maps each type to how it is checked and sent; e-mail is added by the digest's
// side (alerts/notify/email.ts) through registerNotifyType.
import type { AlertMessage } from './message.ts';

export interface NotifyTarget {
  id: string;
  type: string;
  /** The target's settings as written (url, secret, secret_env, to, ...). */
  settings: Record<string, unknown>;
}

/** An HTTP request a webhook-style channel sends (the body already serialised). */
export interface OutgoingRequest { url: string; headers: Record<string, string>; body: string }

export interface NotifyType {
  /** Reasons the settings are unusable, keyed by the setting ('' for the target itself); empty when fine. */
  check(settings: Record<string, unknown>): { key: string; reason: string }[];
  /** Delivers one message; throws with a reason on failure (the caller retries and records it). */
  send(target: NotifyTarget, message: AlertMessage): Promise<void>;
}
