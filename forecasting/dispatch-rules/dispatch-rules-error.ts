// The error for a dispatch-rules file that cannot be used: every problem found, each with its
// line, column and key path, so the CLI, the API and the apply preview can show where to fix it; in
// Chinese too (`messages`, as the forecaster's errors carry them).

export interface DispatchRulesIssue {
  /** 1-based line and column, when the problem has a place in the text. */
  line?: number;
  column?: number;
  /** Key path, e.g. queues[1].service_level.target. */
  path: string;
  message: string;
  /** The message in Chinese, where it is written (else the English stands in). */
  zh?: string;
}

export function formatIssue(source: string, issue: DispatchRulesIssue, lang: 'en' | 'zh' = 'en'): string {
  const where = issue.line !== undefined ? `${source}:${issue.line}:${issue.column ?? 1}` : source;
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${lang === 'zh' ? issue.zh ?? issue.message : issue.message}`;
}

export class DispatchRulesError extends Error {
  readonly messages: { en: string; zh: string };
  constructor(readonly source: string, readonly issues: readonly DispatchRulesIssue[]) {
    super(issues.map((i) => formatIssue(source, i)).join('\n'));
    this.name = 'DispatchRulesError';
    this.messages = { en: this.message, zh: issues.map((i) => formatIssue(source, i, 'zh')).join('\n') };
  }
}
