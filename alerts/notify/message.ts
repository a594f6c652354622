// What an alert tells people, independent of the channel: every notify type formats this one shape.

export interface AlertMessage {
  alertId: string;
  ruleId: string;
  kind: 'threshold' | 'anomaly' | 'breaching' | string;
  /** fired, reminded, escalated or resolved (T5's digest sends 'digest'). */
  event: string;
  title: string;
  /** Plain text lines under the title (figures, tickets, comments). */
  lines: string[];
  /** Machine-readable detail (observed, expected, group, tickets ...) for the generic webhook. */
  detail: Record<string, unknown>;
  at: string;
}

/** Title and lines as one plain text (WeCom, DingTalk, Feishu and Slack texts). */
export function plainText(message: AlertMessage): string {
  return [`[DeskPulse] ${message.title}`, ...message.lines].join('\n');
}
