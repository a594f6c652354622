// The error for a counts file or series request that cannot be used: says where (source, line,
// column) and what to do, so the CLI can print it as is.

export class SeriesInputError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    const where = [source, line === undefined ? '' : `line ${line}`, column === undefined ? '' : `column "${column}"`]
      .filter((s) => s !== '').join(', ');
    super(`${where}: ${reason}`);
    this.name = 'SeriesInputError';
  }
}
