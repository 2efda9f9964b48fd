// The rejects CSV: every rejected row with its row number, column, value and
// reason. Opened only when the first reject arrives. Cells that a spreadsheet
// would run as a formula are neutralised, since the values come from outside.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Reject } from './row-context.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class RejectsFile {
  #stream: WriteStream | null = null;
  #lastRowNo = Number.NaN;
  /** Problems written (a row may have several). */
  count = 0;
  /** Rows rejected: rejects arrive in row order, a row's problems together. */
  rows = 0;

  constructor(readonly path: string) {}

  write(reject: Reject): void {
    if (!this.#stream) {
      mkdirSync(dirname(this.path), { recursive: true });
      // 'wx': never overwrite another import's rejects.
      this.#stream = createWriteStream(this.path, { flags: 'wx' });
      this.#stream.write('row,column,value,reason\n');
    }
    this.count++;
    if (reject.rowNo !== this.#lastRowNo) {
      this.rows++;
      this.#lastRowNo = reject.rowNo;
    }
    this.#stream.write(
      `${[reject.rowNo, reject.column, reject.value, reject.reason].map(csvCell).join(',')}\n`,
    );
  }

  /** The file's path, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    const stream = this.#stream;
    if (!stream) return null;
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.end(resolve);
    });
    return this.path;
  }
}
