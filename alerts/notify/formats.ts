// The body each webhook-style channel expects: a generic JSON webhook, WeCom (企业微信) and DingTalk
// (钉钉, signed with timestamp + HMAC-SHA256 of its secret) group robots, Feishu/Lark and Slack
// incoming webhooks. Pure functions: message (+ secret, time) -> request.
import { createHmac } from 'node:crypto';
import { plainText, type AlertMessage } from './message.ts';
import type { OutgoingRequest } from './target.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

export function webhookRequest(url: string, message: AlertMessage): OutgoingRequest {
  return { url, headers: JSON_HEADERS, body: JSON.stringify({ source: 'deskpulse', ...message }) };
}

export function wecomRequest(url: string, message: AlertMessage): OutgoingRequest {
  return { url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'text', text: { content: plainText(message) } }) };
}

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), both as query parameters. */
export function dingtalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkRequest(url: string, message: AlertMessage, secret: string | undefined, nowMs = Date.now()): OutgoingRequest {
  const signed = new URL(url);
  if (secret) {
    signed.searchParams.set('timestamp', String(nowMs));
    signed.searchParams.set('sign', dingtalkSignature(secret, nowMs));
  }
  return { url: signed.toString(), headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'text', text: { content: plainText(message) } }) };
}

export function feishuRequest(url: string, message: AlertMessage): OutgoingRequest {
  return { url, headers: JSON_HEADERS, body: JSON.stringify({ msg_type: 'text', content: { text: plainText(message) } }) };
}

export function slackRequest(url: string, message: AlertMessage): OutgoingRequest {
  return { url, headers: JSON_HEADERS, body: JSON.stringify({ text: `*${message.title}*\n${message.lines.join('\n')}` }) };
}
