// Each channel's body as a real receiver on loopback gets it; DingTalk's signature verified as
// DingTalk does; a failing target retried and recorded without holding up the others.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, type DeliveryAttempt } from '../../../alerts/notify/deliver.ts';
import type { AlertMessage } from '../../../alerts/notify/message.ts';
import { send } from '../../../alerts/notify/registry.ts';
import { startReceiver, type Receiver } from './receiver.ts';

const MESSAGE: AlertMessage = {
  alertId: 'complaint-spike:product=P3', ruleId: 'complaint-spike', kind: 'anomaly', event: 'fired',
  title: 'complaint-spike: product=P3: 25 tickets in the last 2 h, expected 1.5', lines: ['tickets: T1, T2', 'low ratings: "太慢了"'],
  detail: { observed: 25, expected: 1.5 }, at: '2026-12-03T08:00:00.000Z',
};

let receiver: Receiver;
beforeAll(async () => { receiver = await startReceiver(); });
afterAll(async () => { await receiver.close(); });

const target = (type: string, path: string, settings: Record<string, unknown> = {}) => ({ id: type, type, settings: { url: `${receiver.url}${path}`, ...settings } });
const last = (path: string) => receiver.received.filter((r) => r.path === path).at(-1)!;

describe('notify formats', () => {
  it('generic webhook: the message as JSON', async () => {
    await send(target('webhook', '/hook'), MESSAGE);
    expect(last('/hook').json).toEqual({ source: 'deskpulse', ...MESSAGE });
  });

  it('WeCom, Feishu and Slack: their text message shapes', async () => {
    await send(target('wecom', '/wecom'), MESSAGE);
    await send(target('feishu', '/feishu'), MESSAGE);
    await send(target('slack', '/slack'), MESSAGE);
    const text = `[DeskPulse] ${MESSAGE.title}\ntickets: T1, T2\nlow ratings: "太慢了"`;
    expect(last('/wecom').json).toEqual({ msgtype: 'text', text: { content: text } });
    expect(last('/feishu').json).toEqual({ msg_type: 'text', content: { text } });
    expect(last('/slack').json).toEqual({ text: `*${MESSAGE.title}*\ntickets: T1, T2\nlow ratings: "太慢了"` });
  });

  it('DingTalk: signed with timestamp + HMAC-SHA256 of the secret (from the environment)', async () => {
    process.env.T4_DINGTALK_SECRET = 'SEC-test-secret';
    const before = Date.now();
    await send(target('dingtalk', '/dingtalk', { secret_env: 'T4_DINGTALK_SECRET' }), MESSAGE);
    const got = last('/dingtalk');
    const timestamp = Number(got.query.get('timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    const expected = createHmac('sha256', 'SEC-test-secret').update(`${timestamp}\nSEC-test-secret`).digest('base64');
    expect(got.query.get('sign')).toBe(expected);
    expect(got.json.msgtype).toBe('text');
    expect(got.json.text.content).toContain('product=P3');
  });

  it('a robot answering 200 with an error code has failed; retries are recorded, other targets are not held up', async () => {
    receiver.answer.set('/refusing', { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    receiver.answer.set('/down', { status: 503, body: 'down' });
    const attempts: DeliveryAttempt[] = [];
    const delivered = await deliver([target('dingtalk', '/refusing'), target('webhook', '/down'), target('wecom', '/fine')], MESSAGE,
      (a) => { attempts.push(a); }, { attempts: 3, backoffMs: () => 20 });
    expect(delivered).toEqual([false, false, true]);
    expect(attempts.filter((a) => a.target === 'dingtalk').map((a) => [a.attempt, a.outcome])).toEqual([[1, 'failed'], [2, 'failed'], [3, 'failed']]);
    expect(attempts.find((a) => a.target === 'dingtalk')!.why).toBe('refused (code 310000): sign not match');
    expect(attempts.find((a) => a.target === 'webhook')!.why).toBe('HTTP 503: down');
    expect(attempts.filter((a) => a.target === 'wecom')).toMatchObject([{ attempt: 1, outcome: 'sent', why: null }]);
  });
});
