// The one error type of the mapping module: what is wrong in which mapping file, where
// (line, column, key path) and what to do. Thrown by loadMapping and by mappingSql.

export interface MappingPlace {
  file: string;
  line?: number;      // 1-based
  column?: number;    // 1-based
  path?: string;      // key path in the mapping, e.g. `snapshots.changes[1].on`
}

export class MappingError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string | undefined;
  /** The bare reason, without the place prefix of `message`. */
  readonly reason: string;

  constructor(place: MappingPlace, reason: string) {
    const where = place.line === undefined ? place.file : `${place.file}:${place.line}:${place.column ?? 1}`;
    super(`${where}: ${place.path ? `${place.path}: ` : ''}${reason}`);
    this.name = 'MappingError';
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.path = place.path;
    this.reason = reason;
  }
}
