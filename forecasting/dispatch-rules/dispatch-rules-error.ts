// The error for a dispatch-rules file that cannot be used: every problem found, each with its
// line, column and key path, so the CLI, the API and the apply preview can show where to fix it.

export interface DispatchRulesIssue {
  /** 1-based line and column, when the problem has a place in the text. */
  line?: number;
  column?: number;
  /** Key path, e.g. queues[1].service_level.target. */
  path: string;
  message: string;
}

export function formatIssue(source: string, issue: DispatchRulesIssue): string {
  const where = issue.line !== undefined ? `${source}:${issue.line}:${issue.column ?? 1}` : source;
  return `${where}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
}

export class DispatchRulesError extends Error {
  constructor(readonly source: string, readonly issues: readonly DispatchRulesIssue[]) {
    super(issues.map((i) => formatIssue(source, i)).join('\n'));
    this.name = 'DispatchRulesError';
  }
}
