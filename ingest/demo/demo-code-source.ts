// demo_codes(): a DuckDB table function that hands DuckDB the generator's blocks, one 2048-row
// vector per call, copying raw bytes and null masks straight into DuckDB's vectors.
import duckdb from '@duckdb/node-bindings';
import { DuckDBEnumType, DuckDBTableFunction, DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';
import type { ChunkFeeder } from './chunk-feeder.ts';
import type { DemoPlan } from './demo-plan.ts';
import { F, STRIDE } from './event-columns.ts';
import type { DemoBlock } from './generate-demo.ts';
import { localShift, type WireColumn } from './wire-columns.ts';

const VECTOR_SIZE = 2048;

type Physical = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>;

/** A typed array laid out like the type's DuckDB vector data (ENUMs store their index type). */
function physicalArray(type: DuckDBType): Physical {
  const id = type instanceof DuckDBEnumType ? type.internalTypeId : type.typeId;
  switch (id) {
    case DuckDBTypeId.UTINYINT: return new Uint8Array(VECTOR_SIZE);
    case DuckDBTypeId.USMALLINT: return new Uint16Array(VECTOR_SIZE);
    case DuckDBTypeId.UINTEGER: return new Uint32Array(VECTOR_SIZE);
    case DuckDBTypeId.INTEGER: return new Int32Array(VECTOR_SIZE);
    case DuckDBTypeId.DOUBLE: return new Float64Array(VECTOR_SIZE);
    default: throw new Error(`demo_codes: no raw layout for column type ${type.toString()}`);
  }
}

/**
 * Fills the output vectors from rows [offset, offset + n) of a block in its output order. The
 * public vector wrappers re-read every ENUM's dictionary on each call (0.6 µs per value), which
 * for the 86,400 times of day would cost more than everything else together, so this writes the
 * bytes and the validity mask itself through the bindings node-api is built on.
 */
class VectorFiller {
  /** Column k's values for the current vector at [k * VECTOR_SIZE, ...); the last slot row holds ticket_day. */
  private readonly staging: Float64Array;
  private readonly sources: Int32Array;
  private readonly mask: Uint8Array<ArrayBuffer> = new Uint8Array(VECTOR_SIZE / 8);
  private readonly physical: Physical[];
  private readonly ymd: Float64Array;
  private readonly shift: { seconds: number; firstDay: number };

  constructor(plan: DemoPlan, private readonly columns: readonly WireColumn[]) {
    this.staging = new Float64Array((columns.length + 1) * VECTOR_SIZE);
    this.sources = Int32Array.from([...columns.map((c) => c.code), F.ticket_day]);
    this.physical = columns.map((c) => physicalArray(c.type));
    this.ymd = Float64Array.from(plan.dates, (d) => Number(d.replaceAll('-', '')));
    this.shift = localShift(plan);
  }

  fill(out: DuckDBDataChunk, block: DemoBlock, offset: number, n: number): void {
    const { staging, sources, mask, ymd } = this;
    const { seconds, firstDay } = this.shift;
    // Row by row: each row is read once, from a few neighbouring cache lines.
    const rows = block.events.rows;
    const order = block.order;
    const width = sources.length;
    for (let r = 0; r < n; r++) {
      const base = order[offset + r]! * STRIDE;
      for (let k = 0; k < width; k++) staging[k * VECTOR_SIZE + r] = rows[base + sources[k]!]!;
    }
    const days = this.columns.length * VECTOR_SIZE;
    this.columns.forEach((column, k) => {
      const from = k * VECTOR_SIZE;
      const to = from + n;
      switch (column.kind) {
        case 'number':
          break;
        case 'dict':
          mask.fill(0);
          for (let i = from; i < to; i++) {
            const code = staging[i]!;
            if (code > 0) {
              staging[i] = code - 1;
              const r = i - from;
              mask[r >> 3]! |= 1 << (r & 7);
            }
          }
          break;
        case 'ticket_no':
          for (let i = from; i < to; i++) staging[i] = ymd[staging[days + i - from]!]! * 1e6 + staging[i]!;
          break;
        case 'local_day':
          for (let i = from; i < to; i++) staging[i] = Math.floor((staging[i]! + seconds) / 86_400) - firstDay;
          break;
        case 'time_of_day':
          for (let i = from; i < to; i++) {
            const local = staging[i]! + seconds;
            staging[i] = local - Math.floor(local / 86_400) * 86_400;
          }
          break;
      }
      const data = this.physical[k]!;
      data.set(staging.subarray(from, to));
      const vector = duckdb.data_chunk_get_vector(out.chunk, k);
      duckdb.copy_data_to_vector(vector, 0, data.buffer, 0, n * data.BYTES_PER_ELEMENT);
      if (column.kind === 'dict') {
        duckdb.vector_ensure_validity_writable(vector);
        duckdb.copy_data_to_vector_validity(vector, 0, mask.buffer, 0, Math.ceil(n / 64) * 8);
      }
    });
  }
}

/** Registers demo_codes() on `db`; returns a function telling how many rows DuckDB pulled. */
export function registerCodeSource(
  db: DuckDBConnection, plan: DemoPlan, columns: readonly WireColumn[], feeder: ChunkFeeder<DemoBlock>, onError: (err: unknown) => void,
): () => number {
  const filler = new VectorFiller(plan, columns);
  let block: DemoBlock | null = null;
  let offset = 0;
  let rows = 0;
  const fn = DuckDBTableFunction.create({
    name: 'demo_codes',
    bindFunction: (bind) => {
      for (const c of columns) bind.addResultColumn(c.name, c.type);
    },
    initFunction: () => {},
    mainFunction: (info, out) => {
      try {
        while (!block || offset >= block.order.length) {
          block?.release();
          block = feeder.take();
          offset = 0;
          if (!block) {
            out.rowCount = 0;
            return;
          }
        }
        const n = Math.min(VECTOR_SIZE, block.order.length - offset);
        out.rowCount = n;
        filler.fill(out, block, offset, n);
        offset += n;
        rows += n;
      } catch (err) {
        onError(err);
        info.setError(err instanceof Error ? err.message : String(err));
        out.rowCount = 0;
      }
    },
  });
  db.registerTableFunction(fn);
  return () => rows;
}
