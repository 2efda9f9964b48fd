// Turns an uploaded file — CSV in any of the encodings and separators people
// send, or an XLSX workbook — into a header and a stream of rows, without ever
// holding the whole file in memory.
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

/** A cell as read: text from CSV; text, number or date from XLSX. */
export type Cell = string | number | Date | null;

export interface TableRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  readonly rowNo: number;
  readonly cells: readonly Cell[];
  /** Set when the reader could not parse the row at all (CSV syntax): why. */
  readonly broken?: string;
}

export interface TableInfo {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
}

export interface Table {
  readonly info: TableInfo;
  readonly header: readonly string[];
  /** The rows after the header, a few hundred at a time (one promise per batch, not per row). */
  readonly rows: AsyncIterable<readonly TableRow[]>;
}

export class TableError extends Error {}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const SNIFF_BYTES = 256 * 1024;

/** Reads up to `bytes` from the start of a stream and gives back the whole stream. */
async function peek(input: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay() {
    yield head;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, stream: Readable.from(replay(), { objectMode: false }) };
}

/** UTF-8 (with or without BOM) if the sample decodes as such, else Windows-1252 (old Excel). */
export function sniffEncoding(head: Buffer): 'utf8' | 'windows-1252' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'windows-1252';
  }
}

/** The separator that splits the header line into the most fields. */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const firstLine = (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').replace(
    /"[^"]*"/g,
    '',
  );
  let best: ',' | ';' | '\t' = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t'] as const) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export type TextEncoding = 'utf8' | 'windows-1252';

export async function readTable(
  input: Readable,
  opts: { sheet?: string | undefined; encoding?: TextEncoding | undefined },
): Promise<Table> {
  const { head, stream } = await peek(input, SNIFF_BYTES);
  if (head.length === 0) throw new TableError('the file is empty');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return readXlsx(stream, opts.sheet);
  if (opts.sheet) throw new TableError('--sheet applies to XLSX files; this file is CSV');
  return readCsv(stream, head, opts.encoding);
}

/**
 * UTF-8 that must stay UTF-8: the encoding is guessed from the start of the
 * file, and a Windows-1252 character further on would otherwise be replaced
 * by U+FFFD without a word. Fails instead, naming the byte and the option.
 */
class StrictUtf8 extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.push(this.decoder.decode(chunk, { stream: true }));
      this.offset += chunk.length;
      done();
    } catch {
      done(this.notUtf8(chunk));
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.push(this.decoder.decode());
      done();
    } catch {
      done(this.notUtf8(Buffer.alloc(0)));
    }
  }

  private notUtf8(chunk: Buffer): TableError {
    const at = this.offset + firstInvalidUtf8(chunk);
    return new TableError(
      `the file is not valid UTF-8 (byte ${at.toLocaleString('en')}), though it starts as UTF-8; if it was saved as Windows-1252 (Excel's "CSV" on Windows), import it again with --encoding windows-1252`,
    );
  }
}

/** Where in a chunk UTF-8 decoding first fails (the chunk's length if nowhere). */
function firstInvalidUtf8(chunk: Buffer): number {
  let lo = 0;
  let hi = chunk.length;
  // Binary search for the shortest failing prefix (a cut character at the
  // end of a prefix is not a failure in stream mode).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid + 1), {
        stream: true,
      });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

