// Text a planner reads from the forecaster, in both languages: input and flag errors, counts-file
// warnings and the reasons a queue is skipped carry their Chinese beside the English, so the CLI
// (--lang) and the pages choose; `message` stays the English the API and logs have always had.
export interface InBothLanguages { en: string; zh: string }

export class BilingualError extends Error {
  constructor(readonly messages: InBothLanguages) {
    super(messages.en);
    this.name = 'BilingualError';
  }
}

/** A RangeError (the API answers 404: nothing there to forecast from) with both languages. */
export function bilingualRangeError(messages: InBothLanguages): RangeError & { messages: InBothLanguages } {
  return Object.assign(new RangeError(messages.en), { messages });
}

const hasMessages = (err: unknown): err is { messages: InBothLanguages } =>
  typeof err === 'object' && err !== null && typeof (err as { messages?: { zh?: unknown } }).messages?.zh === 'string';

/** Both languages of `err`: its own when it has them, else its message (an OS or library error) in both. */
export function messagesOf(err: unknown): InBothLanguages {
  if (hasMessages(err)) return err.messages;
  const message = err instanceof Error ? err.message : String(err);
  return { en: message, zh: message };
}

/** Why a file could not be read, by the error's code (the OS's own text repeats the path). */
export function unreadableFileReason(err: unknown): InBothLanguages {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { en: 'no such file', zh: '找不到该文件' };
  if (code === 'EISDIR') return { en: 'a folder, not a file', zh: '这是文件夹，不是文件' };
  if (code === 'EACCES' || code === 'EPERM') return { en: 'not allowed to read it', zh: '没有读取权限' };
  const detail = code ?? (err as Error).message;
  return { en: `cannot read it (${detail})`, zh: `无法读取（${detail}）` };
}
