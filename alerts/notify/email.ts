// The `email` notify type: mail over SMTP with nodemailer. Settings in the config's notify: target
// (host, port, secure, from, to, user); the password only from the environment (password_env).
// Alerts go as plain text through the registry's send(); the digest sends HTML with an inline PNG
// through sendMail(). Importing this module registers the type.
import nodemailer from 'nodemailer';
import { plainText, type AlertMessage } from './message.ts';
import { registerNotifyType } from './registry.ts';
import type { NotifyTarget } from './target.ts';

export interface MailContent {
  subject: string;
  text: string;
  html?: string;
  /** Inline images: referenced from the HTML as cid:<cid>. */
  images?: { cid: string; filename: string; content: Buffer }[];
}

const TIMEOUT_MS = 20_000;
const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

function checkEmail(settings: Record<string, unknown>): { key: string; reason: string }[] {
  const problems: { key: string; reason: string }[] = [];
  if (typeof settings.host !== 'string' || settings.host === '') problems.push({ key: 'host', reason: 'give the SMTP server, e.g. host: smtp.example.com' });
  if (settings.port !== undefined && !(Number.isInteger(settings.port) && Number(settings.port) > 0 && Number(settings.port) < 65536)) {
    problems.push({ key: 'port', reason: `"${settings.port}" is not a port; e.g. port: 587` });
  }
  if (typeof settings.from !== 'string' || !settings.from.includes('@')) problems.push({ key: 'from', reason: 'give the sender address, e.g. from: deskpulse@example.com' });
  const to = asList(settings.to);
  if (to.length === 0 || to.some((a) => !a.includes('@'))) problems.push({ key: 'to', reason: 'give the recipients, e.g. to: [manager@example.com]' });
  if (settings.password !== undefined) problems.push({ key: 'password', reason: 'keep the password out of the file: name an environment variable with password_env' });
  if (settings.password_env !== undefined && typeof settings.password_env !== 'string') problems.push({ key: 'password_env', reason: 'name an environment variable' });
  return problems;
}

function transportOf(settings: Record<string, unknown>) {
  const port = Number(settings.port ?? 587);
  const user = typeof settings.user === 'string' ? settings.user : undefined;
  const pass = typeof settings.password_env === 'string' ? process.env[settings.password_env] : undefined;
  return nodemailer.createTransport({
    host: String(settings.host), port, secure: settings.secure === undefined ? port === 465 : Boolean(settings.secure),
    ...(user ? { auth: { user, pass: pass ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS,
  });
}

function messageOf(target: NotifyTarget, mail: MailContent) {
  return {
    from: String(target.settings.from), to: asList(target.settings.to), subject: mail.subject, text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    attachments: (mail.images ?? []).map((i) => ({ filename: i.filename, content: i.content, cid: i.cid, contentType: 'image/png' })),
  };
}

/** Sends one mail to the target's recipients; throws with the server's reason when it was refused. */
export async function sendMail(target: NotifyTarget, mail: MailContent): Promise<void> {
  const transport = transportOf(target.settings);
  try {
    await transport.sendMail(messageOf(target, mail));
  } finally {
    transport.close();
  }
}

/** The mail as RFC 822 text (a .eml file), without sending it. */
export async function mailSource(target: NotifyTarget, mail: MailContent): Promise<Buffer> {
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(messageOf(target, mail));
  return built.message as Buffer;
}

registerNotifyType('email', {
  check: checkEmail,
  send: (target: NotifyTarget, message: AlertMessage) => sendMail(target, { subject: `[DeskPulse] ${message.title}`, text: plainText(message) }),
});
