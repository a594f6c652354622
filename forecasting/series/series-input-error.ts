// The error for a counts file or series request that cannot be used: says where (source, line,
// column) and what to do, in both languages, so the CLI can print it as is.
import { BilingualError, type InBothLanguages } from '../bilingual-error.ts';

export class SeriesInputError extends BilingualError {
  /** What is wrong and what to do, in English (without the place). */
  readonly reason: string;

  constructor(
    readonly source: string,
    reasons: InBothLanguages,
    readonly line?: number,
    readonly column?: string,
  ) {
    const where = [source, line === undefined ? '' : `line ${line}`, column === undefined ? '' : `column "${column}"`]
      .filter((s) => s !== '').join(', ');
    const whereZh = [source, line === undefined ? '' : `第 ${line} 行`, column === undefined ? '' : `“${column}”列`]
      .filter((s) => s !== '').join('，');
    super({ en: `${where}: ${reasons.en}`, zh: `${whereZh}：${reasons.zh}` });
    this.reason = reasons.en;
    this.name = 'SeriesInputError';
  }
}
