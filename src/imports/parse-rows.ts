// The CPU-heavy half of an import — decode, parse, map headers, validate,
// encode COPY lines — as one function of an input stream. It runs in a worker
// thread (parse-worker.ts) so that it overlaps with the database's COPY and
// never blocks the server's event loop.
import type { Readable } from 'node:stream';
import type { ImportKind } from '../db/schema.ts';
import type { RegionLevel } from '../regions/codes.ts';
import { HeaderError, mapColumns } from './columns.ts';
import { validateFigure } from './figures-rows.ts';
import { validateMember } from './membership-rows.ts';
import { validateResident } from './population-rows.ts';
import { type Cell, readTable, TableError, type TableInfo } from './read-table.ts';
import type { Reject, RowContext, RowOutcome } from './row-context.ts';

export interface ParseInit {
  kind: ImportKind;
  period: string;
  fileName: string;
  sheet: string | undefined;
  map: Record<string, string>;
  desa: string | null;
  /** "code level" pairs, newline-separated: every Kemendagri region. */
  regions: string;
  asOf: number;
  batchRows: number;
}

export interface ParsedHeader {
  info: TableInfo;
  used: Record<string, string>;
  extras: string[];
  openSid: boolean;
}

export interface ParsedBatch {
  /** COPY text of the accepted rows (may be empty). */
  text: string;
  rowsRead: number;
  accepted: number;
  flagged: number;
  rejects: Reject[];
}

/** A problem with the file as a whole (no header, a required column missing…). */
export class ParseFileError extends Error {}

type Validator = (ctx: RowContext, rowNo: number, cells: readonly Cell[]) => RowOutcome;
const VALIDATE: Record<ImportKind, Validator> = {
  population: validateResident,
  membership: validateMember,
  population_figures: validateFigure,
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
    table = await readTable(input, { sheet: init.sheet });
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
  };
  const validate = VALIDATE[init.kind];
  let lines: string[] = [];
  let batch: ParsedBatch = { text: '', rowsRead: 0, accepted: 0, flagged: 0, rejects: [] };
  table.onBrokenRow((rowNo, reason) => {
    batch.rowsRead++;
    batch.rejects.push({ rowNo, column: '', value: '', reason });
  });
  const emit = async () => {
    batch.text = lines.length > 0 ? `${lines.join('\n')}\n` : '';
    const out = batch;
    lines = [];
    batch = { text: '', rowsRead: 0, accepted: 0, flagged: 0, rejects: [] };
    await hooks.onBatch(out);
  };
  for await (const row of table.rows) {
    batch.rowsRead++;
    const outcome = validate(ctx, row.rowNo, row.cells);
    if (outcome.ok) {
      batch.accepted++;
      if (outcome.flagged) batch.flagged++;
      lines.push(outcome.line);
    } else {
      batch.rejects.push(...outcome.rejects);
    }
    if (batch.rowsRead >= init.batchRows) await emit();
  }
  if (batch.rowsRead > 0 || batch.rejects.length > 0) await emit();
}
