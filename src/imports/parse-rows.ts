// The CPU-heavy half of an import — decode, parse, map headers, validate,
// encode COPY lines — as one function of an input stream. It runs in a worker
// thread (parse-worker.ts) so that it overlaps with the database's COPY and
// never blocks the server's event loop.
import type { Readable } from 'node:stream';
import type { ImportKind } from '../db/schema.ts';
import type { RegionLevel } from '../regions/codes.ts';
import { HeaderError, mapColumns } from './columns.ts';
import { CopyBuffer } from './copy-text.ts';
import { createFigureValidator } from './figures-rows.ts';
import { createMemberValidator } from './membership-rows.ts';
import { createResidentValidator } from './population-rows.ts';
import {
  type Cell,
  readTable,
  TableError,
  type TableInfo,
  type TableRow,
  type TextEncoding,
} from './read-table.ts';
import type { Reject, RowContext, RowOutcome } from './row-context.ts';

export interface ParseInit {
  kind: ImportKind;
  period: string;
  fileName: string;
  sheet: string | undefined;
  /** Forced text encoding of a CSV (default: guessed from its first bytes). */
  encoding: TextEncoding | undefined;
  map: Record<string, string>;
  desa: string | null;
  /** "code level" pairs, newline-separated: every Kemendagri region. */
  regions: string;
  asOf: number;
  /** Region-code prefixes the importing user may write to; null: anywhere. */
  scope: string[] | null;
  batchRows: number;
  /**
   * The consumer is done with a batch before it asks for the next (parsing on
   * its own thread): the batch buffer is reused instead of reallocated.
   */
  reuseBuffers: boolean;
}

export interface ParsedHeader {
  info: TableInfo;
  used: Record<string, string>;
  extras: string[];
  openSid: boolean;
}

export interface ParsedBatch {
  /** COPY text of the accepted rows, UTF-8 (may be empty). */
  data: Uint8Array;
  rowsRead: number;
  accepted: number;
  flagged: number;
  rejects: Reject[];
}

/** A problem with the file as a whole (no header, a required column missing…). */
export class ParseFileError extends Error {}

type Validator = (rowNo: number, cells: readonly Cell[]) => RowOutcome;
const VALIDATOR: Record<ImportKind, (ctx: RowContext, out: CopyBuffer) => Validator> = {
  population: createResidentValidator,
  membership: createMemberValidator,
  population_figures: createFigureValidator,
};

export function decodeRegions(text: string): Map<string, RegionLevel> {
  const levels = new Map<string, RegionLevel>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) levels.set(line.slice(0, space), line.slice(space + 1) as RegionLevel);
  }
  return levels;
}

export async function parseRows(
  input: Readable,
  init: ParseInit,
  hooks: {
    /** Called once with the header; resolves with the import id to write. */
    onHeader(header: ParsedHeader): Promise<number>;
    /** Called per batch; resolves when the consumer can take more. */
    onBatch(batch: ParsedBatch): Promise<void>;
  },
): Promise<void> {
  let table: Awaited<ReturnType<typeof readTable>>;
  let mapping: ReturnType<typeof mapColumns>;
  try {
    table = await readTable(input, { sheet: init.sheet, encoding: init.encoding });
    mapping = mapColumns(
      init.kind,
      table.header,
      init.map,
      new Set(init.desa ? ['kode_desa'] : []),
    );
  } catch (error) {
    if (error instanceof TableError || error instanceof HeaderError)
      throw new ParseFileError(error.message);
    throw error;
  }
  const importId = await hooks.onHeader({
    info: table.info,
    used: mapping.used,
    extras: [...mapping.extras.values()],
    openSid: mapping.openSid,
  });
  const ctx: RowContext = {
    mapping,
    period: init.period,
    importId,
    fileName: init.fileName,
    desa: init.desa,
    regions: { levels: decodeRegions(init.regions) },
    asOf: new Date(init.asOf),
    scope: init.scope,
  };
  const lines = new CopyBuffer();
  const validate = VALIDATOR[init.kind](ctx, lines);
  const empty = new Uint8Array(0);
  let batch: ParsedBatch = { data: empty, rowsRead: 0, accepted: 0, flagged: 0, rejects: [] };
  const emit = async () => {
    batch.data = lines.lines > 0 ? lines.take(init.reuseBuffers) : empty;
    const out = batch;
    batch = { data: empty, rowsRead: 0, accepted: 0, flagged: 0, rejects: [] };
    await hooks.onBatch(out);
  };
  const reading = table.rows[Symbol.asyncIterator]();
  while (true) {
    let next: IteratorResult<readonly TableRow[]>;
    try {
      next = await reading.next();
    } catch (error) {
      // Found only part-way through the file (an encoding error): the whole
      // file is refused, as for a bad header.
      if (error instanceof TableError) throw new ParseFileError(error.message);
      throw error;
    }
    if (next.done) break;
    const rows = next.value;
    for (const row of rows) {
      batch.rowsRead++;
      if (row.broken !== undefined) {
        batch.rejects.push({ rowNo: row.rowNo, column: '', value: '', reason: row.broken });
        continue;
      }
      const outcome = validate(row.rowNo, row.cells);
      if (outcome.ok) {
        batch.accepted++;
        if (outcome.flagged) batch.flagged++;
      } else {
        for (const r of outcome.rejects) batch.rejects.push(r);
      }
    }
    if (batch.rowsRead >= init.batchRows) await emit();
  }
  if (batch.rowsRead > 0 || batch.rejects.length > 0) await emit();
}