async function readCsv(
  stream: Readable,
  head: Buffer,
  forced: TextEncoding | undefined,
): Promise<Table> {
  const encoding = forced ?? sniffEncoding(head);
  const delimiter = sniffDelimiter(iconv.decode(head, encoding));
  // Papa Parse pushes the rows of each chunk it reads (~64 KiB); this queue
  // turns them into an async iterator of batches and pauses the parser while
  // the consumer is behind, so memory stays flat.
  const queue: TableRow[][] = [];
  let recordNo = 0;
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let paused: Papa.Parser | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const decoded = stream.pipe(
    encoding === 'utf8' ? new StrictUtf8() : iconv.decodeStream(encoding),
  ) as Readable;
  stream.on('error', (e) => decoded.emit('error', e));
  Papa.parse<string[]>(decoded as unknown as NodeJS.ReadableStream, {
    delimiter,
    skipEmptyLines: false,
    chunk(results, parser) {
      // Papa numbers a chunk's errors by the row's index in the chunk.
      let broken: Map<number, string> | null = null;
      for (const e of results.errors) {
        if ((e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') && e.row !== undefined) {
          broken ??= new Map();
          broken.set(e.row, e.message);
        }
      }
      const rows: TableRow[] = [];
      const data = results.data;
      for (let i = 0; i < data.length; i++) {
        recordNo++;
        const reason = broken?.get(i);
        if (reason !== undefined) {
          rows.push({
            rowNo: recordNo,
            cells: [],
            broken: `baris CSV tidak dapat dibaca: ${reason}`,
          });
          continue;
        }
        const cells = data[i] as string[];
        if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue;
        rows.push({ rowNo: recordNo, cells });
      }
      if (rows.length > 0) queue.push(rows);
      if (queue.length >= 4 && !paused) {
        paused = parser;
        parser.pause();
      }
      notify();
    },
    complete() {
      ended = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      notify();
    },
  });
  decoded.on('error', (e) => {
    failure = e;
    notify();
  });
  async function next(): Promise<TableRow[] | null> {
    while (true) {
      const rows = queue.shift();
      if (rows) {
        if (paused && queue.length < 2) {
          const parser = paused;
          paused = null;
          parser.resume();
        }
        return rows;
      }
      if (failure) throw failure;
      if (ended) return null;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }
  let first = await next();
  while (first && first.length === 0) first = await next();
  const headerRow = first?.[0];
  if (!first || !headerRow || headerRow.broken) throw new TableError('the file has no header row');
  const header = headerRow.cells.map((h) => String(h ?? '').trim());
  const rest = first.slice(1);
  async function* rows(): AsyncGenerator<readonly TableRow[]> {
    if (rest.length > 0) yield rest;
    while (true) {
      const batch = await next();
      if (!batch) return;
      yield batch;
    }
  }
  return { info: { format: 'csv', encoding, delimiter, sheet: null }, header, rows: rows() };
}

type ExcelValue = ExcelJS.CellValue;

function toCell(value: ExcelValue | undefined): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return toCell(value.result as ExcelValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value);
}

function rowCells(row: ExcelJS.Row): Cell[] {
  const values = row.values as ExcelValue[];
  const cells: Cell[] = [];
  for (let i = 1; i < values.length; i++) cells.push(toCell(values[i]));
  return cells;
}

interface WorkbookModel {
  sheets?: { name: string; id: number; rId: string }[];
}
interface ReaderInternals {
  model?: WorkbookModel;
  workbookRels?: { Id: string; Target: string }[];
}

/** The sheet's name from the workbook (the streaming reader only knows "SheetN"). */
function sheetName(
  reader: ReaderInternals,
  sheetNo: number,
): { name: string | null; order: number } {
  const sheets = reader.model?.sheets ?? [];
  const rels = reader.workbookRels ?? [];
  for (const [order, s] of sheets.entries()) {
    const target = rels.find((r) => r.Id === s.rId)?.Target ?? '';
    if (target.replace(/^\/?(xl\/)?/, '') === `worksheets/sheet${sheetNo}.xml`) {
      return { name: s.name, order };
    }
  }
  return { name: null, order: sheetNo - 1 };
}

async function readXlsx(stream: Readable, wanted: string | undefined): Promise<Table> {
  // Loaded only for a workbook: exceljs is large, and most files are CSV.
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<
    ExcelJS.stream.xlsx.WorksheetReader & { id: number }
  >;
  const seen: string[] = [];
  const drain = async () => {
    while (true) {
      const next = await sheets.next();
      if (next.done) return;
      for await (const _ of next.value) {
        // other sheets are read past, so the whole file is consumed
      }
    }
  };
  while (true) {
    const next = await sheets.next();
    if (next.done) break;
    const ws = next.value;
    const { name, order } = sheetName(internals, Number(ws.id));
    seen.push(name ?? `Sheet${ws.id}`);
    const isWanted = wanted
      ? (name ?? '').trim().toLowerCase() === wanted.trim().toLowerCase()
      : order === 0 || seen.length === 1;
    if (!isWanted) {
      for await (const _ of ws) {
        // not this one
      }
      continue;
    }
    const rowIterator = ws[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.Row>;
    let headerRow: ExcelJS.Row | null = null;
    while (!headerRow) {
      const r = await rowIterator.next();
      if (r.done) break;
      if (rowCells(r.value).some((c) => c !== null && String(c).trim() !== '')) headerRow = r.value;
    }
    if (!headerRow) throw new TableError(`sheet "${name ?? ws.id}" is empty`);
    const header = rowCells(headerRow).map((c) => (c === null ? '' : String(c).trim()));
    async function* rows(): AsyncGenerator<readonly TableRow[]> {
      let batch: TableRow[] = [];
      while (true) {
        const r = await rowIterator.next();
        if (r.done) break;
        const cells = rowCells(r.value);
        if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) continue;
        batch.push({ rowNo: r.value.number, cells });
        if (batch.length >= 500) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
      await drain();
    }
    return {
      info: { format: 'xlsx', encoding: null, delimiter: null, sheet: name },
      header,
      rows: rows(),
    };
  }
  throw new TableError(
    wanted
      ? `the workbook has no sheet named "${wanted}" (sheets: ${seen.join(', ') || 'none'})`
      : 'the workbook has no sheets',
  );
}
